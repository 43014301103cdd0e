/** The provider packages the plugin can build members with; the same ones OpenCode bundles. */
export const SUPPORTED_NPM = [
  "@ai-sdk/openai-compatible",
  "@ai-sdk/openai",
  "@ai-sdk/anthropic",
  "@ai-sdk/google",
  "@openrouter/ai-sdk-provider",
] as const

export type SupportedNpm = (typeof SUPPORTED_NPM)[number]

// The package OpenCode's catalog uses for a provider when the config names none. Catalog providers not listed
// here speak the OpenAI chat format through openai-compatible; the ones listed with other packages cannot be
// pool members yet and are reported as such.
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
  xai: "@ai-sdk/xai",
  mistral: "@ai-sdk/mistral",
  groq: "@ai-sdk/groq",
  deepinfra: "@ai-sdk/deepinfra",
  cerebras: "@ai-sdk/cerebras",
  cohere: "@ai-sdk/cohere",
  togetherai: "@ai-sdk/togetherai",
  perplexity: "@ai-sdk/perplexity",
  vercel: "@ai-sdk/gateway",
  alibaba: "@ai-sdk/alibaba",
  gitlab: "gitlab-ai-provider",
  venice: "venice-ai-sdk-provider",
}

/** Where a pool member lives and which package speaks its wire format. */
export interface MemberSource {
  member: string
  providerID: string
  /** The model's key in OpenCode's config and catalog. */
  modelID: string
  /** The id sent to the provider: the config's `id` for the model when it has one. */
  apiID: string
  npm: SupportedNpm
}

/** A model entry of OpenCode's config, as far as the plugin reads or writes it. */
export interface ModelConfig {
  id?: string
  name?: string
  provider?: { npm?: string }
  limit?: { context: number; output: number }
  reasoning?: boolean
  release_date?: string
  variants?: Record<string, Record<string, unknown>>
  cost?: { input: number; output: number; cache_read?: number; cache_write?: number }
}

/** The parts of OpenCode's provider config the plugin reads. */
export interface ProviderConfig {
  npm?: string
  models?: Record<string, ModelConfig | undefined>
}

function isSupported(npm: string): npm is SupportedNpm {
  return (SUPPORTED_NPM as readonly string[]).includes(npm)
}

/**
 * Finds the package a member is built with, as OpenCode would choose it: the model's own `provider.npm`, then
 * the provider's `npm`, then the catalog default for well-known providers, then openai-compatible.
 */
export function memberSource(
  member: string,
  providers: Record<string, ProviderConfig | undefined>,
): MemberSource | { error: string } {
  const slash = member.indexOf("/")
  const providerID = member.slice(0, slash)
  const modelID = member.slice(slash + 1)
  const provider = providers[providerID]
  const npm =
    provider?.models?.[modelID]?.provider?.npm ??
    provider?.npm ??
    CATALOG_NPM[providerID] ??
    "@ai-sdk/openai-compatible"
  if (npm.startsWith("file://")) return { error: `${member} already uses a custom provider module (${npm})` }
  if (!isSupported(npm))
    return { error: `${member} uses ${npm}, which the pool cannot build (supported: ${SUPPORTED_NPM.join(", ")})` }
  return { member, providerID, modelID, apiID: provider?.models?.[modelID]?.id ?? modelID, npm }
}

/** The key under which a package reads its provider options, as OpenCode keys them. */
export function optionsKey(npm: SupportedNpm, providerID: string): string {
  if (npm === "@ai-sdk/openai") return "openai"
  if (npm === "@ai-sdk/anthropic") return "anthropic"
  if (npm === "@ai-sdk/google") return "google"
  if (npm === "@openrouter/ai-sdk-provider") return "openrouter"
  return providerID
}
