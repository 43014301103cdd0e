// The settings a member's package is created with, for a provider OpenCode has not created in this process: what
// OpenCode resolved for it, what its auth plugin gives, and OpenCode's transport limits.
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo, ProviderSettings } from "../host/provider-info.ts"
import { RUNTIME_OPTION, type PoolRuntime } from "../host/runtime.ts"
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
  runtime: Pick<PoolRuntime, "created" | "profiles" | "authOptions">,
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
