import type { Evidence } from "./evidence.ts"
import { QUOTA_CODES } from "./vendor-codes.ts"

/** A requested wait at or above this many milliseconds marks a quota window rather than a short burst limit. */
export const QUOTA_RETRY_THRESHOLD_MS = 5 * 60_000

// Billing and credit wording: these fail whatever the status (Anthropic sends its credit error as a 400).
const BILLING_PATTERNS: readonly RegExp[] = [
  // Anthropic: "Your credit balance is too low to access the Anthropic API."
  /credit balance is too low/i,
  // OpenRouter 402: "Insufficient credits. Add more using https://openrouter.ai/credits"
  /insufficient credits/i,
  // OpenRouter 402: "This request requires more credits, or fewer max_tokens."
  /requires more credits/i,
  // DeepSeek 402: "Insufficient Balance"; Moonshot: "... suspended due to insufficient balance".
  /insufficient (?:account )?balance/i,
  // xAI: "Your team ... has either used all available credits or reached its monthly spending limit."
  /used all available credits|spending limit/i,
  // OpenAI: "Billing hard limit has been reached".
  /billing hard limit/i,
]

// OpenAI: "You exceeded your current quota, please check your plan and billing details."
const OPENAI_QUOTA_WORDING = /exceeded your current quota/i
// Gemini reuses OpenAI's quota wording for per-minute limits; when a Google metric or a per-minute window is named
// the wording says nothing about the window.
const NOT_A_QUOTA_WINDOW = /googleapis\.com|PerMinute|per[-_ ]?minute/i

// Daily and longer windows: OpenRouter `free-models-per-day`, Groq "tokens per day (TPD)", Gemini `...PerDay...`
// quota ids, Cohere's trial key "limited to 1000 API calls / month".
const DAILY_PATTERN = /per[-_ ]?day|perday|\bdaily\b|\b(?:TPD|RPD)\b|per[-_ ]?month|\/ ?month\b|\bmonthly\b/i

/** True when the evidence names a billing, credit or long quota problem, whatever the status says. */
export function isHardQuota(evidence: Evidence): boolean {
  if (evidence.status === 402) return true
  if (evidence.codes.some((code) => QUOTA_CODES.has(code))) return true
  // Google's structured violations are authoritative; its messages use OpenAI's quota wording even per minute.
  if (evidence.googleQuotaFailure) return evidence.zeroQuota || evidence.quotaIds.some((id) => DAILY_PATTERN.test(id))
  if (evidence.texts.some((text) => BILLING_PATTERNS.some((pattern) => pattern.test(text)))) return true
  return evidence.texts.some((text) => OPENAI_QUOTA_WORDING.test(text) && !NOT_A_QUOTA_WINDOW.test(text))
}

/** True when a rate limit is a daily (or longer) window: by Google's quota ids, by wording, or by the wait asked. */
export function isLongWindow(evidence: Evidence, retryAfterMs: number | undefined): boolean {
  if (retryAfterMs !== undefined && retryAfterMs >= QUOTA_RETRY_THRESHOLD_MS) return true
  // Google's structured quota ids are authoritative; its messages are not.
  if (evidence.googleQuotaFailure) return evidence.quotaIds.some((id) => DAILY_PATTERN.test(id))
  return evidence.texts.some((text) => DAILY_PATTERN.test(text))
}

/**
 * True when Google's structured quota violations name a daily window or a limit of zero. Such a failure comes with
 * a RetryInfo of seconds, which neither honours; other vendors' resets for daily windows are real reset times.
 */
export function isLongQuotaId(evidence: Evidence): boolean {
  if (!evidence.googleQuotaFailure) return false
  return evidence.zeroQuota || evidence.quotaIds.some((id) => DAILY_PATTERN.test(id))
}
