/** Failure conditions a pool can fall back on; the values users write in `fallback_on`. */
export const FALLBACK_CONDITIONS = ["rate_limit", "timeout", "provider_unavailable", "token_limit"] as const

export type FallbackCondition = (typeof FALLBACK_CONDITIONS)[number]

/**
 * Every class a failure can fall into. `auth` (401/403, missing key) and `other` never trigger a fallback to
 * another model; `aborted` is the caller's own cancellation and stops everything at once.
 */
export type Condition = FallbackCondition | "auth" | "other" | "aborted"

/**
 * Why a failure outlasts any retry hint, so the member cools for at least `cooldown.quota_ms`: its model does not
 * exist (it will not come back by itself), or a quota the provider's structured quota ids call daily or zero
 * (Gemini sends a RetryInfo of seconds with it all the same).
 */
export type Lasting = "missing_model" | "long_quota"

/** What the classifier concludes about one failed call. */
export interface Classification {
  condition: Condition
  /** How long the provider asked us to wait, from headers or body, in milliseconds. */
  retryAfterMs?: number
  /** True when the failure is a long quota window (daily quota, billing, credits) rather than a short burst. */
  quota: boolean
  /** HTTP status when the failure came from a response. */
  status?: number
  /** One line that describes the failure, safe to show (never contains a secret). */
  message: string
  /** Whether the provider said the call may succeed if repeated. */
  retryable: boolean
  /** Set when the failure lasts longer than any retry hint says; see `Lasting`. */
  lasting?: Lasting
  /** Set when a fault drill played the failure: no request was sent, and nothing is recorded or repeated. */
  drill?: true
}
