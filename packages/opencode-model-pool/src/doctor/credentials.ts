import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"

// Environment variables OpenCode's catalog reads for the providers the pool builds.
const CATALOG_ENV: Record<string, readonly string[]> = {
  openai: ["OPENAI_API_KEY"],
  anthropic: ["ANTHROPIC_API_KEY"],
  google: ["GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"],
  openrouter: ["OPENROUTER_API_KEY"],
}

/** Where a provider's key comes from, named without the key itself. */
export type CredentialSource = { found: true; where: string } | { found: false; looked: string }

/** The providers OpenCode has keys for from `opencode auth login`. */
export function storedProviders(env: Record<string, string | undefined>): Set<string> {
  const data = env.XDG_DATA_HOME || join(env.HOME ?? "", ".local", "share")
  const file = join(data, "opencode", "auth.json")
  if (!existsSync(file)) return new Set()
  try {
    return new Set(Object.keys(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>))
  } catch {
    return new Set()
  }
}

/**
 * Finds where a provider's key comes from, in OpenCode's order: the config's `apiKey` (shown by OpenCode as
 * `***` when set), the plugin's `api_keys`, auth.json, then the catalog's environment variables.
 */
export function credentialSource(
  providerID: string,
  options: { apiKey?: unknown } | undefined,
  apiKeys: Record<string, readonly string[]>,
  stored: Set<string>,
  env: Record<string, string | undefined>,
): CredentialSource {
  if (typeof options?.apiKey === "string" && options.apiKey !== "") return { found: true, where: "config apiKey" }
  const extra = apiKeys[providerID]?.filter((key) => key !== "").length ?? 0
  if (extra > 0) return { found: true, where: `plugin api_keys (${extra})` }
  if (stored.has(providerID)) return { found: true, where: "auth.json (opencode auth login)" }
  const names = CATALOG_ENV[providerID] ?? []
  const set = names.find((name) => env[name])
  if (set) return { found: true, where: `environment ${set}` }
  const looked = ["config apiKey", "api_keys", "auth.json", ...names].join(", ")
  return { found: false, looked }
}
