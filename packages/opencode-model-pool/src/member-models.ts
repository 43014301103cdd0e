import type { LanguageModelV3 } from "@ai-sdk/provider"
import { authFilePath, readAuthEntries, type AuthEntry } from "./auth-file.ts"
import { bedrockModelId } from "./bedrock-model-id.ts"
import { buildModel, type ModelApi, type ProviderSettings } from "./build-model.ts"
import { misplaced, type MemberSource, type SupportedNpm } from "./member-source.ts"
import { RUNTIME_OPTION, type PoolRuntime, type ProviderInfo } from "./runtime.ts"
import { transportFetch } from "./transport.ts"

// OpenCode's own transport options; the provider packages do not take them.
const OPENCODE_ONLY = new Set([
  "timeout",
  "chunkTimeout",
  "headerTimeout",
  "setCacheKey",
  "includeUsage",
  RUNTIME_OPTION,
])

/** Settings for a provider OpenCode has not created yet in this process, from what OpenCode resolved for it. */
function settingsFromInfo(
  info: ProviderInfo | undefined,
  modelID: string,
  auth: ProviderSettings = {},
): ProviderSettings {
  const options = Object.fromEntries(Object.entries(info?.options ?? {}).filter(([key]) => !OPENCODE_ONLY.has(key)))
  const model = info?.models[modelID]
  const baseURL = typeof options.baseURL === "string" && options.baseURL !== "" ? options.baseURL : model?.api.url
  const apiKey = typeof options.apiKey === "string" ? options.apiKey : info?.key
  const headers = { ...(options.headers as Record<string, string> | undefined), ...model?.headers }
  const settings = withLogin({ ...options, ...(baseURL ? { baseURL } : {}), ...(apiKey ? { apiKey } : {}) }, auth, info)
  return { ...settings, headers }
}

/**
 * Settings with what a provider's auth plugin gave it on top, and a fetch under OpenCode's transport limits (which
 * come from the provider's options, as OpenCode gives them to every provider it creates) that wraps the plugin's
 * fetch when it has one.
 */
function withLogin(
  settings: ProviderSettings,
  auth: ProviderSettings,
  info: ProviderInfo | undefined,
): ProviderSettings {
  const { fetch: authFetch, ...rest } = auth
  return { ...settings, ...rest, fetch: transportFetch(info?.options ?? {}, authFetch) }
}

/**
 * The settings a member's package is created with: OpenCode's own when it created the provider (its auth
 * plugin's loader ran then), else what OpenCode resolved for it plus what its auth plugin gives. OpenCode runs no
 * loader for an auth profile, so a profile's plugin options join OpenCode's settings too, under the transport
 * limits of the provider's options.
 */
export async function memberSettings(
  runtime: PoolRuntime,
  source: Pick<MemberSource, "providerID" | "modelID">,
  info: ProviderInfo | undefined,
): Promise<ProviderSettings> {
  const created = runtime.created.get(source.providerID)
  const profile = runtime.profiles[source.providerID] !== undefined
  if (created && !profile) return created
  const auth = (await runtime.authOptions(source.providerID, info))?.options
  if (!created) return settingsFromInfo(info, source.modelID, auth)
  return auth ? withLogin(created, auth, info) : created
}

const KEY_LABEL = "key"

/** Labels of a provider's extra API keys: `key1`, `key2`, ... (never the keys themselves). */
export function keyLabels(apiKeys: Record<string, readonly string[]>, providerID: string): string[] {
  return (apiKeys[providerID] ?? []).map((_, index) => `${KEY_LABEL}${index + 1}`)
}

/** The key a label stands for, read back from the same list. */
function keyOf(apiKeys: Record<string, readonly string[]>, providerID: string, label: string | undefined) {
  if (label === undefined) return undefined
  return apiKeys[providerID]?.[Number(label.slice(KEY_LABEL.length)) - 1]
}

/**
 * Whether OpenCode 1.18.33 runs its own loader for a provider that has one (`xai`, ...). It runs the loaders of the
 * providers it knew before it read the config's `provider` entries: one with any of its catalog variables set, a key
 * in auth.json, or an auth plugin's login. A provider whose key only the config gives gets none.
 */
export function loaderRuns(
  providerID: string,
  info: ProviderInfo | undefined,
  env: Record<string, string | undefined> = process.env,
  logins: Record<string, AuthEntry | undefined> = readAuthEntries(authFilePath(env)),
): boolean {
  return Boolean(info?.env?.some((name) => env[name])) || logins[providerID] !== undefined
}

