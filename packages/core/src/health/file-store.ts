import { statSync } from "node:fs"
import {
  causeOf,
  makeStateFolder,
  readStateFile,
  replaceStateFile,
  unwritable,
  type WriteFailure,
} from "./state-file.ts"
import { emptyState, parseState, prune, type HealthState } from "./state.ts"
import type { HealthStore } from "./store.ts"

/** Options of the file-backed store. */
export interface FileStoreOptions {
  /** Injectable clock, used to prune old records. */
  now?: () => number
  /**
   * Told once, in a sentence naming the file and what the store does instead, when the file is damaged or cannot
   * be written. The store carries on either way: health is a cache.
   */
  onProblem?: (message: string) => void
}

// Updates take well under a millisecond, so a short, patient retry loop beats a long sleep. A lock the store
// cannot make for any other reason than another holder is not waited for: it will not heal within the loop.
const LOCK_OPTIONS = {
  realpath: false,
  stale: 10_000,
  // The lock is held for well under a millisecond; losing it must not throw from a timer and end the host.
  onCompromised: () => {},
}
const LOCK_TRIES = 500

// Loaded on the first update: a process whose members stay healthy never needs the lock.
let lockModule: Promise<typeof import("proper-lockfile")> | undefined
const lockfile = () => (lockModule ??= import("proper-lockfile"))

const KEPT = "cooldowns and round-robin positions"

/**
 * Health kept in a JSON file that several processes share. Every update locks the file (a lock directory
 * beside it, which survives crashes through staleness), reads the newest state, applies the change and
 * replaces the file atomically, so concurrent updates are neither lost nor torn. While the file cannot be
 * written, the state stays in this process's memory and every update tries the file again; the first that
 * succeeds writes what was kept, merged with what the file holds.
 */
export function createFileHealthStore(path: string, options: FileStoreOptions = {}): HealthStore {
  const now = options.now ?? Date.now
  const cache = { state: emptyState(), stamp: "" }
  // What this process keeps while the file cannot be written; reads return it.
  let held: HealthState | undefined
  let told = false
  // This process's updates take turns, so they never wait on each other's lock through the retry loop.
  let queue: Promise<unknown> = Promise.resolve()

  function tell(message: string): void {
    if (told) return
    told = true
    try {
      options.onProblem?.(message)
    } catch {
      // A listener's failure is not the store's.
    }
  }

  function load(): HealthState {
    const stamp = stampOf(path)
    if (stamp === cache.stamp) return cache.state
    const read = readStateFile(path, isHealthState, "a health state")
    if (read.problem !== undefined) tell(read.problem)
    cache.state = read.text === undefined ? emptyState() : parseState(read.text)
    cache.stamp = stamp
    return cache.state
  }

  function apply<T>(base: HealthState, change: (state: HealthState) => T): { state: HealthState; result: T } {
    const state = structuredClone(base)
    prune(state, now())
    return { state, result: change(state) }
  }

  function keep<T>(change: (state: HealthState) => T, failure: WriteFailure): T {
    const next = apply(held ?? load(), change)
    held = next.state
    tell(unwritable(failure, KEPT))
    return next.result
  }

  async function save<T>(change: (state: HealthState) => T): Promise<T> {
    const folder = makeStateFolder(path)
    if (folder) return keep(change, folder)
    const release = await acquire(path).catch((error: unknown) => ({ path, folder: false, cause: causeOf(error) }))
    if (typeof release !== "function") return keep(change, release)
    try {
      const next = apply(held ? merge(load(), held) : load(), change)
      const failure = replaceStateFile(path, JSON.stringify(next.state))
      if (failure) {
        held = next.state
        tell(unwritable(failure, KEPT))
        return next.result
      }
      held = undefined
      cache.state = next.state
      cache.stamp = stampOf(path)
      return next.result
    } finally {
      await release().catch(() => undefined)
    }
  }

  return {
    read: () => held ?? load(),
    update(change) {
      const turn = queue.then(() => save(change))
      queue = turn.catch(() => undefined)
      return turn
    },
  }
}

async function acquire(path: string): Promise<() => Promise<void>> {
  const module = await lockfile()
  for (let attempt = 1; ; attempt++) {
    try {
      return await module.lock(path, LOCK_OPTIONS)
    } catch (error) {
      if ((error as { code?: unknown }).code !== "ELOCKED" || attempt >= LOCK_TRIES) throw error
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, 1.2 ** attempt)))
    }
  }
}

// What the file holds, with what this process kept while it could not write: the later cooldown and the further
// round-robin position win.
function merge(file: HealthState, kept: HealthState): HealthState {
  const state = structuredClone(file)
  for (const [id, entry] of Object.entries(kept.members)) {
    if ((state.members[id]?.until ?? Number.NEGATIVE_INFINITY) < entry.until) state.members[id] = entry
  }
  for (const [pool, cursor] of Object.entries(kept.cursors))
    state.cursors[pool] = Math.max(state.cursors[pool] ?? 0, cursor)
  return state
}

// The outline a health state file must have to be read at all; `parseState` then drops records it cannot use.
function isHealthState(data: unknown): data is { version: 1 } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return false
  const record = data as Record<string, unknown>
  return record.version === 1 && isObject(record.members) && isObject(record.cursors)
}

function isObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function stampOf(path: string): string {
  try {
    const stat = statSync(path)
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`
  } catch {
    return ""
  }
}
