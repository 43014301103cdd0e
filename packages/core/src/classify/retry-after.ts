import { asArray, asDict, lowerCaseHeaders, parseJsonLoose, type HeaderMap } from "./shape.ts"

// A compact duration as OpenAI, Groq and Google write it: `20ms`, `1s`, `6m0s`, `1h2m3.5s`, `43.527s`.
const COMPACT_DURATION = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/
const COMPACT_PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

// "Please try again in 7.66s", "try again in 14m24s", "Please retry in 20ms" (OpenAI, Groq, Gemini).
const MESSAGE_COMPACT = /(?:try again|retry)\s+(?:after|in)\s+((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)(?![a-z])/i
// "Please retry after 6 seconds" (Azure OpenAI), "try again in 1 minute".
const MESSAGE_WORDS = new RegExp(
  String.raw`(?:try again|retry)\s+(?:after|in)\s+(\d+(?:\.\d+)?)\s*` +
    String.raw`(milliseconds?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b`,
  "i",
)

/** Parses a compact duration such as `20ms`, `6m0s` or `1h2m3.5s` into milliseconds. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed.length > 64 || !COMPACT_DURATION.test(trimmed)) return undefined
  let total = 0
  for (const [, amount, unit] of trimmed.matchAll(COMPACT_PART)) {
    total += Number(amount) * (UNIT_MS[unit ?? ""] ?? 0)
  }
  return Number.isFinite(total) ? total : undefined
}

/**
 * How long the provider asked us to wait, in whole milliseconds, or undefined when it did not say.
 * Sources, first match wins: `retry-after-ms`, `retry-after`, Anthropic `anthropic-ratelimit-*-reset`, OpenAI
 * `x-ratelimit-reset-{requests,tokens}`, `x-ratelimit-reset`, OpenRouter body `error.metadata.headers`, Google body
 * `RetryInfo.retryDelay`, then "try again in …" in the message.
 */
export function retryAfterMs(
  headers: Record<string, string | undefined> | HeaderMap | undefined,
  body?: unknown,
  message?: string,
  now: number = Date.now(),
): number | undefined {
  const map = lowerCaseHeaders(headers)
  const parsedBody = typeof body === "string" ? parseJsonLoose(body) : body
  const found =
    fromRetryAfterMs(map) ??
    fromRetryAfter(map, now) ??
    fromAnthropicResets(map, now) ??
    fromOpenAIResets(map) ??
    fromRateLimitReset(map.get("x-ratelimit-reset"), now) ??
    fromOpenRouterBody(parsedBody, now) ??
    fromGoogleRetryInfo(parsedBody) ??
    fromMessage(message)
  if (found === undefined || !Number.isFinite(found)) return undefined
  return Math.max(0, Math.round(found))
}

function fromRetryAfterMs(headers: HeaderMap): number | undefined {
  const value = headers.get("retry-after-ms")
  if (value === undefined) return undefined
  const ms = Number.parseFloat(value)
  return Number.isFinite(ms) ? ms : undefined
}

/** `retry-after` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function fromRetryAfter(headers: HeaderMap, now: number): number | undefined {
  const value = headers.get("retry-after")?.trim()
  if (value === undefined || value === "") return undefined
  if (/^-?\d+(?:\.\d+)?$/.test(value)) return Number(value) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : date - now
}

const ANTHROPIC_LIMITS = ["requests", "tokens", "input-tokens", "output-tokens"] as const
const OPENAI_LIMITS = ["requests", "tokens"] as const

interface LimitReset {
  resetMs: number
  exhausted: boolean
}

/**
 * Picks the wait from several per-limit resets. When some limits say they are exhausted (`remaining: 0`) the call
 * can only pass once all of those have reset, so we take the latest of them. When none says so we cannot tell which
 * limit refused the call (a token limit refuses a big request while tokens remain), and the latest reset overall is
 * the only wait that is sure to be enough.
 */
function pickReset(resets: readonly LimitReset[]): number | undefined {
  const exhausted = resets.filter((reset) => reset.exhausted)
  const candidates = exhausted.length > 0 ? exhausted : resets
  if (candidates.length === 0) return undefined
  return Math.max(...candidates.map((reset) => reset.resetMs))
}

/** Anthropic sends an RFC 3339 reset time and a remaining count for each limit. */
function fromAnthropicResets(headers: HeaderMap, now: number): number | undefined {
  const resets: LimitReset[] = []
  for (const limit of ANTHROPIC_LIMITS) {
    const reset = headers.get(`anthropic-ratelimit-${limit}-reset`)
    const at = reset === undefined ? Number.NaN : Date.parse(reset)
    if (Number.isNaN(at)) continue
    resets.push({ resetMs: at - now, exhausted: headers.get(`anthropic-ratelimit-${limit}-remaining`)?.trim() === "0" })
  }
  return pickReset(resets)
}

/** OpenAI (and Groq, Azure) send a duration until each limit is fully replenished. */
function fromOpenAIResets(headers: HeaderMap): number | undefined {
  const resets: LimitReset[] = []
  for (const limit of OPENAI_LIMITS) {
    const reset = headers.get(`x-ratelimit-reset-${limit}`)
    const ms = reset === undefined ? undefined : (parseDurationMs(reset) ?? plainSeconds(reset))
    if (ms === undefined) continue
    resets.push({ resetMs: ms, exhausted: headers.get(`x-ratelimit-remaining-${limit}`)?.trim() === "0" })
  }
  return pickReset(resets)
}

function plainSeconds(text: string): number | undefined {
  const trimmed = text.trim()
  return /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : undefined
}

/**
 * `x-ratelimit-reset` has no single meaning across vendors: OpenRouter sends epoch milliseconds, others epoch
 * seconds or a plain number of seconds. The magnitude tells them apart.
 */
function fromRateLimitReset(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    const number = Number(trimmed)
    if (number > 1e12) return number - now
    if (number > 1e9) return number * 1000 - now
    return number * 1000
  }
  const duration = parseDurationMs(trimmed)
  if (duration !== undefined) return duration
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : date - now
}

