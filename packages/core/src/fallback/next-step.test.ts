import { APICallError } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { FALLBACK_CONDITIONS, type Classification, type Condition, type FallbackCondition } from "../condition.ts"
import { attemptOf } from "./attempt.ts"
import {
  finalError,
  nextStep,
  NOTHING_RULED_OUT,
  type CandidateFacts,
  type RuledOut,
  type StepInput,
} from "./next-step.ts"
import { PoolExhaustedError } from "./pool-error.ts"

function failed(condition: Condition, extra: Partial<Classification> = {}): Classification {
  return { condition, quota: false, message: `${condition} happened`, retryable: true, ...extra }
}

/** `a/x#k1` is member `a/x` with key `k1`. */
function candidates(...ids: string[]): CandidateFacts[] {
  return ids.map((id) => {
    const [member = id, key] = id.split("#")
    return key === undefined ? { member } : { member, key }
  })
}

const three = candidates("a/x", "b/y", "c/z")

/** The step after the candidate at `index` failed as `classification`; by default the first of three, no retries. */
function after(
  classification: Classification,
  input: Partial<Omit<StepInput, "classification" | "policy">> & {
    retries?: number
    fallbackOn?: readonly FallbackCondition[]
  } = {},
) {
  return nextStep({
    classification,
    candidates: input.candidates ?? three,
    index: input.index ?? 0,
    retry: input.retry ?? 0,
    policy: { fallbackOn: input.fallbackOn ?? FALLBACK_CONDITIONS, retries: input.retries ?? 0 },
    ruledOut: input.ruledOut ?? NOTHING_RULED_OUT,
  })
}

/** The delays of every retry a failure gets with `retries`, until the step is no longer a retry. */
function delays(classification: Classification, retries: number): number[] {
  const waited: number[] = []
  for (let retry = 0; ; retry++) {
    const { step } = after(classification, { retry, retries })
    if (step.type !== "retry") return waited
    waited.push(step.delayMs)
  }
}

describe("retrying the same member", () => {
  test("an outage or a timeout backs off from 500 ms, doubling, capped at 4 s, for as many retries as allowed", () => {
    expect(delays(failed("provider_unavailable"), 6)).toEqual([500, 1_000, 2_000, 4_000, 4_000, 4_000])
    expect(delays(failed("timeout"), 3)).toEqual([500, 1_000, 2_000])
  })

  test("once the retries are used up, the call moves on to the next member", () => {
    expect(after(failed("timeout"), { retry: 2, retries: 2 }).step).toEqual({ type: "next", index: 1 })
    expect(after(failed("timeout"), { retries: 0 }).step).toEqual({ type: "next", index: 1 })
  })

  test("a rate limit waits a Retry-After of up to 5 s as sent, and moves on past a longer one", () => {
    expect(after(failed("rate_limit", { retryAfterMs: 2_000 }), { retries: 1 }).step).toEqual({
      type: "retry",
      delayMs: 2_000,
    })
    expect(after(failed("rate_limit", { retryAfterMs: 5_000 }), { retries: 1 }).step).toEqual({
      type: "retry",
      delayMs: 5_000,
    })
    expect(after(failed("rate_limit", { retryAfterMs: 5_001 }), { retries: 1 }).step).toEqual({
      type: "next",
      index: 1,
    })
  })

  test("a rate limit without a delay backs off like an outage; a quota is never retried", () => {
    expect(delays(failed("rate_limit"), 2)).toEqual([500, 1_000])
    expect(delays(failed("rate_limit", { quota: true }), 2)).toEqual([])
    expect(delays(failed("rate_limit", { quota: true, retryAfterMs: 1_000 }), 2)).toEqual([])
  })

  test("a lasting failure is never retried, whatever its condition and delay", () => {
    expect(delays(failed("provider_unavailable", { lasting: "missing_model" }), 3)).toEqual([])
    expect(delays(failed("rate_limit", { lasting: "long_quota", retryAfterMs: 1_000 }), 3)).toEqual([])
    expect(after(failed("provider_unavailable", { lasting: "missing_model" }), { retries: 3 }).step).toEqual({
      type: "next",
      index: 1,
    })
  })

  test("an overflow, a rejected key and other failures are never retried", () => {
    for (const condition of ["token_limit", "auth", "other"] as const) expect(delays(failed(condition), 3)).toEqual([])
  })

  test("a failure outside fallback_on is not retried either: the call stops", () => {
    expect(after(failed("timeout"), { retries: 3, fallbackOn: ["rate_limit"] }).step).toEqual({ type: "stop" })
  })
})

