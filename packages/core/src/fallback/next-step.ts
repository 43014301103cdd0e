import type { Classification } from "../condition.ts"
import type { ResolvedPolicy } from "../config/defaults.ts"
import type { Attempt } from "./attempt.ts"
import { PoolExhaustedError } from "./pool-error.ts"

/** What the next step depends on in a candidate: who it is, and how much context it takes. */
export interface CandidateFacts {
  /** `provider/model` */
  member: string
  /** Label of the API key, when the provider has several. */
  key?: string
  /** Context window in tokens, when known. */
  contextWindow?: number
  /** Set when the call passes this candidate by: it cannot serve the call, and a later one can. */
  skip?: string
}

/** What the failures of a call so far rule out for the rest of the call. */
export interface RuledOut {
  /** Members whose failure was not about the key (outage, timeout, overflow): their other keys are skipped too. */
  members: ReadonlySet<string>
  /** The largest known window that overflowed: only a larger window can help, never a known smaller one. */
  window: number | undefined
}

/** A call that has not failed yet rules nothing out. */
export const NOTHING_RULED_OUT: RuledOut = { members: new Set(), window: undefined }

/** What to do after a failed attempt. */
type Step =
  /** Repeat the same candidate after `delayMs`. */
  | { type: "retry"; delayMs: number }
  /** Move on to the candidate at `index`. */
  | { type: "next"; index: number }
  /** Give up; `finalError` says what to throw. */
  | { type: "stop" }

/** A failed attempt, and what the call knew when it failed. */
export interface StepInput {
  classification: Classification
  candidates: readonly CandidateFacts[]
  /** The index of the candidate that failed. */
  index: number
  /** How many times that candidate was repeated already. */
  retry: number
  policy: Pick<ResolvedPolicy, "fallbackOn" | "retries">
  ruledOut: RuledOut
}

/** A short transient failure that is worth repeating on the same member, when retries are allowed. */
const SHORT_WAIT_MS = 5_000

/** The longest back-off between two tries of one member. */
const MAX_BACKOFF_MS = 4_000

/** API-key rotation inside one member happens on these, whatever `fallback_on` says. */
const KEY_ROTATION: ReadonlySet<string> = new Set(["rate_limit", "auth"])

/**
 * Decides what follows a failed attempt, from the failure and the call so far. A failure whose condition is in
 * `fallback_on`, or a `rate_limit` or `auth` with the same member's next key at hand, may go on: within `retries`, a
 * short transient failure (an outage, a timeout, a rate limit that asks for at most 5 s) repeats the candidate after
 * a back-off of 0.5 s doubling up to 4 s, or the Retry-After; else the call moves to the next candidate not ruled
 * out. Anything else stops. Returns the step and what the call rules out from now on.
 */
export function nextStep(input: StepInput): { step: Step; ruledOut: RuledOut } {
  const failed = input.candidates[input.index]
  if (failed === undefined) return { step: { type: "stop" }, ruledOut: input.ruledOut }
  const ruledOut = ruleOut(input.ruledOut, failed, input.classification)
  const index = input.candidates.findIndex((candidate, at) => at > input.index && usable(candidate, ruledOut))
  const next = input.candidates[index]
  if (!mayMoveOn(input.classification, failed, next, input.policy.fallbackOn))
    return { step: { type: "stop" }, ruledOut }
  const delayMs = input.retry < input.policy.retries ? retryDelay(input.classification, input.retry) : undefined
  if (delayMs !== undefined) return { step: { type: "retry", delayMs }, ruledOut }
  if (next === undefined) return { step: { type: "stop" }, ruledOut }
  return { step: { type: "next", index }, ruledOut }
}

/**
 * The candidate a hedge starts beside the one at `index`: the next one not passed by nor ruled out, on another
 * member (another key of a slow member meets the same slow provider); -1 when there is none.
 */
export function hedgePartner(candidates: readonly CandidateFacts[], index: number, ruledOut: RuledOut): number {
  const current = candidates[index]
  return candidates.findIndex(
    (candidate, at) => at > index && candidate.member !== current?.member && usable(candidate, ruledOut),
  )
}

function ruleOut(before: RuledOut, failed: CandidateFacts, classification: Classification): RuledOut {
  const members = KEY_ROTATION.has(classification.condition)
    ? before.members
    : new Set([...before.members, failed.member])
  const window =
    classification.condition === "token_limit"
      ? Math.max(before.window ?? 0, failed.contextWindow ?? 0) || undefined
      : before.window
  return { members, window }
}

function usable(candidate: CandidateFacts, ruledOut: RuledOut): boolean {
  // A window of unknown size may be larger, so only a known one is too small.
  const tooSmall =
    candidate.contextWindow !== undefined && ruledOut.window !== undefined && candidate.contextWindow <= ruledOut.window
  return candidate.skip === undefined && !ruledOut.members.has(candidate.member) && !tooSmall
}

function mayMoveOn(
  classification: Classification,
  from: CandidateFacts,
  to: CandidateFacts | undefined,
  fallbackOn: ResolvedPolicy["fallbackOn"],
): boolean {
  if (fallbackOn.some((condition) => condition === classification.condition)) return true
  return (
    to !== undefined && to.member === from.member && to.key !== from.key && KEY_ROTATION.has(classification.condition)
  )
}

function retryDelay(classification: Classification, retry: number): number | undefined {
  // Repeating a missing model or an exhausted daily quota cannot help; a drill plays one failure, not a retry.
  if (classification.lasting !== undefined || classification.drill) return undefined
  const backoff = Math.min(MAX_BACKOFF_MS, 500 * 2 ** retry)
  if (classification.condition === "timeout" || classification.condition === "provider_unavailable") return backoff
  if (classification.condition !== "rate_limit" || classification.quota) return undefined
  const wait = classification.retryAfterMs ?? backoff
  return wait <= SHORT_WAIT_MS ? wait : undefined
}

/** A failed attempt: the member's own error, and what the classifier made of it. */
export interface Failure {
  error: unknown
  classification: Classification
}

const NO_MEMBERS: Classification = {
  condition: "other",
  quota: false,
  message: "the pool has no members",
  retryable: false,
}

/**
 * The error a call that stopped throws. One failure, or an overflow nobody could take: the provider's own error, as
 * a lone model would throw it, so the caller's handling (retry, compaction) is exactly what it is without a pool.
 * Several failures: a `PoolExhaustedError` that lists the attempts. None (no candidates): a `PoolExhaustedError`
 * that says the pool has no members.
 */
export function finalError(pool: string, failures: readonly Failure[], attempts: readonly Attempt[]): unknown {
  const last = failures.at(-1)
  if (!last) return new PoolExhaustedError(pool, attempts, undefined, NO_MEMBERS)
  if (failures.length === 1 || last.classification.condition === "token_limit") return last.error
  return new PoolExhaustedError(pool, attempts, last.error, last.classification)
}
