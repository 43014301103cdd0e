import { describe, expect, test } from "bun:test"
import { FirstTokenTimeoutError, memberSignal } from "./deadline.ts"

describe("a member's signal", () => {
  test("a caller that already stopped cuts the call at once, with the caller's reason", async () => {
    const caller = new AbortController()
    caller.abort(new Error("user stopped"))
    const signal = memberSignal(caller.signal, 1_000, () => () => undefined)
    expect(signal.signal.aborted).toBe(true)
    await expect(signal.cut).rejects.toThrow("user stopped")
    expect(signal.expired()).toBe(false)
  })

  test("the deadline cuts with a timeout error that names the setting, and only the deadline counts as expiry", async () => {
    const timers: (() => void)[] = []
    const signal = memberSignal(undefined, 1_500, (fire) => {
      timers.push(fire)
      return () => undefined
    })
    expect(signal.expired()).toBe(false)
    for (const fire of timers) fire()
    const error = await signal.cut.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(FirstTokenTimeoutError)
    expect(error).toMatchObject({ name: "FirstTokenTimeoutError", timeoutMs: 1_500 })
    expect((error as Error).message).toBe("no output within 1500 ms (first_token_timeout_ms)")
    expect(signal.expired()).toBe(true)
  })

  test("the timeout error is recognised across copies of the package, and nothing else is taken for it", () => {
    const error = new FirstTokenTimeoutError(1_500)
    expect(FirstTokenTimeoutError.isInstance(error)).toBe(true)
    // Another copy's class is another class, with the same registered symbol on its instances.
    const copy = { [Symbol.for("model-pool.error.FirstTokenTimeoutError")]: true, timeoutMs: 1_500 }
    expect(copy).not.toBeInstanceOf(FirstTokenTimeoutError)
    expect(FirstTokenTimeoutError.isInstance(copy)).toBe(true)
    expect(FirstTokenTimeoutError.isInstance(new Error(error.message))).toBe(false)
    expect(FirstTokenTimeoutError.isInstance({ name: "FirstTokenTimeoutError" })).toBe(false)
    expect(FirstTokenTimeoutError.isInstance(null)).toBe(false)
    expect(FirstTokenTimeoutError.isInstance("no output")).toBe(false)
  })

  test("without a deadline no timer starts", () => {
    const started: number[] = []
    memberSignal(undefined, undefined, (_fire, ms) => {
      started.push(ms)
      return () => undefined
    }).commit()
    expect(started).toEqual([])
  })
})
