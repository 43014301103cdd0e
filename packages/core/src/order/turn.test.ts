import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY } from "../config/defaults.ts"
import type { PoolSpec } from "../config/pool-spec.ts"
import { emptyState, recordFailure } from "../health/state.ts"
import { createMemoryHealthStore, type HealthStore } from "../health/store.ts"
import { advanceCursor, planTurn, startTurn } from "./turn.ts"

const pool: PoolSpec = { name: "assistant", members: ["a/x", "b/y", "c/z"], policy: DEFAULT_POLICY }
const roundRobin: PoolSpec = { ...pool, name: "rr", policy: { ...DEFAULT_POLICY, strategy: "round_robin" } }
const rateLimited = { condition: "rate_limit" as const, quota: false, message: "429", retryable: true }

describe("planning a turn", () => {
  test("a healthy pool starts on its primary, with nothing to tell", () => {
    const plan = planTurn({ pool, state: emptyState(), now: 0 })
    expect(plan.first?.member).toBe("a/x")
    expect(plan.attempts.map((attempt) => attempt.member)).toEqual(["a/x", "b/y", "c/z"])
    expect(plan.rotates).toBe(false)
    expect(plan.primaryCooling).toBeUndefined()
  })

  test("a cooling primary is skipped, and the notice says for how long and where the turn starts", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 60_000 }, DEFAULT_POLICY.cooldown, 0)
    const plan = planTurn({ pool, state, now: 1_500 })
    expect(plan.first?.member).toBe("b/y")
    expect(plan.primaryCooling).toEqual({
      member: "a/x",
      until: 60_000,
      message: "a/x is cooling down for 59s; this turn starts on b/y",
    })
  })

  test("the notice rounds the seconds left up, and names the cooldown's end", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 60_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planTurn({ pool, state, now: 999 }).primaryCooling?.message).toBe(
      "a/x is cooling down for 60s; this turn starts on b/y",
    )
    expect(planTurn({ pool, state, now: 59_000 }).primaryCooling?.message).toBe(
      "a/x is cooling down for 1s; this turn starts on b/y",
    )
  })

  test("when every member cools, a turn that still starts on the primary gives no notice", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 5_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "b/y", { ...rateLimited, retryAfterMs: 6_000 }, DEFAULT_POLICY.cooldown, 0)
    recordFailure(state, "c/z", { ...rateLimited, retryAfterMs: 7_000 }, DEFAULT_POLICY.cooldown, 0)
    const plan = planTurn({ pool, state, now: 1 })
    expect(plan.first?.member).toBe("a/x")
    expect(plan.primaryCooling).toBeUndefined()
  })

  test("a turn that starts away from a healthy primary (another member is preferred by strategy) gives no notice", () => {
    const cheapest = { ...pool, policy: { ...DEFAULT_POLICY, strategy: "cost_first" as const } }
    const catalog = (member: string) => ({ cost: { input: member === "b/y" ? 1 : 9, output: 1 } })
    const plan = planTurn({ pool: cheapest, state: emptyState(), now: 0, catalog })
    expect(plan.first?.member).toBe("b/y")
    expect(plan.primaryCooling).toBeUndefined()
  })

  test("a round-robin turn that starts on another member gives no cooling notice", () => {
    const state = emptyState()
    state.cursors["rr"] = 1
    const plan = planTurn({ pool: roundRobin, state, now: 0 })
    expect(plan.first?.member).toBe("b/y")
    expect(plan.rotates).toBe(true)
    expect(plan.primaryCooling).toBeUndefined()
  })

  test("a pool without members has no first attempt", () => {
    expect(planTurn({ pool: { ...pool, members: [] }, state: emptyState(), now: 0 }).first).toBeUndefined()
  })
})

describe("starting a turn", () => {
  test("brings a shared store up to date before planning", async () => {
    const shared = emptyState()
    recordFailure(shared, "a/x", { ...rateLimited, retryAfterMs: 60_000 }, DEFAULT_POLICY.cooldown, 0)
    let local = emptyState()
    const store: HealthStore = {
      read: () => local,
      update: async (change) => change(local),
      sync: async () => {
        local = structuredClone(shared)
      },
    }
    expect((await startTurn(store, { pool, now: 1_000 })).first?.member).toBe("b/y")
  })

  test("moves the round-robin position once per turn, and not at all when the host rotates itself", async () => {
    const store = createMemoryHealthStore()
    expect((await startTurn(store, { pool: roundRobin, now: 0 })).first?.member).toBe("a/x")
    expect((await startTurn(store, { pool: roundRobin, now: 0 })).first?.member).toBe("b/y")
    expect(store.read().cursors["rr"]).toBe(2)
    await startTurn(store, { pool: roundRobin, now: 0 }, { rotate: false })
    expect(store.read().cursors["rr"]).toBe(2)
    await startTurn(store, { pool, now: 0 })
    expect(store.read().cursors["assistant"]).toBeUndefined()
  })

  test("advanceCursor moves one pool's position and leaves the others", async () => {
    const store = createMemoryHealthStore()
    await advanceCursor(store, "rr")
    expect(store.read().cursors).toEqual({ rr: 1 })
  })
})

describe("sticky round robin", () => {
  test("a new session takes the pool's next position, moves it on, and is assigned the member it starts on", () => {
    const state = emptyState()
    state.cursors.rr = 1
    const plan = planTurn({ pool: roundRobin, state, now: 0 })
    expect(plan.first?.member).toBe("b/y")
    expect(plan.rotates).toBe(true)
    expect(plan.assigned).toBe("b/y")
  })

  test("a session's later turns start on its member whatever the position, and do not move it", () => {
    const state = emptyState()
    state.cursors.rr = 7
    const plan = planTurn({ pool: roundRobin, state, now: 0, assigned: "c/z" })
    expect(plan.attempts.map((attempt) => attempt.member)).toEqual(["c/z", "a/x", "b/y"])
    expect(plan.rotates).toBe(false)
    expect(plan.assigned).toBe("c/z")
  })

  test("while its member cools the session runs elsewhere but keeps it, and comes back once it recovers", () => {
    const state = emptyState()
    recordFailure(state, "c/z", { ...rateLimited, retryAfterMs: 60_000 }, DEFAULT_POLICY.cooldown, 0)
    const cooling = planTurn({ pool: roundRobin, state, now: 1_000, assigned: "c/z" })
    expect(cooling.first?.member).toBe("a/x")
    expect(cooling.assigned).toBe("c/z")
    expect(cooling.rotates).toBe(false)
    expect(planTurn({ pool: roundRobin, state, now: 60_000, assigned: "c/z" }).first?.member).toBe("c/z")
  })

  test("a new session whose position cools is assigned the healthy member it starts on", () => {
    const state = emptyState()
    recordFailure(state, "a/x", { ...rateLimited, retryAfterMs: 60_000 }, DEFAULT_POLICY.cooldown, 0)
    expect(planTurn({ pool: roundRobin, state, now: 1 }).assigned).toBe("b/y")
  })

  test("a member no longer in the pool is no assignment: the session takes the next position", () => {
    const plan = planTurn({ pool: roundRobin, state: emptyState(), now: 0, assigned: "gone/model" })
    expect(plan.rotates).toBe(true)
    expect(plan.assigned).toBe("a/x")
  })

  test("the other strategies assign nothing and ignore an assignment", () => {
    const plan = planTurn({ pool, state: emptyState(), now: 0, assigned: "c/z" })
    expect(plan.first?.member).toBe("a/x")
    expect(plan.assigned).toBeUndefined()
    expect(plan.rotates).toBe(false)
  })
})
