import { afterEach, describe, expect, test } from "bun:test"
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { createFileHealthStore } from "./file-store.ts"

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
