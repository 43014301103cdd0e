// The model id and API OpenCode's per-provider loaders ask a package for, for a member the pool builds itself.
import { authFilePath, readAuthEntries, type AuthEntry } from "../host/auth-file.ts"
import type { ModelApi, ProviderInfo, ProviderSettings } from "../host/provider-info.ts"
import type { SupportedNpm } from "../host/provider-packages.ts"
import { bedrockModelId } from "./bedrock-model-id.ts"

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
