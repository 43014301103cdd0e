import { describe, expect, test } from "bun:test"
import type { Classification } from "../condition.ts"
import { DEFAULT_POLICY } from "../config/defaults.ts"
import {
  cooldownMs,
  coolingUntil,
  emptyState,
  parseState,
  prune,
  recordAhead,
  recordFailure,
  recordSuccess,
} from "./state.ts"

const policy = DEFAULT_POLICY.cooldown
const failure = (overrides: Partial<Classification> = {}): Classification => ({
  condition: "rate_limit",
  quota: false,
  message: "x",
  retryable: true,
  ...overrides,
})

describe("cooldown", () => {
  test("a Retry-After from the provider sets the cooldown exactly", () => {
    expect(cooldownMs(failure({ retryAfterMs: 12_000 }), 3, policy)).toBe(12_000)
  })

  test("a quota failure without a reset time waits the quota cooldown", () => {
    expect(cooldownMs(failure({ quota: true }), 1, policy)).toBe(policy.quotaMs)
  })

  test("a lasting failure waits at least the quota cooldown, even when the provider asked for seconds", () => {
    expect(cooldownMs(failure({ quota: true, retryAfterMs: 11_000, lasting: "long_quota" }), 1, policy)).toBe(
      policy.quotaMs,
    )
    expect(cooldownMs(failure({ condition: "provider_unavailable", lasting: "missing_model" }), 1, policy)).toBe(
      policy.quotaMs,
    )
  })

  test("a lasting failure whose provider asked for longer than the quota cooldown waits that long", () => {
    const longer = policy.quotaMs + 60_000
    expect(cooldownMs(failure({ quota: true, retryAfterMs: longer, lasting: "long_quota" }), 1, policy)).toBe(longer)
  })

  test("failures without headers escalate by the factor up to the maximum", () => {
    const steps = [1, 2, 3, 4, 5].map((n) => cooldownMs(failure(), n, policy))
    expect(steps).toEqual([30_000, 120_000, 480_000, 1_800_000, 1_800_000])
  })
})

