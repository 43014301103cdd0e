import { authFilePath, readAuthEntries } from "../auth-file.ts"

// Environment variables OpenCode's catalog reads a key from, for the catalog providers a pool can build.
const CATALOG_ENV: Record<string, readonly string[]> = {
  openai: ["OPENAI_API_KEY"],
  anthropic: ["ANTHROPIC_API_KEY"],
  google: ["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"],
  openrouter: ["OPENROUTER_API_KEY"],
  azure: ["AZURE_API_KEY"],
  xai: ["XAI_API_KEY"],
  mistral: ["MISTRAL_API_KEY"],
  groq: ["GROQ_API_KEY"],
  deepinfra: ["DEEPINFRA_API_KEY"],
  cerebras: ["CEREBRAS_API_KEY"],
  cohere: ["COHERE_API_KEY"],
  togetherai: ["TOGETHER_AI_API_KEY"],
  perplexity: ["PERPLEXITY_API_KEY"],
  vercel: ["AI_GATEWAY_API_KEY"],
  v0: ["V0_API_KEY"],
  alibaba: ["DASHSCOPE_API_KEY"],
  venice: ["VENICE_API_KEY"],
}

// Providers whose package signs or authorises requests from a credential chain rather than a key: named by the
// variables that start the chain.
const CHAIN_ENV: Record<string, { name: string; env: readonly string[] }> = {
  "amazon-bedrock": {
    name: "AWS credentials",
    env: ["AWS_BEARER_TOKEN_BEDROCK", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE"],
  },
  "google-vertex": { name: "Google credentials", env: ["GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_VERTEX_API_KEY"] },
  "google-vertex-anthropic": { name: "Google credentials", env: ["GOOGLE_APPLICATION_CREDENTIALS"] },
}

/** Where a provider's key comes from, named without the key itself. */
export type CredentialSource = { found: true; where: string } | { found: false; looked: string }

/** The kind of each entry of OpenCode's auth.json (`opencode auth login`), by provider: `api`, `oauth`, ... */
export function storedProviders(env: Record<string, string | undefined>): Map<string, string> {
  return new Map(
    Object.entries(readAuthEntries(authFilePath(env))).map(([provider, entry]) => [
      provider,
      typeof entry?.type === "string" ? entry.type : "api",
    ]),
  )
}

/**
 * Finds where a provider's key comes from, in OpenCode's order: the config's `apiKey` (shown by OpenCode as
 * `***` when set), the plugin's `api_keys`, auth.json (an OAuth entry is read by the auth plugin that owns the
 * provider), then the catalog's environment variables or the credential chain of the provider's package.
 */
export function credentialSource(
  providerID: string,
  options: { apiKey?: unknown } | undefined,
  apiKeys: Record<string, readonly string[]>,
  stored: Map<string, string>,
  env: Record<string, string | undefined>,
): CredentialSource {
  if (typeof options?.apiKey === "string" && options.apiKey !== "") return { found: true, where: "config apiKey" }
  const extra = apiKeys[providerID]?.filter((key) => key !== "").length ?? 0
  if (extra > 0) return { found: true, where: `plugin api_keys (${extra})` }
  const kind = stored.get(providerID)
  if (kind === "oauth") return { found: true, where: "auth.json OAuth login (read by its auth plugin)" }
  if (kind !== undefined) return { found: true, where: "auth.json (opencode auth login)" }
  const names = CATALOG_ENV[providerID] ?? []
  const set = names.find((name) => env[name])
  if (set) return { found: true, where: `environment ${set}` }
  const chain = CHAIN_ENV[providerID]
  const started = chain?.env.find((name) => env[name])
  if (chain && started) return { found: true, where: `${chain.name} (${started})` }
  const looked = ["config apiKey", "api_keys", "auth.json", ...names, ...(chain?.env ?? [])].join(", ")
  return { found: false, looked }
}
