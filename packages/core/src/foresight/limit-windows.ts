import { parseDurationMs } from "../classify/retry-after.ts"
import { lowerCaseHeaders, type HeaderMap } from "../classify/shape.ts"

/** What a rate-limit window counts. */
export type WindowKind = "requests" | "tokens" | "input_tokens" | "output_tokens" | "subscription"

/** One rate-limit window as a successful response reported it. */
export interface LimitWindow {
  kind: WindowKind
  /** The header that said it, for the log: `x-ratelimit-remaining-requests`. */
  header: string
  /** Requests or tokens left in the window; undefined for a subscription's share, which is told in percent. */
  remaining?: number
  /** True when the window has nothing left: no request (or no token) passes before it resets. */
  spent: boolean
  /** Epoch ms at which the window resets, when the response said. */
  resetAt?: number
}

const OPENAI_LIMITS = [
  ["requests", "requests"],
  ["tokens", "tokens"],
] as const

const ANTHROPIC_LIMITS = [
  ["requests", "requests"],
  ["tokens", "tokens"],
  ["input-tokens", "input_tokens"],
  ["output-tokens", "output_tokens"],
] as const

function count(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(?:\.\d+)?\s*$/.test(value)) return undefined
  return Number(value)
}

/** A reset given as a duration from now (`30s`, `6m0s`, `1.5`) as OpenAI and the hosts that copy it send it. */
function resetIn(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const ms = parseDurationMs(value) ?? (count(value) === undefined ? undefined : (count(value) ?? 0) * 1000)
  return ms === undefined ? undefined : now + ms
}

/** A reset given as an RFC 3339 date (Anthropic). */
function resetOnDate(value: string | undefined): number | undefined {
  const at = value === undefined ? Number.NaN : Date.parse(value)
  return Number.isNaN(at) ? undefined : at
}

/** A reset given as epoch seconds (the subscription windows of Claude and ChatGPT logins). */
function resetOnEpoch(value: string | undefined): number | undefined {
  const seconds = count(value)
  if (seconds === undefined) return undefined
  return seconds > 1e12 ? seconds : seconds * 1000
}

function openai(headers: HeaderMap, now: number): LimitWindow[] {
  return OPENAI_LIMITS.flatMap(([name, kind]) => {
    const header = `x-ratelimit-remaining-${name}`
    const remaining = count(headers.get(header))
    if (remaining === undefined) return []
    const resetAt = resetIn(headers.get(`x-ratelimit-reset-${name}`), now)
    return [{ kind, header, remaining, spent: remaining <= 0, ...(resetAt === undefined ? {} : { resetAt }) }]
  })
}

function anthropic(headers: HeaderMap): LimitWindow[] {
  return ANTHROPIC_LIMITS.flatMap(([name, kind]) => {
    const header = `anthropic-ratelimit-${name}-remaining`
    const remaining = count(headers.get(header))
    if (remaining === undefined) return []
    const resetAt = resetOnDate(headers.get(`anthropic-ratelimit-${name}-reset`))
    return [{ kind, header, remaining, spent: remaining <= 0, ...(resetAt === undefined ? {} : { resetAt }) }]
  })
}

/**
 * A Claude login's subscription windows: the overall `anthropic-ratelimit-unified-status` (`rejected` once a window
 * is used up) with its reset, and each window's utilization (a fraction, 1 when used up) with its own reset.
 */
function claudeLogin(headers: HeaderMap): LimitWindow[] {
  const windows: LimitWindow[] = []
  const status = headers.get("anthropic-ratelimit-unified-status")?.trim()
  if (status !== undefined) {
    const resetAt = resetOnEpoch(headers.get("anthropic-ratelimit-unified-reset"))
    const header = "anthropic-ratelimit-unified-status"
    windows.push({ kind: "subscription", header, spent: status === "rejected", ...(resetAt ? { resetAt } : {}) })
  }
  for (const window of ["5h", "7d"]) {
    const header = `anthropic-ratelimit-unified-${window}-utilization`
    const used = count(headers.get(header))
    if (used === undefined) continue
    const resetAt = resetOnEpoch(headers.get(`anthropic-ratelimit-unified-${window}-reset`))
    windows.push({ kind: "subscription", header, spent: used >= 1, ...(resetAt ? { resetAt } : {}) })
  }
  return windows
}

/** A ChatGPT login's two usage windows (5 hours and a week): percent used, and when each resets. */
function chatgptLogin(headers: HeaderMap, now: number): LimitWindow[] {
  return ["primary", "secondary"].flatMap((window) => {
    const header = `x-codex-${window}-used-percent`
    const used = count(headers.get(header))
    if (used === undefined) return []
    const resetAt =
      resetOnEpoch(headers.get(`x-codex-${window}-reset-at`)) ??
      resetIn(headers.get(`x-codex-${window}-reset-after-seconds`), now)
    return [{ kind: "subscription" as const, header, spent: used >= 100, ...(resetAt ? { resetAt } : {}) }]
  })
}

/**
 * The rate-limit windows a successful response reports in its headers: OpenAI's and the OpenAI-style hosts'
 * `x-ratelimit-{remaining,reset}-{requests,tokens}`, Anthropic's `anthropic-ratelimit-*-{remaining,reset}`, and the
 * subscription windows of Claude (`anthropic-ratelimit-unified-*`) and ChatGPT (`x-codex-*`) logins. Unknown or
 * malformed values are left out, never guessed.
 */
export function readLimitWindows(headers: unknown, now: number): LimitWindow[] {
  const map = lowerCaseHeaders(headers)
  if (map.size === 0) return []
  return [...openai(map, now), ...anthropic(map), ...claudeLogin(map), ...chatgptLogin(map, now)]
}
