import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY } from "../config/defaults.ts"
import type { PoolSpec } from "../config/pool-spec.ts"
import { emptyState, recordFailure } from "../health/state.ts"
import { planAttempts } from "./plan.ts"

const pool: PoolSpec = { name: "assistant", members: ["a/x", "b/y", "c/z"], policy: DEFAULT_POLICY }
const rateLimited = { condition: "rate_limit" as const, quota: false, message: "429", retryable: true }

describe("planning a call", () => {
  test("a healthy pool is tried in strategy order", () => {
    expect(planAttempts({ pool, state: emptyState(), now: 0 }).map((a) => a.member)).toEqual(["a/x", "b/y", "c/z"])
  })

  test("a cooling member is skipped while a healthy one exists and kept last", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    const plan = planAttempts({ pool, state, now: 5_000 })
    expect(plan.map((a) => a.member)).toEqual(["b/y", "c/z", "a/x"])
    expect(plan[2]?.coolingUntil).toBe(10_000)
  })

  test("the primary comes back first once its cooldown expires", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planAttempts({ pool, state, now: 10_000 })[0]?.member).toBe("a/x")
  })

  test("when every member cools down, the soonest expiry goes first", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 30_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "b/y", { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "c/z", { ...rateLimited, retryAfterMs: 20_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planAttempts({ pool, state, now: 1 }).map((a) => a.member)).toEqual(["b/y", "c/z", "a/x"])
  })

  test("several keys of one provider rotate before the next member, and a cooling key goes last", () => {
    const state = emptyState()
    recordFailure(state, "a/x#k1", rateLimited, DEFAULT_POLICY.cooldown, 0)
    const keys = (member: string) => (member.startsWith("a/") ? ["k1", "k2"] : [])
    expect(planAttempts({ pool, state, now: 1, keys }).map((a) => a.healthId)).toEqual([
      "a/x#k2",
      "b/y",
      "c/z",
      "a/x#k1",
    ])
  })

  test("a member-wide cooldown covers every key of that member", () => {
    const state = emptyState()
    recordFailure(state, "a/x", rateLimited, DEFAULT_POLICY.cooldown, 0)
    const keys = (member: string) => (member.startsWith("a/") ? ["k1", "k2"] : [])
    expect(planAttempts({ pool, state, now: 1, keys }).map((a) => a.healthId)).toEqual([
      "b/y",
      "c/z",
      "a/x#k1",
      "a/x#k2",
    ])
  })

  test("round robin reads the pool's cursor from the state", () => {
    const state = emptyState()
    state.cursors["assistant"] = 2
    const plan = planAttempts({
      pool: { ...pool, policy: { ...DEFAULT_POLICY, strategy: "round_robin" } },
      state,
      now: 0,
    })
    expect(plan.map((a) => a.member)).toEqual(["c/z", "a/x", "b/y"])
  })

  test("a member cooling on a condition outside fallback_on stays in its place for that pool", () => {
    const state = emptyState()
    const outage = { condition: "provider_unavailable" as const, quota: false, message: "503", retryable: true }
    recordFailure(state, "a/x", outage, DEFAULT_POLICY.cooldown, 0)
    const rateLimitOnly = { ...pool, policy: { ...DEFAULT_POLICY, fallbackOn: ["rate_limit" as const] } }
    const plan = planAttempts({ pool: rateLimitOnly, state, now: 1 })
    expect(plan.map((a) => a.member)).toEqual(["a/x", "b/y", "c/z"])
    expect(plan[0]?.coolingUntil).toBeUndefined()
    // A pool that does fall back on outages skips it, from the same shared record.
    expect(planAttempts({ pool, state, now: 1 }).map((a) => a.member)).toEqual(["b/y", "c/z", "a/x"])
  })

  test("a rate-limited key rotates within its member even when the pool does not fall back on rate limits", () => {
    const state = emptyState()
    recordFailure(state, "a/x#k1", rateLimited, DEFAULT_POLICY.cooldown, 0)
    const keys = (member: string) => (member.startsWith("a/") ? ["k1", "k2"] : [])
    const outagesOnly = { ...pool, policy: { ...DEFAULT_POLICY, fallbackOn: ["provider_unavailable" as const] } }
    expect(planAttempts({ pool: outagesOnly, state, now: 1, keys }).map((a) => a.healthId)).toEqual([
      "a/x#k2",
      "a/x#k1",
      "b/y",
      "c/z",
    ])
  })

  test("a member with a single key is planned as the member, with no key", () => {
    const keys = (member: string) => (member.startsWith("a/") ? ["only"] : [])
    expect(planAttempts({ pool, state: emptyState(), now: 0, keys })[0]).toStrictEqual({
      member: "a/x",
      healthId: "a/x",
    })
  })

  test("a key cools until the later of its own and its member's cooldowns", () => {
    const keys = (member: string) => (member.startsWith("a/") ? ["k1", "k2"] : [])
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 20_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "a/x#k1", { ...rateLimited, retryAfterMs: 30_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "a/x#k2", { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    const plan = planAttempts({ pool, state, now: 1, keys })
    expect(plan.slice(2)).toEqual([
      { member: "a/x", key: "k2", healthId: "a/x#k2", coolingUntil: 20_000 },
      { member: "a/x", key: "k1", healthId: "a/x#k1", coolingUntil: 30_000 },
    ])
  })

  test("a cooling key of a healthy member carries its own expiry, and healthy keys none", () => {
    const keys = (member: string) => (member.startsWith("a/") ? ["k1", "k2"] : [])
    const state = emptyState()
    recordFailure(state, "a/x#k1", { ...rateLimited, retryAfterMs: 5_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planAttempts({ pool, state, now: 1, keys })).toStrictEqual([
      { member: "a/x", key: "k2", healthId: "a/x#k2" },
      { member: "b/y", healthId: "b/y" },
      { member: "c/z", healthId: "c/z" },
      { member: "a/x", key: "k1", healthId: "a/x#k1", coolingUntil: 5_000 },
    ])
  })

  test("cooling attempts that end together keep their strategy order", () => {
    const state = emptyState()
    for (const member of ["c/z", "a/x", "b/y"])
      recordFailure(state, member, { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planAttempts({ pool, state, now: 1 }).map((a) => a.member)).toEqual(["a/x", "b/y", "c/z"])
  })

  test("a cooldown that has expired leaves the member healthy, with no expiry in the plan", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 10_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planAttempts({ pool, state, now: 10_000 })[0]).toStrictEqual({ member: "a/x", healthId: "a/x" })
  })

  test("without a cursor in the state, round robin starts at the first member", () => {
    const plan = planAttempts({
      pool: { ...pool, policy: { ...DEFAULT_POLICY, strategy: "round_robin" } },
      state: emptyState(),
      now: 0,
    })
    expect(plan.map((a) => a.member)).toEqual(["a/x", "b/y", "c/z"])
  })

  test("the catalog reaches the strategy", () => {
    const catalog = (member: string) => ({ cost: { input: member === "c/z" ? 1 : 5, output: 1 } })
    const cheapest = { ...pool, policy: { ...DEFAULT_POLICY, strategy: "cost_first" as const } }
    expect(planAttempts({ pool: cheapest, state: emptyState(), now: 0, catalog }).map((a) => a.member)).toEqual([
      "c/z",
      "a/x",
      "b/y",
    ])
  })
})
