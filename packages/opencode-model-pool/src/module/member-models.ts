import type { LanguageModelV3 } from "@ai-sdk/provider"
import { keyOf } from "../config/api-keys.ts"
import { misplaced } from "../config/misplaced.ts"
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import type { PoolRuntime } from "../host/runtime.ts"
import { buildModel } from "./build-model.ts"
import { UnknownProviderError } from "./errors.ts"
import { memberSettings } from "./member-settings.ts"
import { loaderRuns, requestedModel } from "./requested-model.ts"
import { routedModel } from "./wrap-model.ts"

const built = new WeakMap<PoolRuntime, Map<string, LanguageModelV3>>()

/** A member no call can reach: each call fails at once with an UnknownProviderError. */
function unreachable(source: MemberSource, reason: string): LanguageModelV3 {
  const identity = { provider: source.providerID, modelId: source.apiID, supportedUrls: {} }
  return routedModel(identity, () => Promise.reject(new UnknownProviderError(source.member, reason)))
}

/**
 * Builds one member with the package OpenCode would use: the settings OpenCode created its provider with, or the
 * ones it resolved plus its auth plugin's; the config's extra key `key` when asked; the model id and API OpenCode's
 * loaders ask for. The package must have been loaded.
 */
export async function buildMember(
  runtime: Pick<PoolRuntime, "created" | "profiles" | "authOptions" | "apiKeys">,
  source: MemberSource,
  info: ProviderInfo | undefined,
  key: string | undefined,
): Promise<LanguageModelV3> {
  const settings = await memberSettings(runtime, source, info)
  const apiKey = keyOf(runtime.apiKeys, source.providerID, key)
  const asked = requestedModel(source.npm, info?.models[source.modelID]?.api.id ?? source.apiID, settings, {
    providerID: source.providerID,
    runs: loaderRuns(source.providerID, info),
  })
  return buildModel(source.npm, source.providerID, asked.id, apiKey ? { ...settings, apiKey } : settings, asked.api)
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
    const model = await buildMember(runtime, source, info, key)
    cache.set(id, model)
    return model
  }
}
