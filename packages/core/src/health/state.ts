import type { Classification, Condition } from "../condition.ts"
import type { CooldownPolicy } from "../config/defaults.ts"

/** Health of one member (or one member's API key): why and until when it is skipped. */
export interface MemberHealth {
  /** Epoch ms until which the member is skipped while a healthy one exists. */
  until: number
  condition: Condition
  /** Failures in a row; a success resets them. Drives escalation. */
  failures: number
  quota: boolean
  /** Epoch ms of the last failure. */
  at: number
  /**
   * True when the provider itself set the wait (Retry-After, a reset header); absent when it is the pool's own
   * guess (escalation, the quota default). Only a wait the provider asked for is passed on to a caller's retry.
   */
  told?: boolean
  /**
   * True when the member cools before any request failed: its last answer said a rate-limit window is used up, or
   * holds fewer tokens than its next call needs. The wait is the window's reset, as the provider told it.
   */
  ahead?: boolean
}

/** Everything the pools remember between calls and processes. Plain JSON, so it can be saved and restored. */
export interface HealthState {
  version: 1
  members: Record<string, MemberHealth>
  /** Round-robin position per pool name. */
  cursors: Record<string, number>
}

/** A state with nothing in it. */
export function emptyState(): HealthState {
  return { version: 1, members: {}, cursors: {} }
}

/** Conditions that say nothing about a member's health: the request itself was the problem, or the caller stopped. */
const NOT_HEALTH: ReadonlySet<Condition> = new Set(["token_limit", "aborted", "other"])

/**
 * How long a member sits out after a failure. A lasting failure (missing model, Gemini daily quota) waits at least
 * `quotaMs`, whatever short delay came with it; otherwise a provider's own Retry-After wins (right for bursts); a
 * quota window without one waits `quotaMs`; otherwise the cooldown escalates with each failure in a row, up to `maxMs`.
 */
export function cooldownMs(classification: Classification, failures: number, policy: CooldownPolicy): number {
  if (classification.lasting !== undefined) return Math.max(policy.quotaMs, classification.retryAfterMs ?? 0)
  if (classification.retryAfterMs !== undefined) return classification.retryAfterMs
  if (classification.quota) return policy.quotaMs
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, failures - 1))
}

/**
 * Records a failure; returns the entry written, or undefined when the failure says nothing about health.
 * `since` is when the failed call decided to use the member, from the state it read then: a failure recorded after
 * that is the same incident (calls that were in flight together when a member went down), so it does not escalate
 * the cooldown again.
 */
export function recordFailure(
  state: HealthState,
  id: string,
  classification: Classification,
  policy: CooldownPolicy,
  now: number,
  since: number = now,
): MemberHealth | undefined {
  if (NOT_HEALTH.has(classification.condition)) return undefined
  const known = state.members[id]
  const sameIncident = known !== undefined && known.at >= since
  const failures = sameIncident ? known.failures : (known?.failures ?? 0) + 1
  const fresh = {
    until: now + cooldownMs(classification, failures, policy),
    told: classification.retryAfterMs !== undefined,
  }
  // Within one incident the longer wait stands, with whoever set it.
  const wait = sameIncident && known.until > fresh.until ? { until: known.until, told: known.told === true } : fresh
  const entry: MemberHealth = {
    until: wait.until,
    condition: classification.condition,
    failures,
    quota: classification.quota,
    at: now,
    ...(wait.told ? { told: true } : {}),
  }
  state.members[id] = entry
  return entry
}

/**
 * Records a cooldown ahead of a limit: the member's last answer said its next call would be refused until `until`.
 * Failures in a row are kept as they were (no request failed, so nothing escalates); a longer cooldown already
 * recorded stands.
 */
export function recordAhead(
  state: HealthState,
  id: string,
  ahead: { until: number; subscription: boolean },
  now: number,
): MemberHealth | undefined {
  const known = state.members[id]
  if (known !== undefined && known.until >= ahead.until) return undefined
  const entry: MemberHealth = {
    until: ahead.until,
    condition: "rate_limit",
    failures: known?.failures ?? 0,
    quota: ahead.subscription,
    at: now,
    told: true,
    ahead: true,
  }
  state.members[id] = entry
  return entry
}

/** A success clears the member's record, so its next failure starts the escalation again. */
export function recordSuccess(state: HealthState, id: string): boolean {
  if (!(id in state.members)) return false
  delete state.members[id]
  return true
}

/** Epoch ms until which the member cools down, or undefined when it is healthy now. */
export function coolingUntil(state: HealthState, id: string, now: number): number | undefined {
  const entry = state.members[id]
  if (!entry || entry.until <= now) return undefined
  return entry.until
}

/** How long an expired record still counts for escalation before it is forgotten. */
export const FORGET_AFTER_MS = 24 * 60 * 60 * 1000

/** Drops records that expired long ago, so the state file does not grow without bound. */
export function prune(state: HealthState, now: number): void {
  for (const [id, entry] of Object.entries(state.members)) {
    if (entry.until + FORGET_AFTER_MS < now) delete state.members[id]
  }
}

/** Reads a state from untrusted JSON; anything unexpected yields an empty state rather than a crash. */
export function parseState(text: string): HealthState {
  const data: unknown = safeJson(text)
  if (!isRecord(data) || data.version !== 1 || !isRecord(data.members) || !isRecord(data.cursors)) return emptyState()
  const members = Object.fromEntries(Object.entries(data.members).filter(([, entry]) => isMemberHealth(entry)))
  const cursors = Object.fromEntries(Object.entries(data.cursors).filter(([, value]) => Number.isInteger(value)))
  return { version: 1, members: members as Record<string, MemberHealth>, cursors: cursors as Record<string, number> }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

function isMemberHealth(value: unknown): value is MemberHealth {
  return (
    isRecord(value) &&
    typeof value.until === "number" &&
    typeof value.condition === "string" &&
    typeof value.failures === "number" &&
    typeof value.quota === "boolean" &&
    typeof value.at === "number" &&
    (value.told === undefined || typeof value.told === "boolean") &&
    (value.ahead === undefined || typeof value.ahead === "boolean")
  )
}
