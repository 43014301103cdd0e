import { describe, expect, test } from "bun:test"
import type { Classification } from "../condition.ts"
import { attemptOf, describeAttempt } from "./attempt.ts"

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
