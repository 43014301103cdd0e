// Whether OpenCode has credentials for a provider, and where they come from: the one check that start-up (a notice
// per member that will fail) and the doctor (a line per member) share. It reads OpenCode's own provider list, so the
// variables OpenCode reads a key from are OpenCode's, never a list of ours.
import type { AuthEntry } from "./auth-file.ts"
import type { MemberSource } from "./member-source.ts"
import type { ProviderInfo } from "./provider-info.ts"

/** Where a provider's key comes from, named without the key itself, or every place looked in. */
export type CredentialSource = { found: true; where: string } | { found: false; looked: string }

/** What the check reads. */
export interface CredentialFacts {
  /**
   * OpenCode's resolved providers (`GET /config/providers`): the key and options it found, where it found them,
   * and the variables its catalog reads the key from.
   */
  resolved: ReadonlyMap<string, Pick<ProviderInfo, "key" | "source" | "env" | "options">>
  /**
   * The variables OpenCode's catalog (`GET /provider`) reads each provider's key from, for the providers the
   * resolved list leaves out (OpenCode lists a catalog provider only once it found credentials for it).
   */
  catalog?: ReadonlyMap<string, readonly string[]>
  /** OpenCode's auth.json, by provider. */
  logins: Record<string, AuthEntry | undefined>
  /** The plugin's extra keys (`api_keys`), by provider. */
  apiKeys: Record<string, readonly string[]>
  env: Record<string, string | undefined>
}

/**
 * Where a provider's credentials come from, in OpenCode's order: the config's `apiKey`, the plugin's `api_keys`,
 * auth.json (an OAuth entry is read by the auth plugin that owns the provider), one of the variables OpenCode's
 * catalog names for the provider (OpenCode keeps the key it found there only when the provider has one variable,
 * so the variables are read too), then OpenCode's own loader for the provider (Bedrock's and Vertex's credential
 * chains).
 */
export function credentialSource(providerID: string, facts: CredentialFacts): CredentialSource {
  const info = facts.resolved.get(providerID)
  const apiKey = info?.options.apiKey
  if (typeof apiKey === "string" && apiKey !== "") return { found: true, where: "config apiKey" }
  const extra = facts.apiKeys[providerID]?.length ?? 0
  if (extra > 0) return { found: true, where: `plugin api_keys (${extra})` }
  const login = facts.logins[providerID]
  if (login?.type === "oauth") return { found: true, where: "auth.json OAuth login (read by its auth plugin)" }
  if (login !== undefined || info?.source === "api") return { found: true, where: "auth.json (opencode auth login)" }
  const set = info?.env?.find((name) => facts.env[name])
  if (set) return { found: true, where: `environment ${set}` }
  if (info?.source === "custom") return { found: true, where: `OpenCode's own loader for ${providerID}` }
  if (info?.key) return { found: true, where: "OpenCode's provider list" }
  const names = info?.env ?? facts.catalog?.get(providerID) ?? []
  return { found: false, looked: ["config apiKey", "api_keys", "auth.json", ...names].join(", ") }
}

/**
 * Whether a member's package needs credentials: a host of your own behind openai-compatible may need no key; the
 * catalog providers always do.
 */
export function needsCredentials(source: Pick<MemberSource, "npm">): boolean {
  return source.npm !== "@ai-sdk/openai-compatible"
}