describe("moving on", () => {
  test("a failure in fallback_on moves to the next candidate; one outside it stops the call", () => {
    expect(after(failed("provider_unavailable")).step).toEqual({ type: "next", index: 1 })
    expect(after(failed("provider_unavailable"), { index: 1 }).step).toEqual({ type: "next", index: 2 })
    expect(after(failed("provider_unavailable"), { fallbackOn: ["rate_limit"] }).step).toEqual({ type: "stop" })
    expect(after(failed("other")).step).toEqual({ type: "stop" })
    expect(after(failed("aborted")).step).toEqual({ type: "stop" })
  })

  test("a rate limit or a rejected key rotates to the same member's next key, even when not in fallback_on", () => {
    const keys = candidates("a/x#k1", "a/x#k2", "b/y")
    for (const condition of ["rate_limit", "auth"] as const) {
      const decision = after(failed(condition), { candidates: keys, fallbackOn: ["timeout"] })
      expect(decision.step).toEqual({ type: "next", index: 1 })
      expect(decision.ruledOut.members.size).toBe(0)
    }
  })

  test("without another key of the same member, a rate limit or rejected key outside fallback_on stops", () => {
    expect(after(failed("auth")).step).toEqual({ type: "stop" })
    expect(after(failed("rate_limit"), { fallbackOn: ["timeout"] }).step).toEqual({ type: "stop" })
    // The same member listed twice with the same key is no other key.
    const twice = candidates("a/x#k1", "a/x#k1")
    expect(after(failed("auth"), { candidates: twice }).step).toEqual({ type: "stop" })
    expect(after(failed("auth"), { candidates: candidates("a/x#k2", "b/y#k2") }).step).toEqual({ type: "stop" })
  })

  test("a failure that is not about the key rules the member out: its other keys are skipped", () => {
    const keys = candidates("a/x#k1", "a/x#k2", "b/y")
    const decision = after(failed("timeout"), { candidates: keys })
    expect(decision.step).toEqual({ type: "next", index: 2 })
    expect([...decision.ruledOut.members]).toEqual(["a/x"])
    expect(after(failed("timeout"), { candidates: keys.slice(0, 2) }).step).toEqual({ type: "stop" })
  })

  test("members ruled out earlier in the call are skipped, and stay ruled out", () => {
    const ruledOut: RuledOut = { members: new Set(["b/y"]), window: undefined }
    const decision = after(failed("rate_limit"), { ruledOut })
    expect(decision.step).toEqual({ type: "next", index: 2 })
    expect([...decision.ruledOut.members]).toEqual(["b/y"])
    expect(after(failed("timeout"), { index: 2, ruledOut: decision.ruledOut }).ruledOut.members).toEqual(
      new Set(["b/y", "c/z"]),
    )
  })

  test("when no usable candidate is left, the call stops", () => {
    expect(after(failed("timeout"), { index: 2 }).step).toEqual({ type: "stop" })
    expect(
      after(failed("timeout"), { ruledOut: { members: new Set(["b/y", "c/z"]), window: undefined } }).step,
    ).toEqual({ type: "stop" })
  })

  test("an index past the candidates stops, ruling nothing more out", () => {
    const decision = after(failed("timeout"), { index: 3 })
    expect(decision).toEqual({ step: { type: "stop" }, ruledOut: NOTHING_RULED_OUT })
  })

  test("the state it is given is never changed", () => {
    const ruledOut: RuledOut = { members: new Set(["c/z"]), window: 100 }
    const decision = after(failed("token_limit"), { candidates: [{ member: "a/x", contextWindow: 200 }], ruledOut })
    expect(ruledOut).toEqual({ members: new Set(["c/z"]), window: 100 })
    expect(decision.ruledOut).toEqual({ members: new Set(["c/z", "a/x"]), window: 200 })
    expect(NOTHING_RULED_OUT).toEqual({ members: new Set(), window: undefined })
  })
})

