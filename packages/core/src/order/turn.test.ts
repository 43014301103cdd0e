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
