import type { Classification, Condition, Lasting } from "../condition.ts"
import { isContextOverflow } from "./context-overflow.ts"
import { gatherEvidence, type Evidence } from "./evidence.ts"
import { safeMessage } from "./message.ts"
import { isMissingModel } from "./missing-model.ts"
import { isLongQuotaId, isHardQuota, isLongWindow } from "./quota.ts"
import { retryAfterMs } from "./retry-after.ts"
import { asDict } from "./shape.ts"
import { AUTH_CODES, CODE_CONDITIONS, CONTEXT_CODES, SERVER_CODE_CONDITIONS } from "./vendor-codes.ts"

interface Verdict {
  condition: Condition
  quota: boolean
  lasting?: Lasting
}

/** One case-insensitive pattern matching any of the given regex sources. */
const anyOf = (...sources: string[]) => new RegExp(sources.join("|"), "i")

// Message wording, consulted only when structure (status, codes, error types) says nothing.
const TEXT_AUTH = anyOf(
  "invalid api[ _-]?key",
  "incorrect api[ _-]?key",
  "api key not valid",
  "invalid x-api-key",
  "no auth credentials",
  "missing (?:an? )?api[ _-]?key",
  "api key is missing",
  "unauthori[sz]ed",
  "authentication failed",
  "invalid authentication",
)
const TEXT_RATE_LIMIT = anyOf("rate[ _-]?limit", "too many requests", "throttl", "resource[ _]exhausted")
const TEXT_TIMEOUT = anyOf("timed? ?out\\b", "timeout", "deadline (?:exceeded|expired)")
const TEXT_UNAVAILABLE = anyOf(
  "overloaded",
  "service unavailable",
  "temporarily unavailable",
  "bad gateway",
  "internal server error",
  "server error",
  "no endpoints found",
  "provider returned error",
  "provider disconnected",
  "fetch failed",
  "failed to fetch",
  "socket hang up",
  "unable to connect",
  "connection (?:was )?(?:refused|reset|closed)",
  "closed unexpectedly",
  "network error",
  "upstream connect error",
  "econnrefused|econnreset|enotfound|eai_again",
)
// OpenRouter answers 404 "No endpoints found for <model>." when no provider currently serves the model.
const TEXT_NO_ENDPOINTS = /no endpoints found/i

// HTTP reason phrases: what AI SDK puts in `message` when the body was not the vendor's JSON. A vendor message from
// the body says more.
const REASON_PHRASES: ReadonlySet<string> = new Set([
  "bad request",
  "unauthorized",
  "payment required",
  "forbidden",
  "not found",
  "request timeout",
  "conflict",
  "payload too large",
  "content too large",
  "too many requests",
  "internal server error",
  "bad gateway",
  "service unavailable",
  "gateway timeout",
  "error",
])

/** Classifies any thrown value or stream error part into a failure condition. Pure; never throws. */
export function classify(error: unknown, now: number = Date.now()): Classification {
  try {
    return classifyUnsafe(unwrapRetryError(error), now)
  } catch {
    // Only reachable through hostile input (throwing getters, revoked proxies).
    return { condition: "other", quota: false, message: "Unreadable error", retryable: false }
  }
}

/** AI SDK's RetryError reports the attempts; the last attempt's error is the one that describes the failure. */
function unwrapRetryError(error: unknown): unknown {
  let current = error
  for (let depth = 0; depth < 8; depth++) {
    const dict = asDict(current)
    if (dict?.name !== "AI_RetryError" || dict.lastError === undefined) return current
    current = dict.lastError
  }
  return current
}

function classifyUnsafe(error: unknown, now: number): Classification {
  const evidence = gatherEvidence(error)
  const verdict = decide(evidence)
  const vendorMessage = safeMessage(pickMessage(evidence) ?? "") || fallbackMessage(evidence, verdict.condition)
  if (verdict.condition === "aborted")
    return { condition: "aborted", quota: false, message: vendorMessage, retryable: false }
  // Named as such, so a host can warn that the member's model id is wrong rather than show a passing outage.
  const message = verdict.lasting === "missing_model" ? safeMessage(`model not found: ${vendorMessage}`) : vendorMessage
  const retryAfter = retryAfterMs(evidence.headers, evidence.body, evidence.texts.join("\n"), now)
  const quota = verdict.condition === "rate_limit" && (verdict.quota || isLongWindow(evidence, retryAfter))
  const lasting = verdict.lasting ?? (quota && isLongQuotaId(evidence) ? "long_quota" : undefined)
  return {
    condition: verdict.condition,
    quota,
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
    ...(evidence.status === undefined ? {} : { status: evidence.status }),
    message,
    retryable: evidence.retryable ?? defaultRetryable(verdict.condition),
    ...(lasting === undefined ? {} : { lasting }),
  }
}