describe("after a context overflow", () => {
  const sized: CandidateFacts[] = [
    { member: "a/x", contextWindow: 200_000 },
    { member: "b/y", contextWindow: 128_000 },
    { member: "c/z", contextWindow: 200_000 },
    { member: "d/w" },
    { member: "e/v", contextWindow: 1_000_000 },
  ]

  test("members whose known window is not larger are skipped; one of unknown size is tried", () => {
    const decision = after(failed("token_limit"), { candidates: sized })
    expect(decision.step).toEqual({ type: "next", index: 3 })
    expect(decision.ruledOut).toEqual({ members: new Set(["a/x"]), window: 200_000 })
    expect(after(failed("token_limit"), { candidates: sized, index: 3, ruledOut: decision.ruledOut })).toEqual({
      step: { type: "next", index: 4 },
      ruledOut: { members: new Set(["a/x", "d/w"]), window: 200_000 },
    })
  })

  test("the window only grows: a smaller or unknown one that overflows later keeps the larger", () => {
    const ruledOut: RuledOut = { members: new Set(), window: 200_000 }
    expect(after(failed("token_limit"), { candidates: sized, index: 1, ruledOut }).ruledOut.window).toBe(200_000)
    expect(after(failed("token_limit"), { candidates: sized, index: 3, ruledOut }).ruledOut.window).toBe(200_000)
    expect(after(failed("token_limit"), { candidates: sized, index: 3 }).ruledOut.window).toBeUndefined()
    expect(after(failed("token_limit"), { candidates: sized, index: 4, ruledOut }).ruledOut.window).toBe(1_000_000)
  })

  test("the window stays through later failures of other kinds, which keep skipping small members", () => {
    const ruledOut: RuledOut = { members: new Set(["a/x"]), window: 200_000 }
    const decision = after(failed("rate_limit"), { candidates: sized, index: 3, ruledOut })
    expect(decision).toEqual({ step: { type: "next", index: 4 }, ruledOut })
  })

  test("with no larger member, the call stops", () => {
    expect(after(failed("token_limit"), { candidates: sized.slice(0, 3) }).step).toEqual({ type: "stop" })
    expect(after(failed("token_limit"), { candidates: sized.slice(0, 3), retries: 2 }).step).toEqual({ type: "stop" })
  })
})

describe("the error a stopped call throws", () => {
  const error = (status: number) =>
    new APICallError({ message: `status ${status}`, url: "", requestBodyValues: {}, statusCode: status })
  const failure = (condition: Condition, status: number) => ({
    error: error(status),
    classification: failed(condition),
  })
  const attempt = (member: string, condition: Condition) => attemptOf(member, undefined, failed(condition), 10)

  test("with no members at all, it is a pool error that says so and is not worth retrying", () => {
    const empty = finalError("assistant", [], [])
    if (!PoolExhaustedError.isInstance(empty)) throw new Error(`expected PoolExhaustedError, got ${String(empty)}`)
    expect(empty.message).toBe("All 0 attempts of assistant failed:\n")
    expect(empty.isRetryable).toBe(false)
    expect(empty.attempts).toEqual([])
  })

  test("after one failure, it is the provider's own error, as a lone model would throw it", () => {
    const only = failure("provider_unavailable", 503)
    expect(finalError("assistant", [only], [attempt("a/x", "provider_unavailable")])).toBe(only.error)
  })

  test("after an overflow nobody could take, it is the provider's own overflow error", () => {
    const overflow = failure("token_limit", 400)
    const failures = [failure("rate_limit", 429), overflow]
    const attempts = [attempt("a/x", "rate_limit"), attempt("b/y", "token_limit")]
    expect(finalError("assistant", failures, attempts)).toBe(overflow.error)
  })

  test("after several failures, it is a pool error with every attempt and the last failure's status", () => {
    const failures = [failure("token_limit", 400), failure("provider_unavailable", 529)]
    const attempts = [attempt("a/x", "token_limit"), attempt("b/y", "provider_unavailable")]
    const exhausted = finalError("assistant", failures, attempts)
    if (!PoolExhaustedError.isInstance(exhausted))
      throw new Error(`expected PoolExhaustedError, got ${String(exhausted)}`)
    expect(exhausted.pool).toBe("assistant")
    expect(exhausted.attempts).toEqual(attempts)
    expect(exhausted.statusCode).toBe(529)
  })
})
