import type { LanguageModelV3 } from "@ai-sdk/provider"
import { buildModel, type ProviderSettings } from "./build-model.ts"
import type { MemberSource } from "./member-source.ts"
import type { PoolRuntime, ProviderInfo } from "./runtime.ts"

// OpenCode's own transport options; the provider packages do not take them.
const OPENCODE_ONLY = new Set(["timeout", "chunkTimeout", "headerTimeout", "setCacheKey", "includeUsage"])

/** Settings for a provider OpenCode has not created yet in this process, from what OpenCode resolved for it. */
export function settingsFromInfo(info: ProviderInfo | undefined, modelID: string): ProviderSettings {
  const options = Object.fromEntries(Object.entries(info?.options ?? {}).filter(([key]) => !OPENCODE_ONLY.has(key)))
  const model = info?.models[modelID]
  const baseURL = typeof options.baseURL === "string" && options.baseURL !== "" ? options.baseURL : model?.api.url
  const apiKey = typeof options.apiKey === "string" ? options.apiKey : info?.key
  const headers = { ...(options.headers as Record<string, string> | undefined), ...model?.headers }
  return { ...options, ...(baseURL ? { baseURL } : {}), ...(apiKey ? { apiKey } : {}), headers }
}

/** Labels of a provider's extra API keys: `key1`, `key2`, ... (never the keys themselves). */
export function keyLabels(runtime: PoolRuntime, providerID: string): string[] {
  return (runtime.apiKeys[providerID] ?? []).map((_, index) => `key${index + 1}`)
}

/**
 * Builds (once) the model of a member, with one of its provider's extra keys when asked: with the settings
 * OpenCode created the provider with when it did, else with the credentials OpenCode resolved for it.
 */
export function memberModels(runtime: PoolRuntime) {
  const cache = new Map<string, LanguageModelV3>()
  return async (source: MemberSource, key: string | undefined): Promise<LanguageModelV3> => {
    const id = `${source.member}#${key ?? ""}`
    const cached = cache.get(id)
    if (cached) return cached
    const info = (await runtime.providers()).get(source.providerID)
    const created = runtime.created.get(source.providerID)
    const settings = created ?? settingsFromInfo(info, source.modelID)
    const index = key === undefined ? -1 : Number(key.slice("key".length)) - 1
    const apiKey = runtime.apiKeys[source.providerID]?.[index]
    const apiModelID = info?.models[source.modelID]?.api.id ?? source.apiID
    const model = buildModel(source.npm, source.providerID, apiModelID, apiKey ? { ...settings, apiKey } : settings)
    cache.set(id, model)
    return model
  }
}
