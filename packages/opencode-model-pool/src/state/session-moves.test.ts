import { describe, expect, test } from "bun:test"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { createFileHealthStore } from "@model-pool/core"
import { createSessionMoves } from "./session-moves.ts"

function folder() {
  const root = mkdtempSync(join(tmpdir(), "ocmp-moves-"))
  return { root, path: join(root, "sub", "sessions.json"), [Symbol.dispose]: () => rmSync(root, { recursive: true }) }
}

const IGNORED = "it is ignored and will be rewritten at the next change"

describe("session moves", () => {
  test("a move is read back by another instance, and cleared when the session runs on its own model", () => {
    using dir = folder()
    createSessionMoves(dir.path).record("ses_a", { member: "beta/gpt-b", pool: "agent.build" })
    const other = createSessionMoves(dir.path)
    expect(other.moved("ses_a")).toEqual({ member: "beta/gpt-b", pool: "agent.build" })
    other.record("ses_a", undefined)
    expect(createSessionMoves(dir.path).moved("ses_a")).toBeUndefined()
  })

  test("a round-robin session's assigned member is kept with its move, and a change of it alone is saved", () => {
    using dir = folder()
    const moves = createSessionMoves(dir.path)
    moves.record("ses_a", { member: "beta/gpt-b", pool: "pool/rr", assigned: "beta/gpt-b" })
    expect(createSessionMoves(dir.path).moved("ses_a")).toEqual({
      member: "beta/gpt-b",
      pool: "pool/rr",
      assigned: "beta/gpt-b",
    })
    moves.record("ses_a", { member: "beta/gpt-b", pool: "pool/rr", assigned: "alpha/gpt-main" })
    expect(createSessionMoves(dir.path).moved("ses_a")?.assigned).toBe("alpha/gpt-main")
  })

  test("a record whose assigned member is not a string is no move", () => {
    using dir = folder()
    writeFileSync(
      join(dir.root, "moves.json"),
      JSON.stringify({ ses_a: { member: "x/y", pool: "p", at: 1, assigned: 7 } }),
    )
    expect(createSessionMoves(join(dir.root, "moves.json")).moved("ses_a")).toBeUndefined()
  })

  for (const [fault, content, verdict] of [
    ["garbage bytes", Buffer.from([0xff, 0x00, 0x9c, 0x7b]), "is not valid JSON"],
    ["truncated JSON", '{"ses_a":{"member":"x/y","pool":"p","at":', "is not valid JSON"],
    ["the wrong shape", JSON.stringify([{ member: "x/y", pool: "p" }]), "does not hold session moves"],
  ] as const) {
    test(`a file of ${fault} reads as no moves, is told once by name, and is replaced on the next record`, () => {
      using dir = folder()
      createSessionMoves(dir.path).record("ses_a", { member: "x/y", pool: "p" })
      writeFileSync(dir.path, content)
      const problems: string[] = []
      const moves = createSessionMoves(dir.path, { onProblem: (message) => problems.push(message) })
      expect(moves.moved("ses_a")).toBeUndefined()
      moves.record("ses_b", { member: "x/z", pool: "p" })
      expect(createSessionMoves(dir.path).moved("ses_b")?.member).toBe("x/z")
      expect(problems).toEqual([`${dir.path} ${verdict}; ${IGNORED}`])
      expect(readdirSync(dirname(dir.path))).toEqual(["sessions.json"])
    })
  }

  test("records that are not moves are skipped, the others kept", () => {
    using dir = folder()
    mkdirSync(dirname(dir.path), { recursive: true })
    writeFileSync(dir.path, JSON.stringify({ ses_a: { member: "x/y", pool: "p", at: 1 }, ses_b: "x/z" }))
    const moves = createSessionMoves(dir.path)
    expect(moves.moved("ses_a")).toEqual({ member: "x/y", pool: "p" })
    expect(moves.moved("ses_b")).toBeUndefined()
  })

  test("a folder at the file's path: moves never throw, work from memory, are told once, and are written once it is gone", () => {
    using dir = folder()
    mkdirSync(dir.path, { recursive: true })
    const problems: string[] = []
    const moves = createSessionMoves(dir.path, { onProblem: (message) => problems.push(message) })
    expect(moves.moved("ses_a")).toBeUndefined()
    moves.record("ses_a", { member: "x/y", pool: "p" })
    moves.record("ses_b", { member: "x/z", pool: "p" })
    expect(moves.moved("ses_a")).toEqual({ member: "x/y", pool: "p" })
    expect(problems).toEqual([
      `cannot write ${dir.path}: a folder is in the way (EISDIR); session moves are kept in memory for this process until it can`,
    ])
    expect(readdirSync(dirname(dir.path))).toEqual(["sessions.json"])
    expect(readdirSync(dir.path)).toEqual([])
    rmSync(dir.path, { recursive: true })
    moves.record("ses_b", undefined)
    expect(Object.keys(JSON.parse(readFileSync(dir.path, "utf8")))).toEqual(["ses_a"])
    expect(createSessionMoves(dir.path).moved("ses_a")).toEqual({ member: "x/y", pool: "p" })
    expect(problems).toHaveLength(1)
  })

  test("a file at the state folder's path: the same words as the health store's, naming the folder", async () => {
    using dir = folder()
    const stateFolder = dirname(dir.path)
    writeFileSync(stateFolder, "a file, not a folder")
    const problems: string[] = []
    const moves = createSessionMoves(dir.path, { onProblem: (message) => problems.push(message) })
    moves.record("ses_a", { member: "x/y", pool: "p" })
    expect(moves.moved("ses_a")).toEqual({ member: "x/y", pool: "p" })
    const health = createFileHealthStore(join(stateFolder, "health.json"), {
      onProblem: (message) => problems.push(message),
    })
    await health.update((state) => {
      state.cursors.p = 1
    })
    expect(problems).toEqual([
      `cannot create the state folder ${stateFolder}: a file is in the way (EEXIST); the pool keeps its state in memory for this process until it can`,
      `cannot create the state folder ${stateFolder}: a file is in the way (EEXIST); the pool keeps its state in memory for this process until it can`,
    ])
    expect(readdirSync(dir.root)).toEqual(["sub"])
  })

  test("only the newest 500 sessions are kept", () => {
    using dir = folder()
    let now = 0
    const moves = createSessionMoves(dir.path, { clock: () => now++ })
    for (let index = 0; index < 501; index++) moves.record(`ses_${index}`, { member: "x/y", pool: "p" })
    expect(moves.moved("ses_0")).toBeUndefined()
    expect(moves.moved("ses_1")?.member).toBe("x/y")
    expect(moves.moved("ses_500")?.member).toBe("x/y")
  })
})
