// The provider packages as OpenCode 1.18.33 knows them: which ones it bundles (and the pool can build members
// with), which ones cannot be members, and the key each package reads its provider options from.

/** The provider packages the plugin can build members with: the ones OpenCode 1.18.33 bundles, same releases. */
export const SUPPORTED_NPM = [
  "@ai-sdk/openai-compatible",
  "@ai-sdk/openai",
  "@ai-sdk/anthropic",
  "@ai-sdk/google",
  "@openrouter/ai-sdk-provider",
  "@ai-sdk/azure",
  "@ai-sdk/amazon-bedrock",
  "@ai-sdk/google-vertex",
  "@ai-sdk/google-vertex/anthropic",
  "@ai-sdk/xai",
  "@ai-sdk/mistral",
  "@ai-sdk/groq",
  "@ai-sdk/deepinfra",
  "@ai-sdk/cerebras",
  "@ai-sdk/cohere",
  "@ai-sdk/togetherai",
  "@ai-sdk/perplexity",
  "@ai-sdk/gateway",
  "@ai-sdk/vercel",
  "@ai-sdk/alibaba",
  "venice-ai-sdk-provider",
] as const

export type SupportedNpm = (typeof SUPPORTED_NPM)[number]

/**
 * Packages OpenCode uses that cannot be pool members, and why: the start-up report and the doctor give the reason
 * for each member on one of them.
 */
export const UNSUPPORTED_NPM: Record<string, string> = {
  "@ai-sdk/github-copilot":
    "OpenCode's own Copilot client is not published on npm, and its login lives in OpenCode's built-in Copilot plugin, which other plugins cannot reach",
  "ai-gateway-provider":
    "OpenCode builds Cloudflare AI Gateway models in its own loader, which ignores the provider's package, so the pool cannot route them",
  "@ai-sdk/amazon-bedrock/mantle":
    "OpenCode builds Bedrock Mantle models in its own loader, which the pool cannot route",
  "gitlab-ai-provider": "its release bundled in OpenCode 1.18.33 is not published for AI SDK 6",
}

/** True for a package the pool can build members with. */
export function isSupported(npm: string): npm is SupportedNpm {
  return (SUPPORTED_NPM as readonly string[]).includes(npm)
}

// The key each package reads its provider options from, as OpenCode keys them; openai-compatible hosts read
// theirs under the provider's ID.
const OPTIONS_KEY: Partial<Record<SupportedNpm, string>> = {
  "@ai-sdk/openai": "openai",
  "@ai-sdk/anthropic": "anthropic",
  "@ai-sdk/google": "google",
  "@openrouter/ai-sdk-provider": "openrouter",
  "@ai-sdk/azure": "azure",
  "@ai-sdk/amazon-bedrock": "bedrock",
  "@ai-sdk/google-vertex": "vertex",
  "@ai-sdk/google-vertex/anthropic": "anthropic",
  "@ai-sdk/xai": "xai",
  "@ai-sdk/mistral": "mistral",
  "@ai-sdk/groq": "groq",
  "@ai-sdk/deepinfra": "deepinfra",
  "@ai-sdk/cerebras": "cerebras",
  "@ai-sdk/cohere": "cohere",
  "@ai-sdk/togetherai": "togetherai",
  "@ai-sdk/perplexity": "perplexity",
  "@ai-sdk/gateway": "gateway",
  "@ai-sdk/vercel": "vercel",
  "@ai-sdk/alibaba": "alibaba",
  "venice-ai-sdk-provider": "venice",
}

/** The key under which a package reads its provider options, as OpenCode keys them. */
export function optionsKey(npm: SupportedNpm, providerID: string): string {
  return OPTIONS_KEY[npm] ?? providerID
}