const conclude = (condition: Condition, quota = false): Verdict => ({ condition, quota })

/**
 * The rules, most specific first: the caller's own cancellation, then what can never succeed on this model (context
 * overflow, credentials, billing), then vendor error types and network error codes, then the HTTP status, and
 * message wording last.
 */
function decide(evidence: Evidence): Verdict {
  const { codes, status } = evidence
  // `TimeoutError` (AbortSignal.timeout) and the named transport limits of hosts (`HeaderTimeoutError`, ...).
  if (codes.some((code) => code.endsWith("timeouterror"))) return conclude("timeout")
  if (codes.includes("aborterror") || codes.includes("responseaborted")) return conclude("aborted")
  if (status === 413 || codes.some((code) => CONTEXT_CODES.has(code))) return conclude("token_limit")
  if (evidence.texts.some(isContextOverflow)) return conclude("token_limit")
  if (evidence.missingApiKey || codes.some((code) => AUTH_CODES.has(code))) return conclude("auth")
  if (isHardQuota(evidence)) return conclude("rate_limit", true)
  // Another member can answer, but this one will not come back by itself.
  if (isMissingModel(evidence)) return { condition: "provider_unavailable", quota: false, lasting: "missing_model" }
  // Specific vendor types beat the status (Bedrock's ModelNotReadyException arrives as a 429); generic ones only
  // refine a server-side failure.
  const fromCode = codes.map((code) => CODE_CONDITIONS.get(code)).find(Boolean)
  if (fromCode !== undefined) return conclude(fromCode)
  const fromServerCode = codes.map((code) => SERVER_CODE_CONDITIONS.get(code)).find(Boolean)
  if (fromServerCode !== undefined && serverSide(status)) return conclude(fromServerCode)
  if (evidence.badResponse && status === undefined) return conclude("provider_unavailable")
  const fromStatus = status === undefined ? undefined : conditionFromStatus(status)
  if (fromStatus !== undefined) return conclude(fromStatus)
  const fromText = conditionFromText(evidence.texts, status)
  // A member that finished with nothing and no reason, and left no vendor error saying why, is not answering.
  if (fromText === "other" && status === undefined && codes.includes("emptyanswererror"))
    return conclude("provider_unavailable")
  return conclude(fromText)
}

function serverSide(status: number | undefined): boolean {
  return status === undefined || status === 408 || status === 429 || status >= 500
}

function conditionFromStatus(status: number): Condition | undefined {
  if (status === 401 || status === 403) return "auth"
  if (status === 408 || status === 504 || status === 524) return "timeout"
  if (status === 429) return "rate_limit"
  // 501 and 505 say the request itself is not supported; retrying elsewhere is the caller's business, not ours.
  if (status >= 500 && status !== 501 && status !== 505) return "provider_unavailable"
  return undefined
}

function conditionFromText(texts: readonly string[], status: number | undefined): Condition {
  const mentions = (pattern: RegExp) => texts.some((text) => pattern.test(text))
  if (mentions(TEXT_NO_ENDPOINTS)) return "provider_unavailable"
  // xAI reports a wrong key as a 400.
  if ((status === undefined || status === 400) && mentions(TEXT_AUTH)) return "auth"
  if (status !== undefined) return "other"
  if (mentions(TEXT_RATE_LIMIT)) return "rate_limit"
  if (mentions(TEXT_TIMEOUT)) return "timeout"
  if (mentions(TEXT_UNAVAILABLE)) return "provider_unavailable"
  return "other"
}

function defaultRetryable(condition: Condition): boolean {
  return condition === "rate_limit" || condition === "timeout" || condition === "provider_unavailable"
}

function pickMessage(evidence: Evidence): string | undefined {
  return evidence.messages.find((message) => !isReasonPhrase(message)) ?? evidence.messages[0]
}

function isReasonPhrase(message: string): boolean {
  const normalized = message.trim().toLowerCase()
  return REASON_PHRASES.has(normalized) || /^http \d{3}$/.test(normalized)
}

function fallbackMessage(evidence: Evidence, condition: Condition): string {
  if (evidence.status !== undefined) return `HTTP ${evidence.status}`
  return `Request failed (${condition})`
}
