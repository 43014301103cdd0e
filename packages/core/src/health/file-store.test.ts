import { afterEach, describe, expect, test } from "bun:test"
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { createFileHealthStore } from "./file-store.ts"
import type { MemberHealth } from "./state.ts"

const folders: string[] = []
function stateFile(): string {
  const folder = mkdtempSync(join(tmpdir(), "model-pool-health-"))
  folders.push(folder)
  return join(folder, "nested", "health.json")
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true })
})

describe("file health store", () => {
  test("a missing file reads as an empty state", () => {
    expect(createFileHealthStore(stateFile()).read().members).toEqual({})
  })

  test("an update is visible to another store on the same file", async () => {
    const path = stateFile()
    await createFileHealthStore(path).update((state) => {
      state.cursors.p = 3
    })
    expect(createFileHealthStore(path).read().cursors).toEqual({ p: 3 })
  })

  test("every update forgets records that expired more than a day ago and keeps the rest", async () => {
    const path = stateFile()
    const day = 24 * 60 * 60 * 1000
    const clock = { now: 10 * day }
    const store = createFileHealthStore(path, { now: () => clock.now })
    const record = (until: number) => ({ until, condition: "rate_limit" as const, failures: 2, quota: false, at: 0 })
    await store.update((state) => {
      state.members.old = record(clock.now - day - 1)
      state.members.recent = record(clock.now - day + 1)
    })
    clock.now += 1
    await store.update((state) => {
      state.cursors.p = 1
    })
    expect(Object.keys(JSON.parse(readFileSync(path, "utf8")).members)).toEqual(["recent"])
  })

  test("updates from one process all land, in the order they were asked for", async () => {
    const path = stateFile()
    const store = createFileHealthStore(path)
    const seen: number[] = []
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.update((state) => {
          seen.push(state.cursors.count ?? 0)
          state.cursors.count = (state.cursors.count ?? 0) + 1
        }),
      ),
    )
    expect(seen).toEqual(Array.from({ length: 20 }, (_, index) => index))
    expect(createFileHealthStore(path).read().cursors).toEqual({ count: 20 })
  })

  test("the state file is readable by its owner only, and no temporary file is left beside it", async () => {
    const path = stateFile()
    await createFileHealthStore(path).update((state) => {
      state.cursors.p = 1
    })
    expect(statSync(path).mode & 0o777).toBe(0o600)
    expect(readdirSync(dirname(path))).toEqual(["health.json"])
  })

  test("a corrupted file is replaced by a valid one on the next update", async () => {
    const path = stateFile()
    await createFileHealthStore(path).update(() => undefined)
    writeFileSync(path, "{ half a json")
    const store = createFileHealthStore(path)
    expect(store.read().members).toEqual({})
    await store.update((state) => {
      state.cursors.p = 1
    })
    expect(JSON.parse(readFileSync(path, "utf8")).cursors).toEqual({ p: 1 })
  })

  test("several processes updating at once lose nothing and corrupt nothing", async () => {
    const path = stateFile()
    const workers = 4
    const each = 40
    const worker = join(import.meta.dir, "..", "..", "test-support", "file-store.worker.ts")
    const processes = Array.from({ length: workers }, (_, index) =>
      Bun.spawn([process.execPath, worker, path, String(index), String(each)], { stderr: "inherit" }),
    )
    const codes = await Promise.all(processes.map((child) => child.exited))
    expect(codes).toEqual(Array(workers).fill(0))
    const state = JSON.parse(readFileSync(path, "utf8"))
    expect(state.cursors.shared).toBe(workers * each)
    expect(Object.keys(state.members)).toHaveLength(workers * each)
    expect(readdirSync(join(path, "..")).filter((name) => name !== "health.json")).toEqual([])
  }, 30_000)
})

