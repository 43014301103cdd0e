import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { emptyState, parseState, prune, type HealthState } from "./state.ts"
import type { HealthStore } from "./store.ts"

/** Options of the file-backed store. */
export interface FileStoreOptions {
  /** Injectable clock, used to prune old records. */
  now?: () => number
}

// Updates take well under a millisecond, so a short, patient retry loop beats a long sleep.
const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  retries: { retries: 500, factor: 1.2, minTimeout: 1, maxTimeout: 20 },
}

// Loaded on the first update: a process whose members stay healthy never needs the lock.
let lockModule: Promise<typeof import("proper-lockfile")> | undefined
const lockfile = () => (lockModule ??= import("proper-lockfile"))

/**
 * Health kept in a JSON file that several processes share. Every update locks the file (a lock directory
 * beside it, which survives crashes through staleness), reads the newest state, applies the change and
 * replaces the file atomically, so concurrent updates are neither lost nor torn.
 */
export function createFileHealthStore(path: string, options: FileStoreOptions = {}): HealthStore {
  const now = options.now ?? Date.now
  const cache = { state: emptyState(), stamp: "" }
  // This process's updates take turns, so they never wait on each other's lock through the retry loop.
  let queue: Promise<unknown> = Promise.resolve()

  function load(): HealthState {
    const stamp = stampOf(path)
    if (stamp === cache.stamp) return cache.state
    cache.state = stamp === "" ? emptyState() : parseState(readText(path))
    cache.stamp = stamp
    return cache.state
  }

  return {
    read: load,
    update(change) {
      const turn = queue.then(async () => {
        mkdirSync(dirname(path), { recursive: true })
        const release = await (await lockfile()).lock(path, LOCK_OPTIONS)
        try {
          const state = structuredClone(load())
          prune(state, now())
          const result = change(state)
          const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
          writeFileSync(temporary, JSON.stringify(state), { mode: 0o600 })
          renameSync(temporary, path)
          cache.state = state
          cache.stamp = stampOf(path)
          return result
        } finally {
          await release()
        }
      })
      queue = turn.catch(() => undefined)
      return turn
    },
  }
}

function stampOf(path: string): string {
  try {
    const stat = statSync(path)
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`
  } catch {
    return ""
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8")
  } catch {
    return ""
  }
}
