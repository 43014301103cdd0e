// The health store the plugin options choose: the state file alone, or a Redis server shared by many machines
// with the state file standing in while Redis does not answer. Which one is in use, and every switch between
// Redis and the file, is told once; the server's address is shown without its credentials.
import { createFileHealthStore, createRedisHealthStore, redactRedisUrl, type HealthStore } from "@model-pool/core"
import type { HealthStoreChoice } from "../config/parse.ts"
import type { Notice } from "../host/notifier.ts"

export interface OpenedHealthStore {
  store: HealthStore
  /** What the doctor and the log show: the store and where it is, never a credential. */
  description: string
  /** Asks a shared store whether it answers now; the file store always does. */
  ping(): Promise<{ reachable: boolean; reason?: string }>
  close(): Promise<void>
}

/**
 * Tells each problem with the state files once, as a warning the user sees. The health file and the session moves
 * share the state folder: when the folder itself is in the way, both report the same sentence, shown once.
 */
export function stateProblems(notify: (notice: Notice) => void): (message: string) => void {
  const told = new Set<string>()
  return (message) => {
    if (told.has(message)) return
    told.add(message)
    notify({ level: "warn", message, toast: true })
  }
}

/**
 * Opens the store `choice` names; `notify` hears when a Redis store stops or starts answering, `onProblem` when
 * the state file is damaged or cannot be written (see `stateProblems`).
 */
export function openHealthStore(
  choice: HealthStoreChoice,
  statePath: string,
  notify: (notice: Notice) => void = () => {},
  onProblem?: (message: string) => void,
): OpenedHealthStore {
  const file = createFileHealthStore(statePath, { onProblem })
  if (choice.store === "file")
    return {
      store: file,
      description: `file ${statePath}`,
      ping: async () => ({ reachable: true }),
      close: async () => {},
    }
  const server = redactRedisUrl(choice.url)
  const redis = createRedisHealthStore({
    url: choice.url,
    namespace: choice.namespace,
    timeoutMs: choice.timeoutMs,
    fallback: file,
    onStatus(status) {
      notify(
        status.reachable
          ? {
              level: "info",
              message: `the Redis health store at ${server} answers again; cooldowns are shared again`,
              toast: true,
            }
          : {
              level: "warn",
              message: `the Redis health store at ${server} does not answer (${status.reason ?? "no reason given"}); cooldowns stay on this machine, in ${statePath}, until it does`,
              toast: true,
            },
      )
    },
  })
  return {
    store: redis,
    description: `${redis.describe()}, falling back to ${statePath}`,
    ping: () => redis.ping(),
    close: () => redis.close(),
  }
}
