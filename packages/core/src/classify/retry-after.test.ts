import { describe, expect, test } from "bun:test"
import { parseDurationMs, retryAfterMs } from "./retry-after.ts"

const NOW = Date.parse("2025-06-01T12:00:00.000Z")
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString()

describe("parseDurationMs", () => {
  test("reads the compact durations OpenAI and Google write", () => {
    expect(parseDurationMs("20ms")).toBe(20)
    expect(parseDurationMs("1s")).toBe(1000)
    expect(parseDurationMs("0.5s")).toBe(500)
    expect(parseDurationMs("6m0s")).toBe(360_000)
    expect(parseDurationMs("1h2m3.5s")).toBe(3_723_500)
    expect(parseDurationMs("18m58.272s")).toBe(1_138_272)
  })

  test("rejects anything else", () => {
    expect(parseDurationMs("")).toBeUndefined()
    expect(parseDurationMs("soon")).toBeUndefined()
    expect(parseDurationMs("12")).toBeUndefined()
    expect(parseDurationMs("1s and more")).toBeUndefined()
  })
})

describe("retryAfterMs", () => {
  test("returns undefined when nothing says how long to wait", () => {
    expect(retryAfterMs(undefined)).toBeUndefined()
    expect(
      retryAfterMs({ "content-type": "application/json" }, { error: { message: "nope" } }, "nope", NOW),
    ).toBeUndefined()
  })

  test("retry-after-ms wins over everything and is rounded", () => {
    expect(retryAfterMs({ "retry-after-ms": "1234.6", "retry-after": "9" }, undefined, undefined, NOW)).toBe(1235)
  })

  test("retry-after in seconds", () => {
    expect(retryAfterMs({ "retry-after": "17" }, undefined, undefined, NOW)).toBe(17_000)
    expect(retryAfterMs({ "retry-after": "0.25" }, undefined, undefined, NOW)).toBe(250)
  })

  test("retry-after as an HTTP date counts from now", () => {
    const date = new Date(NOW + 30_000).toUTCString()
    expect(retryAfterMs({ "retry-after": date }, undefined, undefined, NOW)).toBe(30_000)
  })

  test("header names are matched case-insensitively", () => {
    expect(retryAfterMs({ "Retry-After": "3" }, undefined, undefined, NOW)).toBe(3000)
    expect(retryAfterMs({ "RETRY-AFTER-MS": "40" }, undefined, undefined, NOW)).toBe(40)
  })

  test("a wait in the past is zero, never negative", () => {
    expect(retryAfterMs({ "retry-after": new Date(NOW - 60_000).toUTCString() }, undefined, undefined, NOW)).toBe(0)
    expect(retryAfterMs({ "retry-after": "-5" }, undefined, undefined, NOW)).toBe(0)
    expect(retryAfterMs({ "anthropic-ratelimit-tokens-reset": at(-5_000) }, undefined, undefined, NOW)).toBe(0)
  })

  test("Anthropic resets: the latest among the exhausted limits", () => {
    const headers = {
      "anthropic-ratelimit-requests-remaining": "3",
      "anthropic-ratelimit-requests-reset": at(50_000),
      "anthropic-ratelimit-input-tokens-remaining": "0",
      "anthropic-ratelimit-input-tokens-reset": at(12_000),
      "anthropic-ratelimit-output-tokens-remaining": "0",
      "anthropic-ratelimit-output-tokens-reset": at(7_000),
    }
    expect(retryAfterMs(headers, undefined, undefined, NOW)).toBe(12_000)
  })

  test("Anthropic resets: the latest overall when no limit says it is exhausted", () => {
    const headers = {
      "anthropic-ratelimit-requests-reset": at(2_000),
      "anthropic-ratelimit-tokens-reset": at(9_000),
    }
    expect(retryAfterMs(headers, undefined, undefined, NOW)).toBe(9_000)
  })

  test("OpenAI x-ratelimit-reset durations follow the same rule", () => {
    const exhausted = {
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "1s",
      "x-ratelimit-remaining-tokens": "1200",
      "x-ratelimit-reset-tokens": "6m0s",
    }
    expect(retryAfterMs(exhausted, undefined, undefined, NOW)).toBe(1000)
    expect(
      retryAfterMs(
        { "x-ratelimit-reset-requests": "20ms", "x-ratelimit-reset-tokens": "1h2m3.5s" },
        undefined,
        undefined,
        NOW,
      ),
    ).toBe(3_723_500)
  })

  test("x-ratelimit-reset is read as epoch milliseconds, epoch seconds or seconds by magnitude", () => {
    expect(retryAfterMs({ "x-ratelimit-reset": String(NOW + 4_000) }, undefined, undefined, NOW)).toBe(4_000)
    expect(retryAfterMs({ "x-ratelimit-reset": String((NOW + 8_000) / 1000) }, undefined, undefined, NOW)).toBe(8_000)
    expect(retryAfterMs({ "x-ratelimit-reset": "42" }, undefined, undefined, NOW)).toBe(42_000)
  })

  test("OpenRouter limiter headers forwarded in the body", () => {
    const body = {
      error: {
        code: 429,
        message: "Rate limit exceeded",
        metadata: { headers: { "X-RateLimit-Reset": String(NOW + 5_500) } },
      },
    }
    expect(retryAfterMs(undefined, body, undefined, NOW)).toBe(5_500)
    expect(retryAfterMs(undefined, JSON.stringify(body), undefined, NOW)).toBe(5_500)
  })

  test("Google RetryInfo in error details, as an object, an array body or the bare error", () => {
    const error = {
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "0.5s" }],
    }
    expect(retryAfterMs(undefined, { error }, undefined, NOW)).toBe(500)
    expect(retryAfterMs(undefined, [{ error }], undefined, NOW)).toBe(500)
    expect(retryAfterMs(undefined, error, undefined, NOW)).toBe(500)
  })

  test("headers come before the body and the body before the message", () => {
    const body = { error: { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "43s" }] } }
    expect(retryAfterMs({ "retry-after": "2" }, body, "Please retry in 9s.", NOW)).toBe(2_000)
    expect(retryAfterMs({}, body, "Please retry in 9s.", NOW)).toBe(43_000)
  })

  test("message wording as OpenAI, Groq, Azure and Gemini write it", () => {
    expect(
      retryAfterMs(undefined, undefined, "Please try again in 7.66s. Visit https://platform.openai.com", NOW),
    ).toBe(7_660)
    expect(retryAfterMs(undefined, undefined, "Please try again in 14m24s. Need more tokens?", NOW)).toBe(864_000)
    expect(retryAfterMs(undefined, undefined, "Please retry after 6 seconds. Please go here", NOW)).toBe(6_000)
    expect(retryAfterMs(undefined, undefined, "Please retry in 20ms", NOW)).toBe(20)
    expect(retryAfterMs(undefined, undefined, "Please retry in 43.527343911s.", NOW)).toBe(43_527)
    expect(retryAfterMs(undefined, undefined, "try again in 2 minutes", NOW)).toBe(120_000)
  })

  test("unparseable values are skipped in favour of the next source", () => {
    expect(retryAfterMs({ "retry-after": "soon", "retry-after-ms": "abc" }, undefined, "try again in 3s", NOW)).toBe(
      3_000,
    )
  })
})

