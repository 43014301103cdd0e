// The model module OpenCode builds pool members with: every member's `provider.npm` points here. OpenCode calls
// the first export whose name starts with `create` with the settings it resolved for the provider.
import type { LanguageModelV3, LanguageModelV3CallOptions, SharedV3ProviderOptions } from "@ai-sdk/provider"
import { createPoolModel, describeAttempt, type PoolSpec } from "@model-pool/core"
import { buildModel, type ProviderSettings } from "./build-model.ts"
import { POOL_MARKER, readMarker } from "./call-marker.ts"
import { keyLabels, memberModels } from "./member-models.ts"
import { optionsKey, type MemberSource } from "./member-source.ts"
import { withPackageDefaults, type MemberTraits } from "./package-defaults.ts"
import { POOL_PROVIDER } from "./read-config.ts"
import { currentRuntime, type PoolRuntime } from "./runtime.ts"

/** OpenCode's entry point: a provider whose models are pool members. */
export function createModelPoolProvider(settings: ProviderSettings & { name: string }) {
  const { name: providerID, ...rest } = settings
  const runtime = currentRuntime()
  runtime?.created.set(providerID, rest)
  const models = new Map<string, LanguageModelV3>()
  const model = (apiModelID: string) => {
    const cached = models.get(apiModelID)
    if (cached) return cached
    const created =
      providerID === POOL_PROVIDER
        ? namedPoolModel(apiModelID, runtime)
        : memberModel(providerID, apiModelID, rest, runtime)
    models.set(apiModelID, created)
    return created
  }
  // OpenCode's per-provider loaders call `responses` (openai) or `chat`; every form builds the same member.
  return { languageModel: model, chat: model, chatModel: model, responses: model }
}

function traitsOf(runtime: PoolRuntime | undefined, source: MemberSource): MemberTraits {
  return { npm: source.npm, apiID: source.apiID, reasoning: runtime?.reasons(source.member) ?? false }
}

function sourceOf(runtime: PoolRuntime | undefined, providerID: string, apiModelID: string): MemberSource | undefined {
  return [...(runtime?.sources.values() ?? [])].find(
    (source) => source.providerID === providerID && source.apiID === apiModelID,
  )
}

/** The call's provider options as the member's own package reads them, without the pool marker. */
function cleanOptions(
  options: LanguageModelV3CallOptions,
  providerID: string,
  key: string,
): SharedV3ProviderOptions | undefined {
  const all = options.providerOptions
  const own = all?.[providerID]
  if (!all || own === undefined) return all
  const { [POOL_MARKER]: _marker, ...values } = own
  const { [providerID]: _own, ...others } = all
  return { ...others, [key]: values }
}

function memberModel(
  providerID: string,
  apiModelID: string,
  settings: ProviderSettings,
  runtime: PoolRuntime | undefined,
): LanguageModelV3 {
  const found = sourceOf(runtime, providerID, apiModelID)
  if (!found)
    throw new Error(
      `opencode-model-pool: ${providerID}/${apiModelID} is routed to the pool module, but no pool lists it (is the plugin loaded?)`,
    )
  const source: MemberSource = found
  const direct = buildModel(source.npm, providerID, apiModelID, settings)
  const key = optionsKey(source.npm, providerID)

  async function route(options: LanguageModelV3CallOptions): Promise<[LanguageModelV3, LanguageModelV3CallOptions]> {
    const marker = readMarker(options.providerOptions?.[providerID])
    await runtime?.providers()
    const clean = withPackageDefaults(traitsOf(runtime, source), key, {
      ...options,
      providerOptions: cleanOptions(options, providerID, key),
    })
    const pool = marker && runtime?.pools.get(marker.pool)
    if (!pool || !runtime) return [direct, clean]
    return [await poolFor(runtime, pool, source), clean]
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

/** `pool/<name>` called directly (a title with `small_model: "pool/<name>"`, say): the pool in plan order. */
function namedPoolModel(name: string, runtime: PoolRuntime | undefined): LanguageModelV3 {
  const pool = runtime?.pools.get(`${POOL_PROVIDER}/${name}`)
  if (!runtime || !pool) throw new Error(`opencode-model-pool: there is no pool named ${name} (is the plugin loaded?)`)
  // The options OpenCode keyed for the pool model itself are meant for no member.
  const call = (options: LanguageModelV3CallOptions): LanguageModelV3CallOptions => {
    const { [POOL_PROVIDER]: _pool, ...others } = options.providerOptions ?? {}
    return { ...options, providerOptions: others }
  }
  return {
    specificationVersion: "v3",
    provider: POOL_PROVIDER,
    modelId: name,
    supportedUrls: {},
    async doGenerate(options) {
      return (await poolFor(runtime, pool, undefined)).doGenerate(call(options))
    },
    async doStream(options) {
      return (await poolFor(runtime, pool, undefined)).doStream(call(options))
    },
  }
}

const poolModels = new WeakMap<PoolRuntime, Map<string, LanguageModelV3>>()

/** The pool model for calls that OpenCode started on `turn`: that member first, then the plan. */
async function poolFor(runtime: PoolRuntime, pool: PoolSpec, turn: MemberSource | undefined): Promise<LanguageModelV3> {
  await runtime.providers()
  const cache = poolModels.get(runtime) ?? new Map<string, LanguageModelV3>()
  poolModels.set(runtime, cache)
  const id = `${pool.name}|${turn?.member ?? ""}`
  const cached = cache.get(id)
  if (cached) return cached
  const build = memberModels(runtime)
  const turnKey = turn ? optionsKey(turn.npm, turn.providerID) : undefined
  const model = createPoolModel({
    pool,
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
    // Options computed for the turn's model carry over to members of the same package; others get their own.
    prepare: (member, options) => {
      const source = runtime.sources.get(member)
      if (!source || member === turn?.member) return options
      const all = options.providerOptions ?? {}
      const own = turnKey === undefined ? undefined : all[turnKey]
      const others = Object.fromEntries(Object.entries(all).filter(([key]) => key !== turnKey))
      const carried = turn && source.npm === turn.npm ? own : undefined
      const key = optionsKey(source.npm, source.providerID)
      return withPackageDefaults(traitsOf(runtime, source), key, {
        ...options,
        providerOptions: { ...others, [key]: carried ?? {} },
      })
    },
    observer: {
      failure: (_candidate, _classification, attempt) =>
        runtime.notify({ level: "warn", message: `${pool.name}: ${describeAttempt(attempt)}`, toast: false }),
      fallback: (from, to, classification) =>
        runtime.notify({
          level: "warn",
          message: `${from.member} -> ${to.member} (${classification.condition})`,
          toast: true,
        }),
    },
  })
  cache.set(id, model)
  return model
}
