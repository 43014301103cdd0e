import type { HealthStore } from "../health/store.ts"
import { planAttempts, positionOf, type PlanInput, type PlannedAttempt } from "./plan.ts"

/** How a turn of a pool starts: the order its calls try members in, and what the user is told about it. */
export interface TurnPlan {
  /** Every attempt, in try order: healthy ones first, cooling ones last. */
  attempts: PlannedAttempt[]
  /** Where the turn starts; undefined only for a pool without members. */
  first: PlannedAttempt | undefined
  /** Round robin: starting this turn moves the pool's position on by one (a session's first turn). */
  rotates: boolean
  /** Round robin: the member the session is assigned, to pass as `assigned` to its next turns. */
  assigned?: string
  /** Set when the turn starts away from the primary because the primary cools down. */
  primaryCooling?: { member: string; until: number; message: string }
}

/**
 * Plans one turn of a pool from its health: the single place that decides the order, whether the round-robin
 * position moves, the member a round-robin session keeps, and the notice that the primary is skipped. Pure: the
 * state and the clock are inputs.
 */
export function planTurn(input: PlanInput): TurnPlan {
  const attempts = planAttempts(input)
  const first = attempts[0]
  const primary = input.pool.members[0]
  const roundRobin = input.pool.policy.strategy === "round_robin"
  const { sticky } = positionOf(input)
  // A new session keeps the member it starts on: the rotation's, or the next healthy one when that one cools.
  const assigned = !roundRobin ? undefined : sticky ? input.assigned : first?.member
  const plan: TurnPlan = {
    attempts,
    first,
    rotates: roundRobin && !sticky,
    ...(assigned === undefined ? {} : { assigned }),
  }
  if (!first || primary === undefined || first.member === primary) return plan
  const until = attempts.find((attempt) => attempt.member === primary)?.coolingUntil
  if (until === undefined) return plan
  const seconds = Math.ceil((until - input.now) / 1000)
  return {
    ...plan,
    primaryCooling: {
      member: primary,
      until,
      message: `${primary} is cooling down for ${seconds}s; this turn starts on ${first.member}`,
    },
  }
}

/** Moves a pool's round-robin position on by one, for every process that shares the store. */
export function advanceCursor(store: HealthStore, pool: string): Promise<void> {
  return store.update((state) => {
    state.cursors[pool] = (state.cursors[pool] ?? 0) + 1
  })
}

/**
 * Starts a turn: brings a shared store up to date, plans the turn from it, and moves the round-robin position
 * when the plan says so. A host that starts the turn itself before its calls (once per turn of several calls)
 * passes `rotate: false` for the calls, so the position moves once per turn.
 */
export async function startTurn(
  store: HealthStore,
  input: Omit<PlanInput, "state">,
  { rotate = true }: { rotate?: boolean } = {},
): Promise<TurnPlan> {
  await store.sync?.()
  const plan = planTurn({ ...input, state: store.read() })
  if (plan.rotates && rotate) await advanceCursor(store, input.pool.name)
  return plan
}
