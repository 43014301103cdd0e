import { describe, expect, test } from "bun:test"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createSessionMoves } from "./session-moves.ts"

function folder() {
  const root = mkdtempSync(join(tmpdir(), "ocmp-moves-"))
  return { path: join(root, "sub", "sessions.json"), [Symbol.dispose]: () => rmSync(root, { recursive: true }) }
}

describe("session moves", () => {
  test("a move is read back by another instance, and cleared when the session runs on its own model", () => {
    using dir = folder()
    createSessionMoves(dir.path).record("ses_a", { member: "beta/gpt-b", pool: "agent.build" })
    const other = createSessionMoves(dir.path)
    expect(other.moved("ses_a")).toEqual({ member: "beta/gpt-b", pool: "agent.build" })
    other.record("ses_a", undefined)
    expect(createSessionMoves(dir.path).moved("ses_a")).toBeUndefined()
  })

  test("a damaged file reads as no moves and is replaced on the next record", () => {
    using dir = folder()
    createSessionMoves(dir.path).record("ses_a", { member: "x/y", pool: "p" })
    writeFileSync(dir.path, "{not json")
    const moves = createSessionMoves(dir.path)
    expect(moves.moved("ses_a")).toBeUndefined()
    moves.record("ses_b", { member: "x/z", pool: "p" })
    expect(moves.moved("ses_b")?.member).toBe("x/z")
  })

  test("only the newest 500 sessions are kept", () => {
    using dir = folder()
    let now = 0
    const moves = createSessionMoves(dir.path, () => now++)
    for (let index = 0; index < 501; index++) moves.record(`ses_${index}`, { member: "x/y", pool: "p" })
    expect(moves.moved("ses_0")).toBeUndefined()
    expect(moves.moved("ses_1")?.member).toBe("x/y")
    expect(moves.moved("ses_500")?.member).toBe("x/y")
  })
})
