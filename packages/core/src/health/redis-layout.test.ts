import { describe, expect, test } from "bun:test"
import { commitOf, decodeSnapshot, KEEP_MS, keysOf, ttlMs } from "./redis-layout.ts"
import { secretScrubber } from "./redis-url.ts"
import { emptyState, FORGET_AFTER_MS, type MemberHealth } from "./state.ts"

const keys = keysOf("ns")
const record = (until: number, at = 0): MemberHealth => ({
  until,
  condition: "rate_limit",
  failures: 1,
  quota: false,
  at,
})

describe("redis layout", () => {
  test("a record lives until its cooldown ends or a day after the failure, whichever is later; at least 1 ms", () => {
    expect(ttlMs(record(60_000, 0), 0)).toBe(FORGET_AFTER_MS)
    expect(ttlMs(record(2 * FORGET_AFTER_MS, 0), 1000)).toBe(2 * FORGET_AFTER_MS - 1000)
    expect(ttlMs(record(0, 0), FORGET_AFTER_MS + 5)).toBe(1)
  })

  test("the read script's reply becomes a state; damaged and missing records are listed as stale", () => {
    const reply = ["7", ["a/x", "b/y", "c/z"], [JSON.stringify(record(5)), "{ half", null], ["p", "3", "q", "x"]]
    expect(decodeSnapshot(reply)).toEqual({
      version: "7",
      state: { version: 1, members: { "a/x": record(5) }, cursors: { p: 3 } },
      stale: ["b/y", "c/z"],
    })
    expect(decodeSnapshot(["7", [], []])).toBeUndefined()
    expect(decodeSnapshot("OK")).toBeUndefined()
  })

  test("nothing changed: nothing to commit", () => {
    const state = { version: 1 as const, members: { "a/x": record(5) }, cursors: { p: 1 } }
    expect(commitOf(keys, { version: "3", state, stale: [] }, structuredClone(state), 0)).toBeUndefined()
  })

  test("a commit sets what changed with its lifetime, deletes what went and stale ids, keeps re-added ones", () => {
    const before = {
      version: "3",
      state: { version: 1 as const, members: { "a/x": record(5), "b/y": record(5) }, cursors: { p: 1, q: 1 } },
      stale: ["gone/1", "back/2"],
    }
    const after = emptyState()
    after.members["a/x"] = record(5)
    after.members["back/2"] = record(60_000)
    after.cursors.p = 2
    expect(commitOf(keys, before, after, 0)).toEqual({
      keys: [
        "model-pool:ns:version",
        "model-pool:ns:members",
        "model-pool:ns:cursors",
        "model-pool:ns:member:back/2",
        "model-pool:ns:member:b/y",
        "model-pool:ns:member:gone/1",
      ],
      arguments: [
        "3",
        String(KEEP_MS),
        "1",
        "2",
        "1",
        "back/2",
        JSON.stringify(record(60_000)),
        String(FORGET_AFTER_MS),
        "b/y",
        "gone/1",
        "p",
        "2",
        "q",
      ],
    })
  })

  test("the shared keys outlive the longest record written", () => {
    const after = emptyState()
    after.members["a/x"] = record(KEEP_MS * 2)
    const commit = commitOf(keys, { version: "0", state: emptyState(), stale: [] }, after, 0)
    expect(commit?.arguments[1]).toBe(String(KEEP_MS * 2))
  })
})

describe("secret scrubber", () => {
  test("removes the password as written and decoded, and the user part of any Redis URL", () => {
    const scrub = secretScrubber("redis://admin:p%40ss%2Fword@cache:6379")
    expect(scrub("AUTH p@ss/word failed for redis://admin:p%40ss%2Fword@cache:6379 and p%40ss%2Fword")).toBe(
      "AUTH *** failed for redis://cache:6379 and ***",
    )
    expect(scrub("see rediss://other:secret@elsewhere:1/0")).toBe("see rediss://elsewhere:1/0")
  })
})
