import { describe, expect, test } from "bun:test"
import type { Classification } from "../condition.ts"
import { attemptOf, describeAnswer, describeAttempt, reasonOf, skippedAttempt, type Attempt } from "./attempt.ts"

const limited: Classification = {
  condition: "rate_limit",
  quota: false,
  message: "Rate limit reached",
  retryable: true,
  status: 429,
  retryAfterMs: 30_000,
}

describe("attempt records", () => {
  test("a record keeps the key label, status, retry delay and lasting kind only when there is one", () => {
    expect(attemptOf("a/x", "key1", { ...limited, lasting: "long_quota" }, 12.4)).toEqual({
      member: "a/x",
      key: "key1",
      condition: "rate_limit",
      status: 429,
      durationMs: 12,
      message: "Rate limit reached",
      retryAfterMs: 30_000,
      quota: false,
      lasting: "long_quota",
    })
    const bare = attemptOf("a/x", undefined, { condition: "timeout", quota: false, message: "m", retryable: true }, 1)
    expect(Object.keys(bare).sort()).toEqual(["condition", "durationMs", "member", "message", "quota"])
  })

  test("a line names the member and key, every detail, and the time in ms, tenths of seconds or seconds", () => {
    expect(describeAttempt(attemptOf("a/x", undefined, limited, 140))).toBe(
      "a/x: rate_limit (429, retry in 30s) after 140ms: Rate limit reached",
    )
    const missing = { ...limited, status: 404, quota: true, lasting: "missing_model" as const, retryAfterMs: 2_500 }
    expect(describeAttempt(attemptOf("a/x", "key2", missing, 1_000))).toBe(
      "a/x (key key2): rate_limit (404, quota, missing model, retry in 2.5s) after 1.0s: Rate limit reached",
    )
    const plain: Classification = { condition: "timeout", quota: false, message: "no output", retryable: true }
    expect(describeAttempt(attemptOf("b/y", undefined, plain, 10_000))).toBe("b/y: timeout after 10s: no output")
    expect(describeAttempt(attemptOf("b/y", undefined, plain, 9_990))).toBe("b/y: timeout after 10.0s: no output")
  })
})

describe("one-line notices", () => {
  const failed = (overrides: Partial<Attempt>): Attempt => ({
    member: "a/x",
    condition: "provider_unavailable",
    durationMs: 5,
    message: "boom",
    quota: false,
    ...overrides,
  })

  test("each condition has a few plain words, outages told apart by status", () => {
    expect(reasonOf(failed({ condition: "rate_limit" }))).toBe("rate limit")
    expect(reasonOf(failed({ condition: "rate_limit", quota: true }))).toBe("quota exhausted")
    expect(reasonOf(failed({ condition: "timeout" }))).toBe("timeout")
    expect(reasonOf(failed({ status: 529 }))).toBe("overloaded")
    expect(reasonOf(failed({ status: 503, message: "The server is overloaded or not ready yet." }))).toBe("overloaded")
    expect(reasonOf(failed({ status: 502 }))).toBe("unavailable (502)")
    expect(reasonOf(failed({}))).toBe("unreachable")
    expect(reasonOf(failed({ status: 404, lasting: "missing_model" }))).toBe("no such model")
    expect(reasonOf(failed({ condition: "token_limit" }))).toBe("context too long")
    expect(reasonOf(failed({ condition: "auth", status: 401 }))).toBe("credentials rejected")
    expect(reasonOf(failed({ condition: "other", status: 400 }))).toBe("failed (400)")
    expect(reasonOf(failed({ condition: "other" }))).toBe("failed")
    expect(reasonOf(failed({ condition: "aborted" }))).toBe("stopped")
  })

  test("an answer names the member that wrote it, then every member that failed before it with its reason", () => {
    const attempts = [
      failed({ member: "oa/r429-a", condition: "rate_limit", status: 429 }),
      failed({ member: "an/e529-a", status: 529, key: "work" }),
    ]
    expect(describeAnswer({ member: "go/ok-a" }, attempts)).toBe(
      "answered by go/ok-a; oa/r429-a rate limit, an/e529-a (key work) overloaded",
    )
    expect(describeAnswer({ member: "go/ok-a", key: "home" }, [])).toBe("answered by go/ok-a (key home)")
  })
})

describe("a member the call passed by", () => {
  const pass = skippedAttempt("beta/gpt-tiny", undefined, "context 8000 < ~21000 tokens")

  test("is told as a pass with its reason, never as a failure", () => {
    expect(describeAttempt(pass)).toBe("beta/gpt-tiny: skipped: context 8000 < ~21000 tokens")
    expect(reasonOf(pass)).toBe("skipped (context 8000 < ~21000 tokens)")
    expect(describeAnswer({ member: "l/large" }, [pass])).toBe(
      "answered by l/large; beta/gpt-tiny skipped (context 8000 < ~21000 tokens)",
    )
  })

  test("names its key when the provider has several", () => {
    expect(skippedAttempt("a/x", "second", "no image input")).toMatchObject({ key: "second", durationMs: 0 })
  })
})

describe("a drilled failure", () => {
  test("says it is a drill wherever it is told", () => {
    const attempt = attemptOf(
      "a/x",
      undefined,
      {
        condition: "rate_limit",
        quota: false,
        message: "drill: a/x plays rate_limit (no request was sent)",
        retryable: true,
        drill: true,
      },
      0,
    )
    expect(attempt.drill).toBe(true)
    expect(reasonOf(attempt)).toBe("drill: rate_limit")
    expect(describeAnswer({ member: "b/y" }, [attempt])).toBe("answered by b/y; a/x drill: rate_limit")
  })
})
