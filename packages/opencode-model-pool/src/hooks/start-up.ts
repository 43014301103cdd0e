// The `event` hook: start-up problems are told once the server answers, the first event being the earliest safe
// moment, which is also when OpenCode can say which providers it found credentials for. A deleted session's
// records go with it.
import type { Hooks } from "@opencode-ai/plugin"
import { misplacedNotices } from "../config/misplaced.ts"
import { authFilePath, readAuthEntries, type AuthEntry } from "../host/auth-file.ts"
import { credentialSource, needsCredentials, type CredentialFacts } from "../host/credentials.ts"
import type { Notice } from "../host/notifier.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import type { PoolRuntime } from "../host/runtime.ts"
import { readyPackages } from "../module/warm-up.ts"
import type { Instance } from "./instance.ts"

/**
 * What start-up tells about the members, from OpenCode's provider list: members OpenCode cannot place, and members
 * whose provider has no credentials. Nothing when the list is empty (OpenCode did not answer).
 */
export function startupNotices(
  runtime: Pick<PoolRuntime, "sources" | "apiKeys">,
  known: ReadonlyMap<string, ProviderInfo>,
  logins: Record<string, AuthEntry | undefined>,
  env: Record<string, string | undefined>,
): Notice[] {
  if (known.size === 0) return []
  const facts: CredentialFacts = { resolved: known, logins, apiKeys: runtime.apiKeys, env }
  const missing = [...runtime.sources.values()].filter(
    (source) => needsCredentials(source) && !credentialSource(source.providerID, facts).found,
  )
  return [
    // Members on a provider OpenCode does not know, or on a model neither the config nor its catalog lists.
    ...misplacedNotices(runtime.sources, known),
    ...missing.map((source): Notice => ({
      level: "error",
      message: `${source.member}: OpenCode has no credentials for provider ${source.providerID} (set its API key in the config or environment, or run \`opencode auth login\`); this member will fail`,
      toast: true,
    })),
  ]
}

/** The `event` hook of `instance`. */
export function eventHook(instance: Instance): NonNullable<Hooks["event"]> {
  return async ({ event }) => {
    if (event.type === "session.deleted") {
      instance.sessionPools.delete(event.properties.info.id)
      instance.moves?.record(event.properties.info.id, undefined)
    }
    const runtime = instance.runtime
    if (!runtime || instance.checked) return
    instance.checked = true
    // OpenCode has started: the members' packages load and warm up now, beside whatever comes next.
    void readyPackages(process.env)
    // The first call needs both lists: asking now keeps the round trips off its path.
    const lists = Promise.all([runtime.providers(), runtime.agents()])
    for (const notice of instance.pending.splice(0)) await instance.notify(notice)
    const [known] = await lists
    for (const notice of startupNotices(runtime, known, readAuthEntries(authFilePath()), process.env))
      await instance.notify(notice)
  }
}
