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

  test("without a deadline no timer starts", () => {
    const started: number[] = []
    memberSignal(undefined, undefined, (_fire, ms) => {
      started.push(ms)
      return () => undefined
    }).commit()
    expect(started).toEqual([])
  })
})
