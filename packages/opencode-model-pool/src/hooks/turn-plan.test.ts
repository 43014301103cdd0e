import { resolvePolicy, type PoolSpec } from "@model-pool/core"
import { describe, expect, test } from "bun:test"
import { inheritedPool, turnOutcome, turnPool, type TurnInput } from "./turn-plan.ts"

const pool = (name: string, members: string[]): PoolSpec => ({ name, members, policy: resolvePolicy({}, {}) })

const BUILD = pool("agent.build", ["oa/main", "an/backup", "go/last"])
const DUO = pool("pool/duo", ["go/fast", "an/backup"])
const POOLS = new Map([BUILD, DUO].map((spec) => [spec.name, spec]))

const turn = (over: Partial<TurnInput>): TurnInput => ({
  chosen: "oa/main",
  agentPool: BUILD,
  moved: undefined,
  pools: POOLS,
  ...over,
})

describe("which pool a turn runs", () => {
  test("a turn on pool/<name> runs that pool, whatever the agent's pool", () => {
    expect(turnPool(turn({ chosen: "pool/duo" }))).toEqual({ pool: DUO, again: false })
    expect(turnPool(turn({ chosen: "pool/nope" }))).toEqual({ pool: undefined, again: false })
  })

  test("a turn on its agent's primary runs the agent's pool", () => {
    expect(turnPool(turn({}))).toEqual({ pool: BUILD, again: false })
  })

  test("a turn on the member an earlier turn was moved to is planned again from that pool", () => {
    const moved = { member: "an/backup", pool: "agent.build" }
    expect(turnPool(turn({ chosen: "an/backup", moved }))).toEqual({ pool: BUILD, again: true })
    // Even for an agent without a pool of its own (the TUI keeps the session's last model).
    expect(turnPool(turn({ chosen: "an/backup", moved, agentPool: undefined }))).toEqual({ pool: BUILD, again: true })
  })

  test("any other model is the user's pick for the turn: no pool", () => {
    expect(turnPool(turn({ chosen: "an/backup" }))).toEqual({ pool: undefined, again: false })
    const moved = { member: "go/last", pool: "agent.build" }
    expect(turnPool(turn({ chosen: "an/backup", moved }))).toEqual({ pool: undefined, again: false })
  })

  test("a turn without a pool inherits its parent session's pool only on a member of it", () => {
    expect(inheritedPool(BUILD, "an/backup")).toBe(BUILD)
    expect(inheritedPool(BUILD, "xx/other")).toBeUndefined()
    expect(inheritedPool(undefined, "an/backup")).toBeUndefined()
  })
})

describe("what the plan changes of a turn", () => {
  test("a plan that starts on the chosen primary changes nothing", () => {
    expect(
      turnOutcome({ pool: BUILD, chosen: "oa/main", planned: "oa/main", again: false, cooling: undefined }),
    ).toEqual({
      notices: [],
    })
  })

  test("a plan that starts elsewhere moves the turn, remembers the move and says why", () => {
    const cooling = "oa/main cools down for 30s; this turn runs on an/backup"
    expect(turnOutcome({ pool: BUILD, chosen: "oa/main", planned: "an/backup", again: false, cooling })).toEqual({
      moveTo: "an/backup",
      record: { member: "an/backup", pool: "agent.build" },
      notices: [cooling],
    })
  })

  test("a moved session whose primary is healthy again goes back to it and says so; the record stays", () => {
    expect(
      turnOutcome({ pool: BUILD, chosen: "an/backup", planned: "oa/main", again: true, cooling: undefined }),
    ).toEqual({
      moveTo: "oa/main",
      notices: ["oa/main is available again; this turn runs on it"],
    })
  })

  test("a named pool's turn always runs on a member: the pool model is never kept", () => {
    expect(
      turnOutcome({ pool: DUO, chosen: "pool/duo", planned: "go/fast", again: false, cooling: undefined }),
    ).toEqual({
      moveTo: "go/fast",
      notices: [],
    })
  })
})

describe("a round-robin session's member", () => {
  test("is remembered from the session's first turn, also when it is the primary", () => {
    const onPrimary = turnOutcome({
      pool: BUILD,
      chosen: "oa/main",
      planned: "oa/main",
      again: false,
      cooling: undefined,
      assigned: "oa/main",
    })
    expect(onPrimary).toEqual({ record: { member: "oa/main", pool: "agent.build", assigned: "oa/main" }, notices: [] })
    const elsewhere = turnOutcome({
      pool: BUILD,
      chosen: "oa/main",
      planned: "go/last",
      again: false,
      cooling: undefined,
      assigned: "go/last",
    })
    expect(elsewhere.record).toEqual({ member: "go/last", pool: "agent.build", assigned: "go/last" })
    expect(elsewhere.moveTo).toBe("go/last")
  })

  test("a session recorded on its primary is no move back: its next turn on the primary says nothing", () => {
    const moved = { member: "oa/main", pool: "agent.build", assigned: "oa/main" }
    expect(turnPool(turn({ moved }))).toEqual({ pool: BUILD, again: false })
  })
})