/**
 * The model id and API OpenCode's per-provider loaders ask a package for: OpenAI's Responses API, Azure's
 * Responses API unless `useCompletionUrls` is set, Bedrock's cross-region id for the provider's region, and xAI's
 * Responses API when OpenCode's `xai` loader runs (its chat completions otherwise, the package's default).
 */
export function requestedModel(
  npm: SupportedNpm,
  id: string,
  settings: ProviderSettings,
  loader: { providerID: string; runs: boolean } = { providerID: "", runs: false },
): { id: string; api: ModelApi } {
  if (loader.providerID === "xai" && loader.runs) return { id, api: "responses" }
  if (npm === "@ai-sdk/openai") return { id, api: "responses" }
  if (npm === "@ai-sdk/azure") return { id, api: settings.useCompletionUrls ? "chat" : "responses" }
  if (npm === "@ai-sdk/amazon-bedrock") {
    const region = typeof settings.region === "string" ? settings.region : BEDROCK_DEFAULT_REGION
    return { id: bedrockModelId(id, region), api: "languageModel" }
  }
  return { id, api: "languageModel" }
}

// OpenCode's Bedrock loader uses us-east-1 when neither the config nor AWS_REGION names a region.
const BEDROCK_DEFAULT_REGION = "us-east-1"

const built = new WeakMap<PoolRuntime, Map<string, LanguageModelV3>>()

const UNKNOWN_PROVIDER = Symbol.for("opencode-model-pool.error.UnknownProviderError")

/**
 * A call to a member whose provider OpenCode does not know: nothing could send it. Its code is the one providers
 * give a model that does not exist, so the pool reads it as such a failure (`provider_unavailable` that lasts): it
 * moves on to the next member and skips this one for `cooldown.quota_ms`.
 */
export class UnknownProviderError extends Error {
  private readonly [UNKNOWN_PROVIDER] = true
  override readonly name = "UnknownProviderError"
  readonly code = "model_not_found"
  readonly member: string

  constructor(member: string, reason: string) {
    super(`${member}: ${reason}`)
    this.member = member
  }

  /** True for an UnknownProviderError, even from another copy of this module. */
  static isInstance(error: unknown): error is UnknownProviderError {
    return typeof error === "object" && error !== null && UNKNOWN_PROVIDER in error
  }
}

/** A member no call can reach: each call fails at once with an UnknownProviderError. */
function unreachable(source: MemberSource, reason: string): LanguageModelV3 {
  const fail = () => Promise.reject(new UnknownProviderError(source.member, reason))
  return {
    specificationVersion: "v3",
    provider: source.providerID,
    modelId: source.apiID,
    supportedUrls: {},
    doGenerate: fail,
    doStream: fail,
  }
}

/**
 * Builds the model of a member once per process, whichever pools it is in, with one of its provider's extra
 * keys when asked: with the settings OpenCode created the provider with when it did, else with the credentials
 * OpenCode resolved for it.
 */
export function memberModels(runtime: PoolRuntime) {
  const cache = built.get(runtime) ?? new Map<string, LanguageModelV3>()
  built.set(runtime, cache)
  return async (source: MemberSource, key: string | undefined): Promise<LanguageModelV3> => {
    const id = `${source.member}#${key ?? ""}`
    const cached = cache.get(id)
    if (cached) return cached
    const known = await runtime.providers()
    const info = known.get(source.providerID)
    // Without a provider OpenCode knows, the package would be built without an endpoint and fail in a way the pool
    // would not move past.
    const problem = misplaced(source, known, runtime.sources)
    if (problem?.kind === "provider") {
      const stand = unreachable(source, problem.reason)
      cache.set(id, stand)
      return stand
    }
    const settings = await memberSettings(runtime, source, info)
    const apiKey = keyOf(runtime.apiKeys, source.providerID, key)
    const asked = requestedModel(source.npm, info?.models[source.modelID]?.api.id ?? source.apiID, settings, {
      providerID: source.providerID,
      runs: loaderRuns(source.providerID, info),
    })
    const model = buildModel(
      source.npm,
      source.providerID,
      asked.id,
      apiKey ? { ...settings, apiKey } : settings,
      asked.api,
    )
    cache.set(id, model)
    return model
  }
}