describe("health records", () => {
  test("a failure puts the member in cooldown until the computed time", () => {
    const state = emptyState()
    recordFailure(state, "a/x", failure({ retryAfterMs: 5000 }), policy, 1000)
    expect(coolingUntil(state, "a/x", 1000)).toBe(6000)
    expect(coolingUntil(state, "a/x", 6000)).toBeUndefined()
  })

  test("failures of requests that were in flight when the first was recorded are one incident", () => {
    const state = emptyState()
    // Six calls start at 0..5 ms; the member answers 503 to all of them, recorded at 50..55 ms.
    for (let call = 0; call < 6; call++)
      recordFailure(state, "a/x", failure({ condition: "provider_unavailable" }), policy, 50 + call, call)
    expect(state.members["a/x"]).toMatchObject({ failures: 1, until: 55 + 30_000 })
    // A request sent after the incident was recorded is a new failure, and escalates.
    recordFailure(state, "a/x", failure({ condition: "provider_unavailable" }), policy, 40_000, 39_000)
    expect(state.members["a/x"]).toMatchObject({ failures: 2, until: 160_000 })
  })

  test("a record says whether the provider set the wait or the pool guessed it", () => {
    const state = emptyState()
    recordFailure(state, "told/x", failure({ retryAfterMs: 30_000 }), policy, 0)
    recordFailure(state, "guessed/x", failure({ condition: "provider_unavailable" }), policy, 0)
    expect(state.members["told/x"]?.told).toBe(true)
    expect(state.members["guessed/x"]?.told).toBeUndefined()
    // Within one incident the longer wait stands with whoever set it.
    recordFailure(state, "told/x", failure({ condition: "provider_unavailable" }), policy, 10, 0)
    expect(state.members["told/x"]?.until).toBe(30_010)
    expect(state.members["told/x"]?.told).toBeUndefined()
    expect(parseState(JSON.stringify(state)).members["told/x"]).toEqual(state.members["told/x"])
  })

  test("failures in a row escalate and a success resets them", () => {
    const state = emptyState()
    recordFailure(state, "a/x", failure(), policy, 0)
    recordFailure(state, "a/x", failure(), policy, 40_000)
    expect(state.members["a/x"]).toMatchObject({ failures: 2, until: 160_000 })
    expect(recordSuccess(state, "a/x")).toBe(true)
    recordFailure(state, "a/x", failure(), policy, 200_000)
    expect(state.members["a/x"]).toMatchObject({ failures: 1, until: 230_000 })
  })

  test("context overflow, other failures and aborts leave health untouched", () => {
    const state = emptyState()
    for (const condition of ["token_limit", "other", "aborted"] as const)
      expect(recordFailure(state, "a/x", failure({ condition }), policy, 0)).toBeUndefined()
    expect(state.members).toEqual({})
  })

  test("records expired for more than a day are pruned, recent ones kept", () => {
    const state = emptyState()
    recordFailure(state, "old/x", failure({ retryAfterMs: 0 }), policy, 0)
    recordFailure(state, "new/x", failure({ retryAfterMs: 0 }), policy, 25 * 3600_000)
    prune(state, 25 * 3600_000)
    expect(Object.keys(state.members)).toEqual(["new/x"])
  })

  test("a record is forgotten only once it expired more than a full day ago", () => {
    const day = 24 * 3600_000
    const state = emptyState()
    state.members["edge/x"] = { until: 0, condition: "rate_limit", failures: 1, quota: false, at: 0 }
    prune(state, day)
    expect(Object.keys(state.members)).toEqual(["edge/x"])
    prune(state, day + 1)
    expect(state.members).toEqual({})
  })

  test("a success on a member with no record changes nothing and says so", () => {
    const state = emptyState()
    expect(recordSuccess(state, "a/x")).toBe(false)
    recordFailure(state, "a/x", failure({ retryAfterMs: 5 }), policy, 0)
    expect(recordSuccess(state, "a/x")).toBe(true)
    expect(state.members).toEqual({})
  })

  test("a state file keeps its valid records and drops each malformed one", () => {
    const good = { until: 10, condition: "rate_limit", failures: 1, quota: false, at: 5 }
    const members = {
      "ok/x": good,
      "until/x": { ...good, until: "10" },
      "condition/x": { ...good, condition: 1 },
      "failures/x": { ...good, failures: "1" },
      "quota/x": { ...good, quota: "no" },
      "at/x": { ...good, at: null },
      "list/x": [good],
      "null/x": null,
    }
    const parsed = parseState(JSON.stringify({ version: 1, members, cursors: { p: 2, q: "3" } }))
    expect(parsed).toEqual({ version: 1, members: { "ok/x": good }, cursors: { p: 2 } } as never)
    for (const broken of [{ version: 1, members: [], cursors: {} }, { version: 1, members: {}, cursors: null }, []])
      expect(parseState(JSON.stringify(broken))).toEqual(emptyState())
  })

  test("a damaged state file reads as empty instead of crashing", () => {
    expect(parseState("{not json")).toEqual(emptyState())
    expect(parseState('{"version":2}')).toEqual(emptyState())
    expect(parseState('{"version":1,"members":{"a/x":{"until":"soon"}},"cursors":{"p":1.5}}')).toEqual(emptyState())
  })
})

describe("cooldowns ahead of a limit", () => {
  test("are the provider's word, keep the failures in a row, and survive a save and restore", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { condition: "timeout", quota: false, message: "t", retryable: true }, policy, 0)
    expect(recordAhead(state, "a/x", { until: 90_000, subscription: false }, 10)).toEqual({
      until: 90_000,
      condition: "rate_limit",
      failures: 1,
      quota: false,
      at: 10,
      told: true,
      ahead: true,
    })
    expect(parseState(JSON.stringify(state)).members["a/x"]?.ahead).toBe(true)
    expect(recordAhead(state, "b/y", { until: 5_000, subscription: true }, 10)).toMatchObject({
      failures: 0,
      quota: true,
    })
  })

  test("never shorten a longer cooldown already recorded", () => {
    const state = emptyState()
    recordFailure(
      state,
      "a/x",
      { condition: "rate_limit", quota: false, message: "t", retryable: true, retryAfterMs: 60_000 },
      policy,
      0,
    )
    expect(recordAhead(state, "a/x", { until: 30_000, subscription: false }, 0)).toBeUndefined()
    expect(state.members["a/x"]?.until).toBe(60_000)
  })

  test("a record whose `ahead` is not a boolean is dropped on reading", () => {
    const text = JSON.stringify({
      version: 1,
      members: { "a/x": { until: 1, condition: "rate_limit", failures: 0, quota: false, at: 0, ahead: "yes" } },
      cursors: {},
    })
    expect(parseState(text).members).toEqual({})
  })
})
