import type { JSONObject } from "@ai-sdk/provider"
import type { Classification, Condition, Lasting } from "../condition.ts"

/** One failed try of one member within a call. */
export interface Attempt {
  member: string
  /** Label of the API key used, when the member's provider has several (never the key itself). */
  key?: string
  condition: Condition
  status?: number
  durationMs: number
  /** Safe one-line description of the failure. */
  message: string
  retryAfterMs?: number
  quota: boolean
  /** Set when the member cools for at least the quota cooldown: its model is missing, or a daily quota ran out. */
  lasting?: Lasting
  /** Set when the call passed the member by without a request, because it cannot serve the call: the reason. */
  skipped?: string
  /** Set when a fault drill played the failure. */
  drill?: true
  /** Set on the try a hedge cancelled because the other try produced output first. */
  hedged?: true
}

/** Builds the record of a failed try from its classification. */
export function attemptOf(
  member: string,
  key: string | undefined,
  classification: Classification,
  durationMs: number,
): Attempt {
  return {
    member,
    ...(key === undefined ? {} : { key }),
    condition: classification.condition,
    ...(classification.status === undefined ? {} : { status: classification.status }),
    durationMs: Math.round(durationMs),
    message: classification.message,
    ...(classification.retryAfterMs === undefined ? {} : { retryAfterMs: classification.retryAfterMs }),
    quota: classification.quota,
    ...(classification.lasting === undefined ? {} : { lasting: classification.lasting }),
    ...(classification.drill ? { drill: true as const } : {}),
  }
}

/** The record of a member the call passed by without a request, because it cannot serve the call. */
export function skippedAttempt(member: string, key: string | undefined, reason: string): Attempt {
  return {
    member,
    ...(key === undefined ? {} : { key }),
    condition: "other",
    durationMs: 0,
    message: `skipped: ${reason}`,
    quota: false,
    skipped: reason,
  }
}

/**
 * The record of a hedge's cancelled try: the slow member that the hedge overtook (`overtaken`), or the hedge's own
 * try that started too late to win.
 */
export function hedgedAttempt(
  lost: { member: string; key?: string },
  won: { member: string },
  overtaken: boolean,
  hedgeAfterMs: number,
  durationMs: number,
): Attempt {
  const message = overtaken
    ? `no output within hedge_after_ms (${hedgeAfterMs} ms); cancelled when ${won.member} answered first`
    : `started after ${hedgeAfterMs} ms without output; cancelled when ${won.member} answered first`
  return {
    member: lost.member,
    ...(lost.key === undefined ? {} : { key: lost.key }),
    condition: overtaken ? "timeout" : "other",
    durationMs: Math.round(durationMs),
    message,
    quota: false,
    hedged: true,
  }
}

/** The attempt as JSON for provider metadata (which only takes JSON values). */
export function attemptJson(attempt: Attempt): JSONObject {
  return { ...attempt }
}

function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`
  return ms >= 10_000 ? `${Math.round(ms / 1000)}s` : `${(ms / 1000).toFixed(1)}s`
}

/** `openai/gpt-5: rate_limit (429, retry in 30s) after 0.1s: Rate limit reached` */
export function describeAttempt(attempt: Attempt): string {
  if (attempt.skipped !== undefined) return `${whoOf(attempt)}: ${attempt.message}`
  const details = [
    attempt.status === undefined ? undefined : String(attempt.status),
    attempt.quota ? "quota" : undefined,
    attempt.lasting === "missing_model" ? "missing model" : undefined,
    attempt.retryAfterMs === undefined ? undefined : `retry in ${duration(attempt.retryAfterMs)}`,
  ].filter((detail) => detail !== undefined)
  const who = whoOf(attempt)
  const what = details.length === 0 ? attempt.condition : `${attempt.condition} (${details.join(", ")})`
  return `${who}: ${what} after ${duration(attempt.durationMs)}: ${attempt.message}`
}

/** A few plain words for why an attempt failed, for one-line notices: `rate limit`, `overloaded`, `timeout`. */
export function reasonOf(attempt: Attempt): string {
  if (attempt.skipped !== undefined) return `skipped (${attempt.skipped})`
  if (attempt.drill) return `drill: ${attempt.condition}`
  if (attempt.hedged) return attempt.condition === "timeout" ? "slow, overtaken by a hedge" : "hedge cancelled"
  switch (attempt.condition) {
    case "rate_limit":
      return attempt.quota ? "quota exhausted" : "rate limit"
    case "timeout":
      return "timeout"
    case "provider_unavailable":
      if (attempt.lasting === "missing_model") return "no such model"
      if (attempt.status === 529 || /overload/i.test(attempt.message)) return "overloaded"
      return attempt.status === undefined ? "unreachable" : `unavailable (${attempt.status})`
    case "token_limit":
      return "context too long"
    case "auth":
      return "credentials rejected"
    case "aborted":
      return "stopped"
    case "other":
      return attempt.status === undefined ? "failed" : `failed (${attempt.status})`
  }
}

/** Who an attempt was: the member, and its key's label when it has several. */
export function whoOf(attempt: Pick<Attempt, "member" | "key">): string {
  return attempt.key === undefined ? attempt.member : `${attempt.member} (key ${attempt.key})`
}

/** `openai/gpt-5 rate limit, anthropic/claude-sonnet-4-5 overloaded`: every failed attempt with its reason. */
export function describeFailures(attempts: readonly Attempt[]): string {
  return attempts.map((attempt) => `${whoOf(attempt)} ${reasonOf(attempt)}`).join(", ")
}

/** `answered by google/gemini-2.5-pro; openai/gpt-5 rate limit, anthropic/claude-sonnet-4-5 overloaded` */
export function describeAnswer(answered: Pick<Attempt, "member" | "key">, attempts: readonly Attempt[]): string {
  const failed = describeFailures(attempts)
  return failed === "" ? `answered by ${whoOf(answered)}` : `answered by ${whoOf(answered)}; ${failed}`
}
