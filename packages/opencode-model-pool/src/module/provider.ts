// The model module OpenCode builds pool members with: every member's `provider.npm` points here. OpenCode calls
// the first export whose name starts with `create` with the settings it resolved for the provider.
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { POOL_PROVIDER } from "../config/parse.ts"
import { readMarker } from "../host/call-marker.ts"
import type { MemberSource } from "../host/member-source.ts"
import type { ModelApi, ProviderSettings } from "../host/provider-info.ts"
import { RUNTIME_OPTION, runtimeFor, type PoolRuntime } from "../host/runtime.ts"
import { shapeCall } from "../shape/shape-call.ts"
import { withoutRegionPrefix } from "./bedrock-model-id.ts"
import { buildModel, loadWantedPackages } from "./build-model.ts"
import { contextOf, modelOf, withLoginSystem } from "./call-context.ts"
import { UnknownPoolError, UnroutedModelError } from "./errors.ts"
import { memberSettings } from "./member-settings.ts"
import { poolFor } from "./pool-model.ts"
import { routedModel } from "./wrap-model.ts"

// The config hook notes the members' packages and they load once OpenCode has started; OpenCode imports this module
// when it first builds a model, which then finds them loaded.
await loadWantedPackages()

/** OpenCode's entry point: a provider whose models are pool members. */
export function createModelPoolProvider(settings: ProviderSettings & { name: string }) {
  const { name: providerID, [RUNTIME_OPTION]: instance, ...rest } = settings
  const runtime = runtimeFor(instance)
  runtime?.created.set(providerID, rest)
  const models = new Map<string, LanguageModelV3>()
  const model = (api: ModelApi) => (apiModelID: string) => {
    const id = `${api}:${apiModelID}`
    const cached = models.get(id)
    if (cached) return cached
    const created =
      providerID === POOL_PROVIDER
        ? namedPoolModel(apiModelID, runtime)
        : memberModel(providerID, apiModelID, rest, runtime, api)
    models.set(id, created)
    return created
  }
  // OpenCode's per-provider loaders ask for `responses` (openai, azure) or `chat` (azure with completion URLs):
  // the member is built through the same API.
  return {
    languageModel: model("languageModel"),
    chat: model("chat"),
    chatModel: model("chat"),
    responses: model("responses"),
  }
}

/** The member OpenCode asked for; Bedrock's loader may have put a cross-region prefix (`us.`) on its id. */
function sourceOf(runtime: PoolRuntime | undefined, providerID: string, apiModelID: string): MemberSource | undefined {
  const sources = [...(runtime?.sources.values() ?? [])].filter((source) => source.providerID === providerID)
  return (
    sources.find((source) => source.apiID === apiModelID) ??
    sources.find(
      (source) => source.npm === "@ai-sdk/amazon-bedrock" && withoutRegionPrefix(apiModelID) === source.apiID,
    )
  )
}

function memberModel(
  providerID: string,
  apiModelID: string,
  settings: ProviderSettings,
  runtime: PoolRuntime | undefined,
  api: ModelApi,
): LanguageModelV3 {
  const found = sourceOf(runtime, providerID, apiModelID)
  if (!found || !runtime) throw new UnroutedModelError(`${providerID}/${apiModelID}`)
  const source: MemberSource = found
  const active: PoolRuntime = runtime
  const direct = buildModel(source.npm, providerID, apiModelID, settings, api)
  // OpenCode runs no auth loader for an auth profile: its model is built again with the profile's login.
  let profiled: Promise<LanguageModelV3> | undefined
  const ownModel = async () => {
    if (active.profiles[providerID] === undefined) return direct
    profiled ??= active
      .providers()
      .then(async (infos) =>
        buildModel(
          source.npm,
          providerID,
          apiModelID,
          await memberSettings(active, source, infos.get(providerID)),
          api,
        ),
      )
    return profiled
  }

  async function route(options: LanguageModelV3CallOptions): Promise<[LanguageModelV3, LanguageModelV3CallOptions]> {
    await Promise.all([active.providers(), active.agents()])
    const marker = readMarker(options.providerOptions?.[providerID])
    const pool = marker?.pool === undefined ? undefined : active.pools.get(marker.pool)
    const turn = modelOf(active, source)
    if (!pool) {
      const context = contextOf(active, options, providerID)
      const shaped = shapeCall({ member: turn, turn, context, call: options })
      return [await ownModel(), withLoginSystem(active, source, providerID, shaped, context.sessionID)]
    }
    // The pool shapes the call for each member it tries, this one included.
    return [await poolFor(active, pool, source), options]
  }

  return routedModel(direct, route)
}

/** `pool/<name>` called directly (a title with `small_model: "pool/<name>"`, say): the pool in plan order. */
function namedPoolModel(name: string, runtime: PoolRuntime | undefined): LanguageModelV3 {
  const pool = runtime?.pools.get(`${POOL_PROVIDER}/${name}`)
  if (!runtime || !pool) throw new UnknownPoolError(name)
  const identity = { provider: POOL_PROVIDER, modelId: name, supportedUrls: {} }
  return routedModel(identity, async (params) => [await poolFor(runtime, pool, undefined), params])
}