describe("retry hints, exactly as vendors write them", () => {
  test("a compact duration is read whole, with space around it, up to 64 characters", () => {
    expect(parseDurationMs(" 5s ")).toBe(5_000)
    expect(parseDurationMs("x5s")).toBeUndefined()
    expect(parseDurationMs("1s".repeat(32))).toBe(32_000)
    expect(parseDurationMs("1s".repeat(33))).toBeUndefined()
  })

  test("retry-after is trimmed, and a value that is neither seconds nor a date gives way to the next source", () => {
    expect(retryAfterMs({ "retry-after": " 6 " }, undefined, undefined, NOW)).toBe(6_000)
    expect(retryAfterMs({ "retry-after": "6 seconds", "x-ratelimit-reset": "3" }, undefined, undefined, NOW)).toBe(
      3_000,
    )
    expect(retryAfterMs({ "retry-after": "x5", "x-ratelimit-reset": "3" }, undefined, undefined, NOW)).toBe(3_000)
  })

  test("a remaining count with space around it still says the limit is exhausted", () => {
    const anthropic = {
      "anthropic-ratelimit-requests-remaining": "7",
      "anthropic-ratelimit-requests-reset": at(50_000),
      "anthropic-ratelimit-tokens-remaining": " 0 ",
      "anthropic-ratelimit-tokens-reset": at(10_000),
    }
    expect(retryAfterMs(anthropic, undefined, undefined, NOW)).toBe(10_000)
    const openai = {
      "x-ratelimit-remaining-requests": "7",
      "x-ratelimit-reset-requests": "50s",
      "x-ratelimit-remaining-tokens": "0 ",
      "x-ratelimit-reset-tokens": "10s",
    }
    expect(retryAfterMs(openai, undefined, undefined, NOW)).toBe(10_000)
  })

  test("an OpenAI reset may be plain seconds", () => {
    expect(retryAfterMs({ "x-ratelimit-reset-requests": "20" }, undefined, undefined, NOW)).toBe(20_000)
    expect(retryAfterMs({ "x-ratelimit-reset-tokens": "1.5" }, undefined, undefined, NOW)).toBe(1_500)
    expect(retryAfterMs({ "x-ratelimit-reset-tokens": "soon" }, undefined, undefined, NOW)).toBeUndefined()
  })

  test("x-ratelimit-reset may be trimmed seconds, a compact duration or a date", () => {
    expect(retryAfterMs({ "x-ratelimit-reset": " 1.25 " }, undefined, undefined, NOW)).toBe(1_250)
    expect(retryAfterMs({ "x-ratelimit-reset": "30s" }, undefined, undefined, NOW)).toBe(30_000)
    expect(retryAfterMs({ "x-ratelimit-reset": "1m30s" }, undefined, undefined, NOW)).toBe(90_000)
    const date = new Date(NOW + 45_000).toUTCString()
    expect(retryAfterMs({ "x-ratelimit-reset": date }, undefined, undefined, NOW)).toBe(45_000)
    expect(retryAfterMs({ "x-ratelimit-reset": "whenever" }, undefined, undefined, NOW)).toBeUndefined()
  })

  test("Google's RetryInfo may give its delay as seconds and nanos", () => {
    const body = (retryDelay: unknown) => ({
      error: { details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay }] },
    })
    expect(retryAfterMs(undefined, body({ seconds: 2, nanos: 500_000_000 }), undefined, NOW)).toBe(2_500)
    expect(retryAfterMs(undefined, body({ seconds: "3" }), undefined, NOW)).toBe(3_000)
    expect(retryAfterMs(undefined, body({ nanos: 250_000_000 }), undefined, NOW)).toBe(250)
  })

  test("a message's wait is read with any spacing, fractions, any case and every unit", () => {
    const wait = (message: string) => retryAfterMs(undefined, undefined, message, NOW)
    expect(wait("Please try again  in  1.25s.")).toBe(1_250)
    expect(wait("Please Retry After 6 Seconds.")).toBe(6_000)
    expect(wait("retry after 500 milliseconds")).toBe(500)
    expect(wait("retry after 250 ms")).toBe(250)
    expect(wait("try again in 2 hours")).toBe(7_200_000)
    expect(wait("try again in 1 hr")).toBe(3_600_000)
    expect(wait("try again in 3 minutes")).toBe(180_000)
    expect(wait("try again in 4 secs")).toBe(4_000)
  })

  test("a message's wait is looked for in its first 20,000 characters only", () => {
    expect(retryAfterMs(undefined, undefined, `${"x".repeat(19_970)} try again in 5s`, NOW)).toBe(5_000)
    expect(retryAfterMs(undefined, undefined, `${"x".repeat(20_000)} try again in 5s`, NOW)).toBeUndefined()
  })

  test("header values given as numbers or lists are read, whatever the case of their names", () => {
    expect(retryAfterMs({ "Retry-After": 6 } as never, undefined, undefined, NOW)).toBe(6_000)
    expect(retryAfterMs({ "Retry-After": ["7"] } as never, undefined, undefined, NOW)).toBe(7_000)
  })

  test("a message's compact wait of several units is read with any spacing, to every decimal", () => {
    expect(retryAfterMs(undefined, undefined, "Please try again  in  1m30.25s.", NOW)).toBe(90_250)
  })

  test("an OpenAI reset in plain seconds is trimmed, and one that is not a number is no reset at all", () => {
    expect(retryAfterMs({ "x-ratelimit-reset-requests": " 20 " }, undefined, undefined, NOW)).toBe(20_000)
    for (const junk of ["x20", "20x"]) {
      const headers = { "x-ratelimit-reset-requests": junk, "x-ratelimit-reset-tokens": "10s" }
      expect([junk, retryAfterMs(headers, undefined, undefined, NOW)]).toEqual([junk, 10_000])
    }
    expect(retryAfterMs({ "x-ratelimit-reset-requests": "1.25" }, undefined, undefined, NOW)).toBe(1_250)
  })

  test("an x-ratelimit-reset that is no number, duration or date gives way to the message", () => {
    expect(retryAfterMs({ "x-ratelimit-reset": "x30" }, undefined, "try again in 5s", NOW)).toBe(5_000)
  })
})
