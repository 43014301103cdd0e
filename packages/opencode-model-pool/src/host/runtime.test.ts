import { describe, expect, test } from "bun:test"
import { installRuntime, runtimeFor, type PoolRuntime } from "./runtime.ts"

const runtime = (name: string) =>
  ({ pools: new Map([[name, { name, members: [], policy: {} }]]) }) as unknown as PoolRuntime

describe("runtimes per OpenCode instance", () => {
  test("each instance's key finds its own runtime, whichever configured last", () => {
    const first = runtime("first")
    const second = runtime("second")
    installRuntime("instance-a", first)
    installRuntime("instance-b", second)
    expect(runtimeFor("instance-a")).toBe(first)
    expect(runtimeFor("instance-b")).toBe(second)
  })

  test("an instance configured again replaces only its own runtime", () => {
    const again = runtime("again")
    installRuntime("instance-a", runtime("before"))
    installRuntime("instance-b", runtime("other"))
    installRuntime("instance-a", again)
    expect(runtimeFor("instance-a")).toBe(again)
    expect(runtimeFor("instance-b")?.pools.has("other")).toBe(true)
  })

  test("a provider without a key, or with one no instance installed, has no runtime", () => {
    expect(runtimeFor(undefined)).toBeUndefined()
    expect(runtimeFor("never-installed")).toBeUndefined()
    expect(runtimeFor(42)).toBeUndefined()
  })
})
