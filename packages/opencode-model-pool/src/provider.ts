// The model module OpenCode builds pool members with: every member's `provider.npm` points here. OpenCode calls
// the first export whose name starts with `create` with the settings it resolved for the provider.
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import {
  createPoolModel,
  describeAnswer,
  describeAttempt,
  describeFailures,
  type PoolExhaustedError,
  type PoolSpec,
} from "@model-pool/core"
import { withoutRegionPrefix } from "./bedrock-model-id.ts"
import { buildModel, type ModelApi, type ProviderSettings } from "./build-model.ts"
import { readMarker } from "./call-marker.ts"
import { withMemberSystem } from "./member-system.ts"
import { pricedByAnsweringMember } from "./member-cost.ts"
import { keyLabels, memberModels, memberSettings } from "./member-models.ts"
import { misplaced, type MemberSource } from "./member-source.ts"
import { POOL_PROVIDER } from "./read-config.ts"
import { RUNTIME_OPTION, runtimeFor, type PoolRuntime } from "./runtime.ts"
import type { CallContext, MemberModel } from "./shape/member-model.ts"
import { shapeCall } from "./shape/shape-call.ts"

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

/** A model the shaping rules know nothing of beyond its ids: OpenCode's provider list did not answer. */
function bareModel(source: Pick<MemberSource, "member" | "providerID" | "modelID" | "apiID" | "npm">): MemberModel {
  return {
    ...source,
    reasoning: false,
    temperature: true,
    outputLimit: 0,
    releaseDate: "",
    options: {},
    variants: {},
    providerOptions: {},
  }
}

const modelOf = (runtime: PoolRuntime, source: MemberSource) => runtime.model(source.member) ?? bareModel(source)

/** What `chat.params` told the module about a call, read from under the provider key OpenCode used. */
function contextOf(runtime: PoolRuntime | undefined, options: LanguageModelV3CallOptions, key: string): CallContext {
  const marker = readMarker(options.providerOptions?.[key])
  return {
    ...(marker?.session ? { sessionID: marker.session } : {}),
    ...(marker?.variant ? { variant: marker.variant } : {}),
    ...(marker?.small ? { small: true } : {}),
    agent: runtime?.agent(marker?.agent) ?? { options: {} },
  }
}

function memberModel(
  providerID: string,
  apiModelID: string,
  settings: ProviderSettings,
  runtime: PoolRuntime | undefined,
  api: ModelApi,
): LanguageModelV3 {
  const found = sourceOf(runtime, providerID, apiModelID)
  if (!found || !runtime)
    throw new Error(
      `opencode-model-pool: ${providerID}/${apiModelID} is routed to the pool module, but no pool lists it (is the plugin loaded?)`,
    )
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

  return {
    specificationVersion: "v3",
    provider: direct.provider,
    modelId: direct.modelId,
    supportedUrls: direct.supportedUrls,
    async doGenerate(options) {
      const [model, call] = await route(options)
      return model.doGenerate(call)
    },
    async doStream(options) {
      const [model, call] = await route(options)
      return model.doStream(call)
    },
  }
}

/**
 * The call with the system rewrite of the auth plugin that owns the member's login, when OpenCode did not run it:
 * OpenCode runs the plugins' rewrites for the turn's provider ID, so a member on another provider, or on an auth
 * profile (whose ID the plugin does not know), misses it. The plugin sees the provider it owns.
 */
function withLoginSystem(
  runtime: PoolRuntime,
  source: MemberSource,
  turnProviderID: string,
  call: LanguageModelV3CallOptions,
  sessionID: string | undefined,
): LanguageModelV3CallOptions {
  const owned = runtime.profiles[source.providerID] ?? source.providerID
  const transform = owned === turnProviderID ? undefined : runtime.systemTransform(source.providerID)
  if (!transform) return call
  const model = { ...runtime.model(source.member), providerID: owned, id: source.modelID }
  return withMemberSystem(call, model, transform, sessionID)
}

/** `pool/<name>` called directly (a title with `small_model: "pool/<name>"`, say): the pool in plan order. */
function namedPoolModel(name: string, runtime: PoolRuntime | undefined): LanguageModelV3 {
  const pool = runtime?.pools.get(`${POOL_PROVIDER}/${name}`)
  if (!runtime || !pool) throw new Error(`opencode-model-pool: there is no pool named ${name} (is the plugin loaded?)`)
  return {
    specificationVersion: "v3",
    provider: POOL_PROVIDER,
    modelId: name,
    supportedUrls: {},
    async doGenerate(options) {
      return (await poolFor(runtime, pool, undefined)).doGenerate(options)
    },
    async doStream(options) {
      return (await poolFor(runtime, pool, undefined)).doStream(options)
    },
  }
}

