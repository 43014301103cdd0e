import { describe, expect, test } from "bun:test"
import { Pending } from "./pending.ts"

describe("the observers' pending work", () => {
  test("work starts on a later turn of the event loop, never in the caller's own turn", async () => {
    const pending = new Pending()
    const ran: string[] = []
    pending.add(() => void ran.push("observer"))
    ran.push("next request")
    await Promise.resolve()
    expect(ran).toEqual(["next request"])
    await pending.settle()
    expect(ran).toEqual(["next request", "observer"])
  })

  test("settling waits for slow work, and for work added while it waits", async () => {
    const pending = new Pending()
    const done: string[] = []
    const slow = Promise.withResolvers<void>()
    pending.add(async () => {
      await slow.promise
      done.push("first")
      pending.add(() => void done.push("added later"))
    })
    const settled = pending.settle().then(() => done.push("settled"))
    await Bun.sleep(0)
    expect(done).toEqual([])
    slow.resolve()
    await settled
    expect(done).toEqual(["first", "added later", "settled"])
  })

  test("work that throws or rejects breaks neither the other work nor settling", async () => {
    const pending = new Pending()
    const done: string[] = []
    pending.add(() => {
      throw new Error("observer broke")
    })
    pending.add(() => Promise.reject(new Error("observer broke")))
    pending.add(() => void done.push("still ran"))
    await pending.settle()
    expect(done).toEqual(["still ran"])
  })
})
