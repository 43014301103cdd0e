// Where a pool member lives and which package OpenCode would build it with, read from the config as OpenCode reads it.
import { parseMemberId } from "./member-id.ts"
import type { ProviderConfig } from "./opencode-config.ts"
import { isSupported, SUPPORTED_NPM, UNSUPPORTED_NPM, type SupportedNpm } from "./provider-packages.ts"

// A table of ours, where OpenCode has no list to ask: the package OpenCode's catalog uses for a provider when the
// config names none. The routing needs it in the config hook, before OpenCode has resolved any provider (its
// catalog's `npm` of each provider is in `GET /provider` only later). Catalog providers not listed here speak the
// OpenAI chat format through openai-compatible.
const CATALOG_NPM: Record<string, string> = {
  openai: "@ai-sdk/openai",
  anthropic: "@ai-sdk/anthropic",
  google: "@ai-sdk/google",
  openrouter: "@openrouter/ai-sdk-provider",
  "amazon-bedrock": "@ai-sdk/amazon-bedrock",
  azure: "@ai-sdk/azure",
  "google-vertex": "@ai-sdk/google-vertex",
  "google-vertex-anthropic": "@ai-sdk/google-vertex/anthropic",
  "github-copilot": "@ai-sdk/github-copilot",
  "cloudflare-ai-gateway": "ai-gateway-provider",
  xai: "@ai-sdk/xai",
  mistral: "@ai-sdk/mistral",
  groq: "@ai-sdk/groq",
  deepinfra: "@ai-sdk/deepinfra",
  cerebras: "@ai-sdk/cerebras",
  cohere: "@ai-sdk/cohere",
  togetherai: "@ai-sdk/togetherai",
  perplexity: "@ai-sdk/perplexity",
  vercel: "@ai-sdk/gateway",
  v0: "@ai-sdk/vercel",
  alibaba: "@ai-sdk/alibaba",
  gitlab: "gitlab-ai-provider",
  venice: "venice-ai-sdk-provider",
}

/**
 * What the user's config says of a member, read before the plugin routes it (routing gives every member's provider
 * and model an entry of their own).
 */
export type Declared =
  /** The provider's entry lists the model. */
  | "model"
  /** The provider has an entry whose `models` map does not list the model. */
  | "models"
  /** The provider has an entry without a `models` map, or is an auth profile. */
  | "provider"
  /** The config has no entry for the provider. */
  | "none"

/** Where a pool member lives and which package speaks its wire format. */
export interface MemberSource {
  member: string
  providerID: string
  /** The model's key in OpenCode's config and catalog. */
  modelID: string
  /** The id sent to the provider: the config's `id` for the model when it has one. */
  apiID: string
  npm: SupportedNpm
  /** What the config said of the member before routing; unset counts as listed. */
  declared?: Declared
  /** The keys that name the member (`agent.build.fallbacks[0]`), for what is told about it. */
  paths?: string[]
}

/**
 * Finds the package a member is built with, as OpenCode would choose it: the model's own `provider.npm`, then
 * the provider's `npm`, then the catalog default for well-known providers, then openai-compatible. A provider
 * that is an auth profile of another uses that provider's package.
 */
export function memberSource(
  member: string,
  providers: Record<string, ProviderConfig | undefined>,
  profiles: Record<string, string> = {},
): MemberSource | { error: string } {
  const { providerID, modelID } = parseMemberId(member)
  const provider = providers[providerID]
  const npm =
    provider?.models?.[modelID]?.provider?.npm ??
    provider?.npm ??
    providers[profiles[providerID] ?? ""]?.npm ??
    CATALOG_NPM[profiles[providerID] ?? providerID] ??
    "@ai-sdk/openai-compatible"
  if (npm.startsWith("file://")) return { error: `${member} already uses a custom provider module (${npm})` }
  const why = UNSUPPORTED_NPM[npm]
  if (why !== undefined) return { error: `${member} uses ${npm}, which cannot be a pool member: ${why}` }
  if (!isSupported(npm))
    return { error: `${member} uses ${npm}, which the pool cannot build (supported: ${SUPPORTED_NPM.join(", ")})` }
  const declared = declaredOf(provider, modelID, profiles[providerID] !== undefined)
  return { member, providerID, modelID, apiID: provider?.models?.[modelID]?.id ?? modelID, npm, declared }
}

function declaredOf(provider: ProviderConfig | undefined, modelID: string, profile: boolean): Declared {
  if (provider === undefined) return profile ? "provider" : "none"
  if (provider.models?.[modelID] !== undefined) return "model"
  return provider.models === undefined ? "provider" : "models"
}
