import { describe, expect, test } from "bun:test"
import { classify } from "./classify.ts"

const limited = (message: string) => classify({ statusCode: 429, message })

describe("long windows, as vendors word them", () => {
  test("a rate limit naming a day or a month is a quota", () => {
    for (const message of [
      "Limit reached: 100 requests per day",
      "Limit reached: per-day requests",
      "Limit reached: per_day requests",
      "Limit reached: GenerateRequestsPerDay",
      "Your daily limit is used up",
      "on tokens per day (TPD): Limit 100000",
      "on requests per day (RPD): Limit 10000",
      "limited to 1000 API calls / month",
      "limited to 1000 API calls/month",
      "limited to 1000 API calls per month",
      "limited to 1000 API calls per-month",
      "Limit reached: RequestsPerMonth",
      "Your monthly quota is used up",
    ])
      expect([message, limited(message).quota]).toEqual([message, true])
  })

  test("a rate limit naming a minute, or nothing, is a burst", () => {
    for (const message of ["Limit reached: 60 requests per minute", "Rate limit exceeded", "days ago you asked"])
      expect([message, limited(message).quota]).toEqual([message, false])
  })

  test("OpenAI's quota wording is a quota unless it names a per-minute window or a Google metric", () => {
    const wording = "You exceeded your current quota, please check your plan and billing details."
    expect(limited(wording).quota).toBe(true)
    for (const window of ["of 60 requests per minute", "of 60 requests per-minute", "(generate_content_per_minute)"])
      expect([window, limited(`${wording} ${window}`).quota]).toEqual([window, false])
    expect(limited(`${wording} Metric: generativelanguage.googleapis.com/requests`).quota).toBe(false)
  })

  test("billing wordings are quotas whatever the status", () => {
    for (const message of [
      "Your credit balance is too low to access the Anthropic API.",
      "Insufficient credits. Add more using https://openrouter.ai/credits",
      "This request requires more credits, or fewer max_tokens.",
      "Insufficient Balance",
      "Your account is suspended due to insufficient account balance",
      "Your team has either used all available credits or reached its monthly spending limit.",
      "Billing hard limit has been reached",
    ])
      expect([message, classify({ statusCode: 400, message })]).toMatchObject([
        message,
        { condition: "rate_limit", quota: true },
      ])
  })
})

describe("Google's structured quotas", () => {
  const gemini = (violations: { quotaId: string; quotaValue?: string }[], message: string, retryDelay?: string) => ({
    code: 429,
    status: "RESOURCE_EXHAUSTED",
    message,
    details: [
      { "@type": "type.googleapis.com/google.rpc.QuotaFailure", violations },
      ...(retryDelay === undefined ? [] : [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }]),
    ],
  })

  test("a daily quota among several violations makes the failure a lasting quota", () => {
    const result = classify(
      gemini(
        [{ quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }, { quotaId: "GenerateRequestsPerDay" }],
        "Quota exceeded",
        "20s",
      ),
    )
    expect(result).toMatchObject({ condition: "rate_limit", quota: true, lasting: "long_quota", retryAfterMs: 20_000 })
  })

  test("per-minute violations are a burst, whatever the message says about days", () => {
    const result = classify(
      gemini([{ quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }], "Quota exceeded per day", "20s"),
    )
    expect(result).toMatchObject({ condition: "rate_limit", quota: false, retryAfterMs: 20_000 })
    expect(result.lasting).toBeUndefined()
  })

  test("a per-minute quota that asks for a wait of minutes is a quota by its wait, but not a lasting one", () => {
    const result = classify(gemini([{ quotaId: "GenerateRequestsPerMinute" }], "Quota exceeded", "600s"))
    expect(result).toMatchObject({ quota: true, retryAfterMs: 600_000 })
    expect(result.lasting).toBeUndefined()
  })
})
