import { describe, expect, test } from "bun:test"
import { readLimitWindows } from "./limit-windows.ts"

const NOW = Date.parse("2026-12-06T12:00:00Z")

describe("rate-limit windows of a successful answer", () => {
  test("OpenAI and the hosts that copy it: remaining and a reset as a duration from now", () => {
    const windows = readLimitWindows(
      {
        "X-RateLimit-Remaining-Requests": "0",
        "x-ratelimit-reset-requests": "30s",
        "x-ratelimit-remaining-tokens": "1500",
        "x-ratelimit-reset-tokens": "6m0s",
      },
      NOW,
    )
    expect(windows).toEqual([
      { kind: "requests", header: "x-ratelimit-remaining-requests", remaining: 0, spent: true, resetAt: NOW + 30_000 },
      { kind: "tokens", header: "x-ratelimit-remaining-tokens", remaining: 1500, spent: false, resetAt: NOW + 360_000 },
    ])
  })

  test("a reset in plain seconds, as some hosts send it", () => {
    const [window] = readLimitWindows(
      { "x-ratelimit-remaining-requests": "3", "x-ratelimit-reset-requests": "1.5" },
      NOW,
    )
    expect(window).toMatchObject({ remaining: 3, spent: false, resetAt: NOW + 1_500 })
  })

  test("Anthropic: remaining per limit, and an RFC 3339 reset", () => {
    const windows = readLimitWindows(
      {
        "anthropic-ratelimit-requests-remaining": "0",
        "anthropic-ratelimit-requests-reset": "2026-12-06T12:00:40Z",
        "anthropic-ratelimit-input-tokens-remaining": "2000",
        "anthropic-ratelimit-input-tokens-reset": "2026-12-06T12:01:00Z",
        "anthropic-ratelimit-output-tokens-remaining": "8000",
      },
      NOW,
    )
    expect(windows).toEqual([
      {
        kind: "requests",
        header: "anthropic-ratelimit-requests-remaining",
        remaining: 0,
        spent: true,
        resetAt: NOW + 40_000,
      },
      {
        kind: "input_tokens",
        header: "anthropic-ratelimit-input-tokens-remaining",
        remaining: 2000,
        spent: false,
        resetAt: NOW + 60_000,
      },
      { kind: "output_tokens", header: "anthropic-ratelimit-output-tokens-remaining", remaining: 8000, spent: false },
    ])
  })

  test("a Claude login: the overall status and each window's utilization, reset in epoch seconds", () => {
    const reset = String(NOW / 1000 + 3_600)
    const windows = readLimitWindows(
      {
        "anthropic-ratelimit-unified-status": "rejected",
        "anthropic-ratelimit-unified-reset": reset,
        "anthropic-ratelimit-unified-5h-utilization": "1.0",
        "anthropic-ratelimit-unified-5h-reset": reset,
        "anthropic-ratelimit-unified-7d-utilization": "0.42",
      },
      NOW,
    )
    expect(windows).toEqual([
      { kind: "subscription", header: "anthropic-ratelimit-unified-status", spent: true, resetAt: NOW + 3_600_000 },
      {
        kind: "subscription",
        header: "anthropic-ratelimit-unified-5h-utilization",
        spent: true,
        resetAt: NOW + 3_600_000,
      },
      { kind: "subscription", header: "anthropic-ratelimit-unified-7d-utilization", spent: false },
    ])
    expect(readLimitWindows({ "anthropic-ratelimit-unified-status": "allowed_warning" }, NOW)[0]?.spent).toBe(false)
  })

  test("a ChatGPT login: percent used per window, reset as a time or as seconds from now", () => {
    const windows = readLimitWindows(
      {
        "x-codex-primary-used-percent": "100",
        "x-codex-primary-reset-at": String(NOW / 1000 + 600),
        "x-codex-secondary-used-percent": "99.5",
        "x-codex-secondary-reset-after-seconds": "86400",
      },
      NOW,
    )
    expect(windows).toEqual([
      { kind: "subscription", header: "x-codex-primary-used-percent", spent: true, resetAt: NOW + 600_000 },
      { kind: "subscription", header: "x-codex-secondary-used-percent", spent: false, resetAt: NOW + 86_400_000 },
    ])
  })

  test("no headers, or values that are not numbers or dates, give nothing; a bad reset leaves the reset out", () => {
    expect(readLimitWindows(undefined, NOW)).toEqual([])
    expect(readLimitWindows({}, NOW)).toEqual([])
    expect(
      readLimitWindows({ "x-ratelimit-remaining-requests": "none", "x-codex-primary-used-percent": "" }, NOW),
    ).toEqual([])
    expect(
      readLimitWindows(
        { "anthropic-ratelimit-tokens-remaining": "0", "anthropic-ratelimit-tokens-reset": "soon" },
        NOW,
      ),
    ).toEqual([{ kind: "tokens", header: "anthropic-ratelimit-tokens-remaining", remaining: 0, spent: true }])
  })

  test("a Headers instance is read as well as a record", () => {
    const headers = new Headers({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1s" })
    expect(readLimitWindows(headers, NOW)[0]).toMatchObject({ spent: true, resetAt: NOW + 1_000 })
  })
})
