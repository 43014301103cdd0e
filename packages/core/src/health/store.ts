import { emptyState, type HealthState } from "./state.ts"

/** Where health lives. `update` is atomic: concurrent updates, even from other processes, are never lost. */
export interface HealthStore {
  /** The current state; callers must not mutate it. */
  read(): HealthState
  /**
   * Applies `change` to the newest state and saves it; returns what `change` returned. A shared store may run
   * `change` more than once (again on a fresher state, or on its fallback), so it must be a pure function of the state.
   * Health is a cache: a store that cannot save keeps the state for this process and tells its host instead, so
   * the update rejects only when `change` throws.
   */
  update<T>(change: (state: HealthState) => T): Promise<T>
  /**
   * Brings what `read()` returns up to date with a store shared across machines, within the store's own time
   * bound; never rejects. Stores whose `read()` is always current (memory, file) do not have it.
   */
  sync?(): Promise<void>
}

/** A store for one process (tests, embedded use); nothing is written to disk. */
export function createMemoryHealthStore(initial: HealthState = emptyState()): HealthStore {
  const state = structuredClone(initial)
  return {
    read: () => state,
    update: async (change) => change(state),
  }
}
