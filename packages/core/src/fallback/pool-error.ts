import { APICallError } from "@ai-sdk/provider"
import { redactSecrets } from "../classify/index.ts"
import type { Classification, Condition } from "../condition.ts"
import { describeAttempt, whoOf, type Attempt } from "./attempt.ts"
import { hasMarker } from "./marker.ts"

const marker = Symbol.for("model-pool.error.PoolExhaustedError")

/**
 * The longest wait a pool asks its caller for before the call is worth repeating. A pool whose earliest member
 * recovers later than this says the call cannot be retried: a session that sits for an hour on a daily quota
 * helps no one, while an error lets the user pick another model at once.
 */
export const RETRY_HORIZON_MS = 5 * 60_000

/** When the pool's call is worth repeating, as its host learned it from the members' health after the call. */
export type PoolRecovery =
  /**
   * Not known, or only guessed by the pool (an escalating cooldown): the error carries the last provider error's
   * status, headers and retryability, so a caller backs off exactly as it would for that error without a pool.
   */
  | { kind: "unknown" }
  /** Some member is usable again in `inMs`. */
  | { kind: "after"; inMs: number }
  /** No member recovers by itself within the horizon. */
  | { kind: "none" }

// Plain words for each condition, for the message of an error nobody should retry. Hosts retry on message text
// (phrases such as "rate limit", "overloaded", "timed out" and 5xx codes), so this message names no status code
// and none of those phrases, while still telling the user what happened to each member.
const PLAIN: Record<Condition, string> = {
  rate_limit: "is over its request or quota limits",
  timeout: "gave no answer in time",
  provider_unavailable: "could not be reached or was not working",
  token_limit: "found the conversation too long",
  auth: "rejected its credentials",
  other: "failed",
  aborted: "was stopped",
}

function about(ms: number): string {
  const minutes = Math.ceil(ms / 60_000)
  return minutes < 60 ? `about ${minutes} min` : `about ${Math.ceil(minutes / 60)} h`
}

function plainAttempt(attempt: Attempt): string {
  return `${whoOf(attempt)} ${PLAIN[attempt.condition]}`
}

function messageOf(pool: string, attempts: readonly Attempt[], recovery: PoolRecovery): string {
  if (recovery.kind === "none") {
    const members = [...new Set(attempts.map(plainAttempt))]
    return `No member of ${pool} can answer now, and none recovers within ${about(RETRY_HORIZON_MS)}: ${members.join("; ")}`
  }
  const lines = `All ${attempts.length} attempts of ${pool} failed:\n${attempts.map((attempt) => `- ${describeAttempt(attempt)}`).join("\n")}`
  return recovery.kind === "after"
    ? `${lines}\nA member of ${pool} is usable again in ${Math.ceil(recovery.inMs / 1000)}s.`
    : lines
}

/**
 * Every member of a pool failed. It is an `APICallError`, so a caller's own retry logic (a host's included)
 * reads it like a provider error, and it tells that logic the truth about the pool: with a known recovery it is
 * retryable after exactly that delay (`retry-after-ms`); with none it is not retryable at all, and neither its
 * status nor its message invites a retry. Without health information it carries the last provider error's
 * status, headers and retryability. Its message lists every attempt; no request body, key or prompt is kept.
 */
export class PoolExhaustedError extends APICallError {
  private readonly [marker] = true
  readonly pool: string
  readonly attempts: readonly Attempt[]
  readonly recovery: PoolRecovery
  readonly #lastError: unknown
  readonly #last: Classification

  constructor(
    pool: string,
    attempts: readonly Attempt[],
    lastError: unknown,
    last: Classification,
    recovery: PoolRecovery = { kind: "unknown" },
  ) {
    const api = APICallError.isInstance(lastError) ? lastError : undefined
    const status = api?.statusCode ?? last.status
    const known = recovery.kind === "unknown"
    super({
      message: messageOf(pool, attempts, recovery),
      url: api ? redactSecrets(api.url) : "",
      requestBodyValues: undefined,
      // A 5xx status alone makes hosts retry, so an error nobody should retry does not carry one.
      statusCode: recovery.kind === "none" && status !== undefined && status >= 500 ? undefined : status,
      responseHeaders:
        recovery.kind === "after"
          ? {
              "retry-after-ms": String(Math.max(1, Math.ceil(recovery.inMs))),
              "retry-after": String(Math.max(1, Math.ceil(recovery.inMs / 1000))),
            }
          : known
            ? api?.responseHeaders
            : undefined,
      responseBody: known && api?.responseBody !== undefined ? redactSecrets(api.responseBody) : undefined,
      isRetryable:
        recovery.kind === "after" ? true : recovery.kind === "none" ? false : (api?.isRetryable ?? last.retryable),
      data: { pool, attempts },
    })
    this.pool = pool
    this.attempts = attempts
    this.recovery = recovery
    this.#lastError = lastError
    this.#last = last
  }

  /** The same failure, told with what the host learned about the members' recovery after the call. */
  withRecovery(recovery: PoolRecovery): PoolExhaustedError {
    return new PoolExhaustedError(this.pool, this.attempts, this.#lastError, this.#last, recovery)
  }

  /** True for a PoolExhaustedError, even from another copy of this package. */
  static override isInstance(error: unknown): error is PoolExhaustedError {
    return hasMarker(error, marker)
  }
}