const poolModels = new WeakMap<PoolRuntime, Map<string, LanguageModelV3>>()

/** The pool model for calls that OpenCode started on `turn`: that member first, then the plan. */
async function poolFor(runtime: PoolRuntime, pool: PoolSpec, turn: MemberSource | undefined): Promise<LanguageModelV3> {
  await Promise.all([runtime.providers(), runtime.agents()])
  const cache = poolModels.get(runtime) ?? new Map<string, LanguageModelV3>()
  poolModels.set(runtime, cache)
  const id = `${pool.name}|${turn?.member ?? ""}`
  const cached = cache.get(id)
  if (cached) return cached
  const build = memberModels(runtime)
  const known = await runtime.providers()
  // A member on a provider OpenCode does not know cannot be sent at all (start-up said so): the pool's calls leave
  // it out, whatever `fallback_on` says, and it gets no cooldown for a mistake in the config.
  const reachable: PoolSpec = {
    ...pool,
    members: pool.members.filter((member) => {
      const source = runtime.sources.get(member)
      return source === undefined || misplaced(source, known, runtime.sources)?.kind !== "provider"
    }),
  }
  // The model OpenCode prepared the call for: the turn's member, or the named pool itself.
  const prepared = turn ?? {
    member: pool.name,
    providerID: POOL_PROVIDER,
    modelID: pool.name.slice(POOL_PROVIDER.length + 1),
    apiID: pool.name.slice(POOL_PROVIDER.length + 1),
    npm: "@ai-sdk/openai-compatible" as const,
  }
  const pooled = createPoolModel({
    pool: reachable,
    store: runtime.store,
    catalog: (member) => runtime.info(member),
    keys: (member) => {
      const source = runtime.sources.get(member)
      return source ? keyLabels(runtime.apiKeys, source.providerID) : []
    },
    preferred: () => turn?.member,
    // A turn's member was picked, and the position advanced, once for the whole turn by `chat.message`.
    rotate: turn === undefined,
    build: (member, key) => {
      const source = runtime.sources.get(member)
      if (!source) throw new Error(`opencode-model-pool: no source for ${member}`)
      return build(source, key)
    },
    prepare: (member, options) => {
      const source = runtime.sources.get(member)
      if (!source) return options
      const turnModel = turn ? modelOf(runtime, turn) : bareModel(prepared)
      const context = contextOf(runtime, options, prepared.providerID)
      const shaped = shapeCall({ member: modelOf(runtime, source), turn: turnModel, context, call: options })
      return withLoginSystem(runtime, source, prepared.providerID, shaped, context.sessionID)
    },
    observer: {
      failure(candidate, classification, attempt) {
        // A model the provider does not have will not come back by itself: say so where the user looks.
        if (classification.lasting === "missing_model")
          return runtime.notify({
            level: "error",
            message: `${candidate.member}: the provider has no such model; it is skipped until its cooldown ends (check its id in the config, then \`opencode-model-pool reset ${candidate.member}\`)`,
            toast: true,
          })
        runtime.notify({ level: "warn", message: `${pool.name}: ${describeAttempt(attempt)}`, toast: false })
      },
      fallback: (from, to, classification) =>
        runtime.notify({
          level: "warn",
          message: `${from.member} -> ${to.member} (${classification.condition})`,
          toast: false,
        }),
      // One notice per call that fell back, once an answer comes: who wrote it, and why each member before it failed.
      success(candidate, attempts) {
        if (attempts.length > 0)
          runtime.notify({ level: "warn", message: describeAnswer(candidate, attempts), toast: true })
      },
    },
    onExhausted: (error) => runtime.notify({ level: "error", message: exhaustedNotice(error), toast: true }),
  })
  // OpenCode prices the call at the model it recorded: a call another member answered carries that member's price.
  const model = pricedByAnsweringMember(pooled, prepared.member, (member) => runtime.price(member))
  cache.set(id, model)
  return model
}

/** What a pool that failed as a whole tells the user: every member's reason, and what OpenCode does next. */
function exhaustedNotice(error: PoolExhaustedError): string {
  const failed = `every member of ${error.pool} failed (${describeFailures(error.attempts)})`
  switch (error.recovery.kind) {
    case "after":
      return `${failed}; OpenCode retries in ${Math.ceil(error.recovery.inMs / 1000)}s, as the providers asked`
    case "unknown":
      return `${failed}; OpenCode retries on its own schedule, as it would without a pool`
    case "none":
      return `${failed}, and none recovers within about 5 min; the turn ends with this error`
  }
}