/** The error objects a body may hold: itself, `.error`, and the first element of an array body (Vertex). */
function errorObjects(body: unknown): Record<string, unknown>[] {
  const first = asArray(body)?.[0]
  const roots = [body, first].map(asDict).filter((dict) => dict !== undefined)
  return roots.flatMap((root) => [root, asDict(root.error)]).filter((dict) => dict !== undefined)
}

/** OpenRouter forwards its limiter's headers inside the body: `error.metadata.headers["X-RateLimit-Reset"]`. */
function fromOpenRouterBody(body: unknown, now: number): number | undefined {
  for (const candidate of errorObjects(body)) {
    const forwarded = asDict(asDict(candidate.metadata)?.headers)
    if (forwarded === undefined) continue
    const map = lowerCaseHeaders(forwarded)
    const found = fromRetryAfter(map, now) ?? fromRateLimitReset(map.get("x-ratelimit-reset"), now)
    if (found !== undefined) return found
  }
  return undefined
}

/** Google APIs put a `google.rpc.RetryInfo` with a protobuf duration (`"43s"`) in `error.details`. */
function fromGoogleRetryInfo(body: unknown): number | undefined {
  for (const candidate of errorObjects(body)) {
    for (const detail of asArray(candidate.details) ?? []) {
      const dict = asDict(detail)
      const type = dict?.["@type"]
      if (typeof type !== "string" || !type.endsWith("RetryInfo")) continue
      const delay = dict?.retryDelay
      if (typeof delay === "string") return parseDurationMs(delay)
      const seconds = asDict(delay)
      if (seconds !== undefined) return Number(seconds.seconds ?? 0) * 1000 + Number(seconds.nanos ?? 0) / 1e6
    }
  }
  return undefined
}

const MESSAGE_SCAN_LIMIT = 20_000

function fromMessage(message: string | undefined): number | undefined {
  if (message === undefined) return undefined
  const text = message.slice(0, MESSAGE_SCAN_LIMIT)
  const compact = MESSAGE_COMPACT.exec(text)?.[1]
  if (compact !== undefined) return parseDurationMs(compact)
  const words = MESSAGE_WORDS.exec(text)
  if (words === null) return undefined
  return Number(words[1]) * wordUnitMs((words[2] ?? "").toLowerCase())
}

function wordUnitMs(unit: string): number {
  if (unit === "ms" || unit.startsWith("milli")) return 1
  if (unit.startsWith("h")) return 3_600_000
  if (unit.startsWith("m")) return 60_000
  return 1000
}
