// Models made of other models, the way the AI SDK's `wrapLanguageModel` makes them (the plugin has no `ai`
// dependency): middleware that adds to a call or to its result, and a model whose calls go where a router sends
// them. A wrapper adds; the model's identity and everything the middleware does not touch pass through.
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"

type Generated = Awaited<ReturnType<LanguageModelV3["doGenerate"]>>
type Streamed = Awaited<ReturnType<LanguageModelV3["doStream"]>>

/** What a middleware may change: the call before it goes, and the result of a generate or a stream call. */
export interface ModelMiddleware {
  transformParams?: (params: LanguageModelV3CallOptions, type: "generate" | "stream") => LanguageModelV3CallOptions
  /** `doGenerate` makes the (transformed) call on the wrapped `model`. */
  wrapGenerate?: (call: {
    doGenerate: () => PromiseLike<Generated>
    params: LanguageModelV3CallOptions
    model: LanguageModelV3
  }) => PromiseLike<Generated>
  /** `doStream` makes the (transformed) call on the wrapped `model`. */
  wrapStream?: (call: {
    doStream: () => PromiseLike<Streamed>
    params: LanguageModelV3CallOptions
    model: LanguageModelV3
  }) => PromiseLike<Streamed>
}

/** `model` with `middleware` around its calls. */
export function wrapModel(model: LanguageModelV3, middleware: ModelMiddleware): LanguageModelV3 {
  const transform = (params: LanguageModelV3CallOptions, type: "generate" | "stream") =>
    middleware.transformParams?.(params, type) ?? params
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    async doGenerate(options) {
      const params = transform(options, "generate")
      const doGenerate = () => model.doGenerate(params)
      return middleware.wrapGenerate ? middleware.wrapGenerate({ doGenerate, params, model }) : doGenerate()
    },
    async doStream(options) {
      const params = transform(options, "stream")
      const doStream = () => model.doStream(params)
      return middleware.wrapStream ? middleware.wrapStream({ doStream, params, model }) : doStream()
    },
  }
}

/** What a model says of itself besides its calls. */
export type ModelIdentity = Pick<LanguageModelV3, "provider" | "modelId" | "supportedUrls">

/** Picks the model a call goes to, and the call it makes there. */
export type Router = (params: LanguageModelV3CallOptions) => Promise<[LanguageModelV3, LanguageModelV3CallOptions]>

/** A model that is `identity` to its caller, and whose every call goes where `route` sends it. */
export function routedModel(identity: ModelIdentity, route: Router): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: identity.provider,
    modelId: identity.modelId,
    supportedUrls: identity.supportedUrls,
    async doGenerate(options) {
      const [model, params] = await route(options)
      return model.doGenerate(params)
    },
    async doStream(options) {
      const [model, params] = await route(options)
      return model.doStream(params)
    },
  }
}
