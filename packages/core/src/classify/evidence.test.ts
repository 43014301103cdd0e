import { APICallError } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { classify } from "./classify.ts"
import { gatherEvidence } from "./evidence.ts"

const NEUTRAL = "details withheld"
const NOW = Date.parse("2025-06-01T12:00:00.000Z")

/** A chain of plain objects, each the `cause` of the one before; the innermost is `last`, `levels` below the top. */
function chain(levels: number, last: Record<string, unknown>): Record<string, unknown> {
  let current = last
  for (let level = 0; level < levels; level++) current = { message: NEUTRAL, cause: current }
  return current
}

describe("the evidence walk's bounds, which keep it small whatever the input", () => {
  test("a cause eight levels down is read; one nine levels down is not", () => {
    expect(classify(chain(8, { type: "rate_limit_exceeded" })).condition).toBe("rate_limit")
    expect(classify(chain(9, { type: "rate_limit_exceeded" })).condition).toBe("other")
  })

  test("the walk reads 64 objects at most", () => {
    // The payload itself is the first object; each exception key holds one more.
    const payload = (keys: number) =>
      Object.fromEntries(
        Array.from({ length: keys }, (_, index) => [
          `filler${index}Exception`,
          index === keys - 1 ? { type: "rate_limit_exceeded" } : { message: NEUTRAL },
        ]),
      )
    expect(classify(payload(63)).condition).toBe("rate_limit")
    expect(classify(payload(64)).condition).toBe("other")
  })

  test("only the first 64 keys of a payload are looked at", () => {
    const shared = { message: NEUTRAL }
    const payload: Record<string, unknown> = {}
    for (let index = 0; index < 64; index++) payload[`filler${index}Exception`] = shared
    payload["throttlingException"] = { message: NEUTRAL }
    expect(classify(payload).condition).toBe("other")
  })

  test("an array's first 8 items are looked at", () => {
    const details = (count: number) => [
      ...Array.from({ length: count - 1 }, () => ({ message: NEUTRAL })),
      { type: "rate_limit_exceeded" },
    ]
    expect(classify({ message: NEUTRAL, details: details(8) }).condition).toBe("rate_limit")
    expect(classify({ message: NEUTRAL, details: details(9) }).condition).toBe("other")
  })

  test("32 texts are kept at most, and each text to its first 10,000 characters", () => {
    const texts = (count: number) =>
      Object.fromEntries(
        Array.from({ length: count }, (_, index) => [
          `filler${index}Exception`,
          { message: index === count - 1 ? "rate limit exceeded" : NEUTRAL },
        ]),
      )
    // The payload adds no text of its own; each exception object adds its message.
    expect(classify(texts(32)).condition).toBe("rate_limit")
    expect(classify(texts(33)).condition).toBe("other")
    expect(classify({ message: `${"x".repeat(9_980)} rate limit` }).condition).toBe("rate_limit")
    expect(classify({ message: `${"x".repeat(10_000)} rate limit` }).condition).toBe("other")
  })
})

describe("which layer the evidence comes from", () => {
  test("headers are the outermost layer's that has any; an empty header set is no headers", () => {
    const inner = { headers: { "retry-after": "30" }, message: "rate limit exceeded" }
    expect(classify({ statusCode: 429, headers: { "retry-after": "5" }, cause: inner }).retryAfterMs).toBe(5_000)
    expect(classify({ statusCode: 429, headers: {}, cause: inner }).retryAfterMs).toBe(30_000)
    expect(classify({ statusCode: 429, headers: null, cause: inner }).retryAfterMs).toBe(30_000)
  })

  test("the body is the first one parsed: OpenRouter's reset is read from its own body, not the upstream's", () => {
    const body = JSON.stringify({
      error: {
        message: "Provider returned error",
        code: 429,
        metadata: {
          headers: { "X-RateLimit-Reset": String(NOW + 9_000) },
          raw: JSON.stringify({ error: { message: "upstream rate limited", code: 429 } }),
        },
      },
    })
    const error = new APICallError({
      message: "Provider returned error",
      url: "https://openrouter.ai/api/v1/chat/completions",
      requestBodyValues: {},
      statusCode: 429,
      responseBody: body,
    })
    expect(classify(error, NOW).retryAfterMs).toBe(9_000)
  })

  test("a Google QuotaFailure is told by its @type; a detail of another type names no quota", () => {
    const google = (type: string, quotaValue: unknown) => ({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message: "Quota exceeded for the requests per day limit",
      details: [{ "@type": type, violations: [{ quotaId: "RequestsPerMinute", quotaValue }] }],
    })
    // A QuotaFailure is believed over the message: its quota is per minute.
    expect(classify(google("type.googleapis.com/google.rpc.QuotaFailure", "10")).quota).toBe(false)
    expect(classify(google("type.googleapis.com/google.rpc.ErrorInfo", "10")).quota).toBe(true)
    // A limit of 0, as a string or a number, is no quota on this tier at all.
    expect(classify(google("type.googleapis.com/google.rpc.QuotaFailure", 0)).lasting).toBe("long_quota")
    expect(classify(google("type.googleapis.com/google.rpc.QuotaFailure", "0")).lasting).toBe("long_quota")
  })

  test("inherited header fields are not the response's headers", () => {
    const headers = Object.create({ "retry-after": "5" }) as Record<string, string>
    expect(classify({ statusCode: 429, headers }).retryAfterMs).toBeUndefined()
  })

  test("an error's numeric code is not a status; a payload's is", () => {
    expect(gatherEvidence(Object.assign(new Error(NEUTRAL), { code: 429 })).status).toBeUndefined()
    expect(gatherEvidence({ code: 429, message: NEUTRAL }).status).toBe(429)
  })
})