describe("file health store faults: health is a cache, so a bad file is told once and never fails an update", () => {
  // An injected clock: records cool for an hour past it, so nothing depends on how fast the test runs.
  const NOW = 5_000_000
  const cooling: MemberHealth = { until: NOW + 3_600_000, condition: "rate_limit", failures: 1, quota: false, at: NOW }
  const IGNORED = "it is ignored and will be rewritten at the next change"

  function watched(path: string) {
    const problems: string[] = []
    const store = createFileHealthStore(path, { now: () => NOW, onProblem: (message) => problems.push(message) })
    return { store, problems }
  }

  for (const [fault, content, verdict] of [
    ["garbage bytes", Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37, 0x80]), "is not valid JSON"],
    ["truncated JSON", '{"version":1,"members":{"alpha/gpt-main":{"until":', "is not valid JSON"],
    [
      "the wrong shape",
      JSON.stringify({ version: 1, members: ["alpha/gpt-main"], cursors: {} }),
      "does not hold a health state",
    ],
  ] as const) {
    test(`a file of ${fault} reads as empty, is told once by name, and is rewritten at the next change`, async () => {
      const path = stateFile()
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content)
      const { store, problems } = watched(path)
      expect(store.read()).toEqual({ version: 1, members: {}, cursors: {} })
      expect(store.read().members).toEqual({})
      await store.update((state) => {
        state.members.a = cooling
      })
      await store.update((state) => {
        state.cursors.p = 1
      })
      expect(problems).toEqual([`${path} ${verdict}; ${IGNORED}`])
      expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1, members: { a: cooling }, cursors: { p: 1 } })
      expect(readdirSync(dirname(path))).toEqual(["health.json"])
    })
  }

  test("a folder at the file's path: updates answer from memory, tell once, leave nothing behind, and write once it is gone", async () => {
    const path = stateFile()
    mkdirSync(path, { recursive: true })
    const { store, problems } = watched(path)
    expect(store.read().members).toEqual({})
    const result = await store.update((state) => {
      state.members.a = cooling
      return "recorded"
    })
    expect(result).toBe("recorded")
    await store.update((state) => {
      state.cursors.p = (state.cursors.p ?? 0) + 1
    })
    expect(store.read()).toEqual({ version: 1, members: { a: cooling }, cursors: { p: 1 } })
    expect(problems).toEqual([
      `cannot write ${path}: a folder is in the way (EISDIR); cooldowns and round-robin positions are kept in memory for this process until it can`,
    ])
    expect(readdirSync(dirname(path))).toEqual(["health.json"])
    expect(readdirSync(path)).toEqual([])
    rmSync(path, { recursive: true })
    await store.update((state) => {
      state.cursors.p = (state.cursors.p ?? 0) + 1
    })
    expect(createFileHealthStore(path).read()).toEqual({ version: 1, members: { a: cooling }, cursors: { p: 2 } })
    expect(problems).toHaveLength(1)
    expect(readdirSync(dirname(path))).toEqual(["health.json"])
  })

  test("a file at the folder's path: the message names the folder, the state is kept in memory, and written once it is gone", async () => {
    const path = stateFile()
    const folder = dirname(path)
    mkdirSync(dirname(folder), { recursive: true })
    writeFileSync(folder, "a file, not a folder")
    const { store, problems } = watched(path)
    expect(store.read().members).toEqual({})
    await store.update((state) => {
      state.members.a = cooling
    })
    expect(store.read().members).toEqual({ a: cooling })
    expect(problems).toEqual([
      `cannot create the state folder ${folder}: a file is in the way (EEXIST); the pool keeps its state in memory for this process until it can`,
    ])
    expect(readdirSync(dirname(folder))).toEqual(["nested"])
    rmSync(folder)
    await store.update((state) => {
      state.cursors.p = 1
    })
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1, members: { a: cooling }, cursors: { p: 1 } })
    expect(problems).toHaveLength(1)
  })

  test("the first write after an obstruction keeps what another process wrote meanwhile; the later cooldown wins", async () => {
    const path = stateFile()
    mkdirSync(path, { recursive: true })
    const { store } = watched(path)
    const later = { ...cooling, until: cooling.until + 1000 }
    await store.update((state) => {
      state.members.a = cooling
      state.members.b = later
      state.cursors.p = 3
    })
    rmSync(path, { recursive: true })
    await createFileHealthStore(path, { now: () => NOW }).update((state) => {
      state.members.a = later
      state.members.c = cooling
      state.cursors.p = 1
    })
    await store.update(() => undefined)
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      version: 1,
      members: { a: later, b: later, c: cooling },
      cursors: { p: 3 },
    })
  })

  test("a change that throws still rejects its update, and the store goes on", async () => {
    const path = stateFile()
    mkdirSync(path, { recursive: true })
    const { store } = watched(path)
    const failing = store.update(() => {
      throw new Error("the change's own bug")
    })
    await expect(failing).rejects.toThrow("the change's own bug")
    expect(await store.update(() => "next")).toBe("next")
  })
})
