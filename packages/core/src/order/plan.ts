import type { PoolSpec } from "../config/pool-spec.ts"
import { coolingUntil, type HealthState } from "../health/state.ts"
import type { MemberCatalog } from "./member-info.ts"
import { orderByStrategy } from "./strategy.ts"

/** One entry of a call's plan: a member, with one of its API keys when it has several. */
export interface PlannedAttempt {
  member: string
  /** Non-secret label of the API key, when the member's provider has several keys. */
  key?: string
  /** The id under which health is kept: `member` or `member#key`. */
  healthId: string
  /** Set when the member (or this key) is cooling down: epoch ms of the expiry. */
  coolingUntil?: number
}

/** Everything a plan depends on; all of it is data, so the plan is exact and testable. */
export interface PlanInput {
  pool: PoolSpec
  state: HealthState
  now: number
  catalog?: MemberCatalog
  /** Non-secret labels of the API keys for a member, in configured order; none or one means no rotation. */
  keys?: (member: string) => readonly string[]
  /**
   * Round robin: the member the session was assigned at its first turn. The session's turns start on it while it
   * is healthy and come back to it once it recovers; a session without one takes the pool's next position.
   */
  assigned?: string
}

/** The round-robin position a plan starts from: the session's assigned member, or the pool's shared position. */
export function positionOf(input: Pick<PlanInput, "pool" | "state" | "assigned">): {
  cursor: number
  sticky: boolean
} {
  const at = input.assigned === undefined ? -1 : input.pool.members.indexOf(input.assigned)
  if (at >= 0) return { cursor: at, sticky: true }
  return { cursor: input.state.cursors[input.pool.name] ?? 0, sticky: false }
}

/** The health id of a member, or of one of its keys. */
export function healthId(member: string, key?: string): string {
  return key === undefined ? member : `${member}#${key}`
}

/**
 * Until when an id cools down for this pool. A cooldown whose condition is not in the pool's `fallback_on` does not
 * move this pool away from the member: the user asked to stay on it through such failures, as a lone model would.
 */
function coolingFor(pool: PoolSpec, state: HealthState, id: string, now: number): number | undefined {
  const until = coolingUntil(state, id, now)
  const condition = state.members[id]?.condition
  if (until === undefined || condition === undefined) return undefined
  return pool.policy.fallbackOn.some((moveOn) => moveOn === condition) ? until : undefined
}

function expand(
  pool: PoolSpec,
  member: string,
  keys: readonly string[],
  state: HealthState,
  now: number,
): PlannedAttempt[] {
  const memberUntil = coolingFor(pool, state, member, now)
  if (keys.length < 2) return [withCooling({ member, healthId: member }, memberUntil)]
  const attempts = keys.map((key) => {
    const id = healthId(member, key)
    return { attempt: { member, key, healthId: id }, own: coolingUntil(state, id, now) }
  })
  // A cooling key goes after the member's other keys whatever `fallback_on` says (keys rotate on rate limits and
  // rejected keys anyway); it moves behind other members only when the pool falls back on its condition.
  const healthyFirst = [
    ...attempts.filter((entry) => entry.own === undefined),
    ...attempts.filter((entry) => entry.own !== undefined),
  ]
  return healthyFirst.map((entry) =>
    withCooling(entry.attempt, latest(memberUntil, coolingFor(pool, state, entry.attempt.healthId, now))),
  )
}

function withCooling(attempt: PlannedAttempt, until: number | undefined): PlannedAttempt {
  return until === undefined ? attempt : { ...attempt, coolingUntil: until }
}

function latest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return Math.max(a, b)
}

/** Healthy entries first in their given order, then cooling ones, soonest expiry first. */
function byHealth<T extends { coolingUntil?: number }>(entries: readonly T[]): T[] {
  const healthy = entries.filter((entry) => entry.coolingUntil === undefined)
  const cooling = entries
    .filter((entry) => entry.coolingUntil !== undefined)
    .sort((a, b) => (a.coolingUntil ?? 0) - (b.coolingUntil ?? 0))
  return [...healthy, ...cooling]
}

/**
 * Orders the attempts of one call: the strategy's order with each member's keys in configured order, then
 * every healthy attempt before every cooling one. Cooling attempts stay at the end, soonest expiry first, as a
 * last resort rather than failing the call outright.
 */
export function planAttempts(input: PlanInput): PlannedAttempt[] {
  const { pool, state, now } = input
  const { cursor } = positionOf(input)
  const ordered = orderByStrategy(pool.members, pool.policy, input.catalog ?? (() => undefined), cursor)
  return byHealth(ordered.flatMap((member) => expand(pool, member, input.keys?.(member) ?? [], state, now)))
}
