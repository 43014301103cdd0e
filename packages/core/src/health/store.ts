import { emptyState, type HealthState } from "./state.ts"

/** Where health lives. `update` is atomic: concurrent updates, even from other processes, are never lost. */
export interface HealthStore {
  /** The current state; callers must not mutate it. */
  read(): HealthState
  /** Applies `change` to the newest state and saves it; returns what `change` returned. */
  update<T>(change: (state: HealthState) => T): Promise<T>
}

/** A store for one process (tests, embedded use); nothing is written to disk. */
export function createMemoryHealthStore(initial: HealthState = emptyState()): HealthStore {
  const state = structuredClone(initial)
  return {
    read: () => state,
    update: async (change) => change(state),
  }
}
