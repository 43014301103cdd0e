import { describe, expect, test } from "bun:test"
import type { Schedule } from "./deadline.ts"
import { hedge, type HedgedTry, type Outcome } from "./hedge.ts"

/** Timers that fire only when the test says so. */
function manualTimers() {
  const timers: { fire: () => void; ms: number; live: boolean }[] = []
  const schedule: Schedule = (fire, ms) => {
    const timer = { fire, ms, live: true }
    timers.push(timer)
    return () => void (timer.live = false)
  }
  const fire = (ms: number) => {
    for (const timer of timers.filter((entry) => entry.live && entry.ms === ms)) {
      timer.live = false
      timer.fire()
    }
  }
  return { schedule, fire, live: () => timers.filter((timer) => timer.live).length }
}

/** A try the test settles by hand; it notes when it started and what cancelled it. */
function manualTry(name: string) {
  let settle: (outcome: Outcome<string>) => void = () => undefined
  const events: string[] = []
  const run: HedgedTry<string> = {
    start() {
      events.push("start")
      return new Promise((resolve) => (settle = resolve))
    },
    cancel(value) {
      events.push(value === undefined ? "cancel" : `release ${value}`)
    },
  }
  return {
    run,
    events,
    answer: () => settle({ ok: true, value: name }),
    fail: () =>
      settle({
        ok: false,
        error: new Error(`${name} failed`),
        classification: { condition: "provider_unavailable", quota: false, message: "503", retryable: true },
      }),
  }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe("a hedge of two tries", () => {
  test("the first try answering before the delay wins alone: the second never starts", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    a.answer()
    expect(await result).toEqual({ winner: "first", value: "a", failures: [], cancelled: false })
    expect(b.events).toEqual([])
    expect(timers.live()).toBe(0)
  })

  test("a slow first try is joined at the delay; the second answering first wins and the first is cancelled", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    await tick()
    expect(b.events).toEqual([])
    timers.fire(2_000)
    expect(b.events).toEqual(["start"])
    b.answer()
    expect(await result).toEqual({ winner: "second", value: "b", failures: [], cancelled: true })
    expect(a.events).toEqual(["start", "cancel"])
    // The first answering after all is released, never used.
    a.answer()
    await tick()
    expect(a.events).toEqual(["start", "cancel", "release a"])
  })

  test("the first try answering after the second started wins, and the second is cancelled", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    timers.fire(2_000)
    a.answer()
    expect(await result).toMatchObject({ winner: "first", value: "a", cancelled: true })
    expect(b.events).toEqual(["start", "cancel"])
  })

  test("a try that fails while the other runs leaves the other to answer, and its failure is kept", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    timers.fire(2_000)
    a.fail()
    await tick()
    b.answer()
    const ended = await result
    expect(ended).toMatchObject({ winner: "second", value: "b", cancelled: false })
    expect(ended.winner && ended.failures.map((failure) => failure.of)).toEqual(["first"])
  })

  test("a first try failing before the delay ends the hedge at once, with the second never started", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    a.fail()
    const ended = await result
    expect(ended).toMatchObject({ winner: undefined, second: undefined })
    expect(b.events).toEqual([])
    expect(timers.live()).toBe(0)
  })

  test("both failing ends the hedge with both failures", async () => {
    const timers = manualTimers()
    const [a, b] = [manualTry("a"), manualTry("b")]
    const result = hedge(a.run, b.run, 2_000, timers.schedule)
    timers.fire(2_000)
    b.fail()
    await tick()
    a.fail()
    const ended = await result
    expect(ended.winner).toBeUndefined()
    expect(ended.winner === undefined && [ended.first.error, ended.second?.error].map(String)).toEqual([
      "Error: a failed",
      "Error: b failed",
    ])
  })
})
