import { describe, expect, test } from "bun:test"
import { ChunkTimeoutError, HeaderTimeoutError } from "./errors.ts"
import { DEFAULT_TRANSPORT_TIMEOUT_MS, transportFetch, type Schedule } from "./transport.ts"

/** Timers that run only when the test says so. */
function manualTimers() {
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = []
  const schedule: Schedule = (run, ms) => {
    const timer = { ms, run, cancelled: false }
    timers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }
  const live = () => timers.filter((timer) => !timer.cancelled)
  return {
    schedule,
    live,
    fire: (ms: number) =>
      live()
        .find((timer) => timer.ms === ms)
        ?.run(),
  }
}

/** A fetch that answers only when told to, and fails with the abort reason when its signal fires. */
function heldFetch() {
  const seen: RequestInit[] = []
  let answer: (response: Response) => void = () => {}
  const base = ((_input: unknown, init?: RequestInit) => {
    seen.push(init ?? {})
    return new Promise<Response>((resolve, reject) => {
      answer = resolve
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))
    })
  }) as unknown as typeof fetch
  return { base, seen, answer: (response: Response) => answer(response) }
}

/** An event stream whose chunks the test pushes one by one. */
function eventStream() {
  let push: (text: string) => void = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      push = (text) => controller.enqueue(new TextEncoder().encode(text))
    },
  })
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    push: (text: string) => push(text),
  }
}

describe("OpenCode's transport limits for members the plugin builds", () => {
  test("no headers within the header limit fails the request with a header timeout", async () => {
    const timers = manualTimers()
    const held = heldFetch()
    const request = transportFetch(
      { headerTimeout: 1_000, chunkTimeout: 0 },
      held.base,
      timers.schedule,
    )("http://127.0.0.1/x")
    timers.fire(1_000)
    expect(await request.catch((error: unknown) => error)).toBeInstanceOf(HeaderTimeoutError)
  })

  test("headers in time cancel the header limit; Bun's own fetch timeout is switched off", async () => {
    const timers = manualTimers()
    const held = heldFetch()
    const request = transportFetch(
      { headerTimeout: 1_000, chunkTimeout: 0 },
      held.base,
      timers.schedule,
    )("http://127.0.0.1/x")
    held.answer(new Response("{}"))
    expect((await request).status).toBe(200)
    expect(timers.live()).toEqual([])
    expect((held.seen[0] as { timeout?: unknown }).timeout).toBe(false)
  })

  test("an event stream that stalls past the chunk limit fails the read and aborts the request", async () => {
    const timers = manualTimers()
    const held = heldFetch()
    const stream = eventStream()
    const request = transportFetch({ chunkTimeout: 500 }, held.base, timers.schedule)("http://127.0.0.1/x")
    held.answer(stream.response)
    const reader = (await request).body!.getReader()
    stream.push("data: 1\n\n")
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("data: 1\n\n")
    const stalled = reader.read().catch((error: unknown) => error)
    await Bun.sleep(0)
    timers.fire(500)
    expect(await stalled).toBeInstanceOf(ChunkTimeoutError)
    expect(held.seen[0]?.signal?.aborted).toBe(true)
  })

  test("a body that is not an event stream has no chunk limit", async () => {
    const timers = manualTimers()
    const held = heldFetch()
    const request = transportFetch(
      { chunkTimeout: 500, headerTimeout: false },
      held.base,
      timers.schedule,
    )("http://127.0.0.1/x")
    held.answer(new Response("{}", { headers: { "content-type": "application/json" } }))
    expect(await (await request).text()).toBe("{}")
    expect(timers.live()).toEqual([])
  })

  test("limits default to OpenCode's five minutes; false and 0 switch them off", async () => {
    const timers = manualTimers()
    const held = heldFetch()
    void transportFetch({}, held.base, timers.schedule)("http://127.0.0.1/x")
    expect(timers.live().map((timer) => timer.ms)).toEqual([DEFAULT_TRANSPORT_TIMEOUT_MS])
    held.answer(eventStream().response)
    const off = manualTimers()
    void transportFetch({ headerTimeout: false, chunkTimeout: 0 }, heldFetch().base, off.schedule)("http://127.0.0.1/x")
    expect(off.live()).toEqual([])
  })

  test("the caller's abort still reaches the fetch under the limits", async () => {
    const held = heldFetch()
    const caller = new AbortController()
    const request = transportFetch(
      {},
      held.base,
      manualTimers().schedule,
    )("http://127.0.0.1/x", { signal: caller.signal })
    caller.abort(new Error("stopped by the user"))
    expect(((await request.catch((error: unknown) => error)) as Error).message).toBe("stopped by the user")
  })
})
