import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { createClient } from "redis"
import { REDIS_SERVER, startRedisServer, type RedisServer } from "@model-pool/fake-provider/redis-server"
import { healthId } from "../order/plan.ts"
import { KEEP_MS, keysOf } from "./redis-layout.ts"
import { createRedisHealthStore, type RedisStoreOptions } from "./redis-store.ts"
import { redactRedisUrl } from "./redis-url.ts"
import { FORGET_AFTER_MS, type MemberHealth } from "./state.ts"
import { createMemoryHealthStore } from "./store.ts"

if (!REDIS_SERVER)
  console.warn("redis-server is not installed: the Redis health store tests are skipped (apt-get install redis-server)")

const record = (until: number, at = until - 60_000): MemberHealth => ({
  until,
  condition: "rate_limit",
  failures: 1,
  quota: false,
  at,
})

type Status = { reachable: boolean; reason?: string }

/** A store on `server` with an injected clock, its fallback and the statuses it told; closed with `await using`. */
function storeOn(server: RedisServer, overrides: Partial<RedisStoreOptions> = {}) {
  const clock = { now: 1_000_000_000 }
  const fallback = createMemoryHealthStore()
  const statuses: Status[] = []
  const store = createRedisHealthStore({
    url: server.url,
    namespace: "test",
    fallback,
    now: () => clock.now,
    // Generous: only a stopped or paused server is meant to miss it, never a busy test machine.
    timeoutMs: 2000,
    onStatus: (status) => statuses.push(status),
    ...overrides,
  })
  return { store, clock, fallback, statuses, [Symbol.asyncDispose]: () => store.close() }
}

/** A plain client on `server`, to look at what the store wrote. */
async function inspect(server: RedisServer) {
  const client = createClient({ url: server.url, RESP: 2 })
  // The tests stop the server under it.
  client.on("error", () => undefined)
  await client.connect()
  return { client, [Symbol.asyncDispose]: () => client.close() }
}

describe("redactRedisUrl", () => {
  test("keeps the scheme, host, port and database, and drops the user, password and query", () => {
    expect(redactRedisUrl("rediss://default:s3cret@cache.example.com:6380/2?password=x")).toBe(
      "rediss://cache.example.com:6380/2",
    )
    expect(redactRedisUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379")
  })

  test("never echoes a string that is not a URL", () => {
    expect(redactRedisUrl("s3cret not a url")).toBe("(not a valid URL)")
  })

  test("a URL that is not redis:// or rediss:// is refused with its credentials removed", () => {
    expect(() =>
      createRedisHealthStore({ url: "http://user:s3cret@host:1", fallback: createMemoryHealthStore() }),
    ).toThrow("model-pool: a Redis URL starts with redis:// or rediss:// (got http://host:1/)")
  })
})

describe.skipIf(!REDIS_SERVER)("redis health store", () => {
  test("an update round-trips: read() reflects it, and another store sees it after sync()", async () => {
    await using server = await startRedisServer()
    await using first = storeOn(server)
    await using second = storeOn(server)
    const until = first.clock.now + 60_000
    const returned = await first.store.update((state) => {
      state.members["openai/gpt-5"] = record(until)
      state.cursors["assistant"] = 3
      return "done"
    })
    expect(returned).toBe("done")
    expect(first.store.read()).toEqual({
      version: 1,
      members: { "openai/gpt-5": record(until) },
      cursors: { assistant: 3 },
    })
    expect(second.store.read().members).toEqual({})
    // Syncs asked for together share one read.
    const syncing = second.store.sync()
    expect(second.store.sync()).toBe(syncing)
    await syncing
    expect(second.store.read()).toEqual(first.store.read())

    await second.store.update((state) => {
      delete state.members["openai/gpt-5"]
    })
    await first.store.sync()
    expect(first.store.read()).toEqual({ version: 1, members: {}, cursors: { assistant: 3 } })
    await using look = await inspect(server)
    expect(await look.client.sMembers(keysOf("test").ids)).toEqual([])
    expect(await look.client.exists(keysOf("test").member("openai/gpt-5"))).toBe(0)
    expect(first.statuses).toEqual([])
    expect(first.fallback.read()).toEqual({ version: 1, members: {}, cursors: {} })
  })

  test("an update that changes nothing writes nothing", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server)
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    await writer.store.update(() => undefined)
    await using look = await inspect(server)
    expect(await look.client.get(keysOf("test").version)).toBe("1")
  })

  test("a change that throws rejects the update and writes nothing, and the next update still works", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server)
    const failing = writer.store.update((state) => {
      state.cursors.p = 1
      throw new Error("boom")
    })
    await expect(failing).rejects.toThrow("boom")
    await writer.store.update((state) => {
      state.cursors.q = 1
    })
    await using reader = storeOn(server)
    await reader.store.sync()
    expect(reader.store.read().cursors).toEqual({ q: 1 })
  })

  test("eight processes updating at once lose no update", async () => {
    await using server = await startRedisServer()
    const workers = 8
    const each = 25
    const worker = join(import.meta.dir, "..", "..", "test-support", "redis-store.worker.ts")
    const processes = Array.from({ length: workers }, (_, index) =>
      Bun.spawn([process.execPath, worker, server.url, "test", String(index), String(each)], { stderr: "inherit" }),
    )
    expect(await Promise.all(processes.map((child) => child.exited))).toEqual(Array(workers).fill(0))
    await using reader = storeOn(server)
    await reader.store.sync()
    expect(reader.store.read().cursors.shared).toBe(workers * each)
    expect(Object.keys(reader.store.read().members)).toHaveLength(workers * each)
  }, 60_000)

  test("records expire on their own, with lifetimes from the injected clock; expired ones are gone after sync()", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server)
    await using reader = storeOn(server)
    await using look = await inspect(server)
    const keys = keysOf("test")
    const now = writer.clock.now
    await writer.store.update((state) => {
      // Cooling for a minute: kept a day after the failure.
      state.members["openai/gpt-5"] = record(now + 60_000, now)
      // Cooling for two days: kept until the cooldown ends.
      state.members["google/gemini-2.5-pro"] = record(now + 2 * FORGET_AFTER_MS, now)
      // Failed a day ago less 1 ms: 1 ms to live.
      state.members["anthropic/claude-sonnet-4-5"] = record(now - FORGET_AFTER_MS + 1, now - FORGET_AFTER_MS + 1)
      state.cursors.p = 1
    })
    const day = await look.client.pTTL(keys.member("openai/gpt-5"))
    expect(day).toBeGreaterThan(0)
    expect(day).toBeLessThanOrEqual(FORGET_AFTER_MS)
    const twoDays = await look.client.pTTL(keys.member("google/gemini-2.5-pro"))
    expect(twoDays).toBeGreaterThan(FORGET_AFTER_MS)
    expect(twoDays).toBeLessThanOrEqual(2 * FORGET_AFTER_MS)
    for (const key of [keys.cursors, keys.ids, keys.version]) {
      const ttl = await look.client.pTTL(key)
      expect(ttl).toBeGreaterThan(0)
      expect(ttl).toBeLessThanOrEqual(KEEP_MS)
    }

    await Bun.sleep(5)
    await reader.store.sync()
    expect(Object.keys(reader.store.read().members).sort()).toEqual(["google/gemini-2.5-pro", "openai/gpt-5"])

    await look.client.del(keys.member("openai/gpt-5"))
    await reader.store.sync()
    expect(Object.keys(reader.store.read().members)).toEqual(["google/gemini-2.5-pro"])
    // The next commit also drops the ids whose records expired.
    await reader.store.update((state) => {
      state.cursors.p = 2
    })
    expect(await look.client.sMembers(keys.ids)).toEqual(["google/gemini-2.5-pro"])
  })

  test("every update prunes records expired for more than a day, on the injected clock", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server)
    const now = writer.clock.now
    await writer.store.update((state) => {
      state.members.old = record(now + 60_000)
      state.members.recent = record(now + 2 * FORGET_AFTER_MS)
    })
    writer.clock.now += FORGET_AFTER_MS + 120_000
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    await using look = await inspect(server)
    expect(await look.client.sMembers(keysOf("test").ids)).toEqual(["recent"])
    expect(await look.client.exists(keysOf("test").member("old"))).toBe(0)
  })

  test("keys are namespaced and hold neither the password nor a key value; no message names the password", async () => {
    const password = "s3cret/pa:ss@word"
    const apiKey = "sk-live-0123456789abcdef"
    const labels: Record<string, string> = { work: apiKey }
    await using server = await startRedisServer({ password })
    expect(server.url).toContain(encodeURIComponent(password))
    await using writer = storeOn(server, { namespace: "team-a" })
    const now = writer.clock.now
    for (const label of Object.keys(labels)) {
      await writer.store.update((state) => {
        state.members[healthId("openai/gpt-5", label)] = record(now + 60_000)
        state.cursors["assistant"] = 1
      })
    }
    expect(writer.statuses).toEqual([])
    expect(writer.store.describe()).toBe(`redis redis://127.0.0.1:${server.port} (namespace team-a)`)

    await using look = await inspect(server)
    const names = await look.client.keys("*")
    expect(names.sort()).toEqual([
      "model-pool:team-a:cursors",
      "model-pool:team-a:member:openai/gpt-5#work",
      "model-pool:team-a:members",
      "model-pool:team-a:version",
    ])
    const values = await Promise.all(
      names.map(async (name) => {
        const type = await look.client.type(name)
        if (type === "set") return JSON.stringify(await look.client.sMembers(name))
        if (type === "hash") return JSON.stringify(await look.client.hGetAll(name))
        return (await look.client.get(name)) ?? ""
      }),
    )
    const everything = [...names, ...values].join("\n")
    for (const secret of [password, encodeURIComponent(password), apiKey]) expect(everything).not.toContain(secret)

    // A wrong password, a stopped server: the reasons name neither password.
    const wrongPassword = "wr0ng/pa:ss@word"
    await using wrong = storeOn(server, {
      url: server.url.replace(encodeURIComponent(password), encodeURIComponent(wrongPassword)),
    })
    const answer = await wrong.store.ping()
    await wrong.store.sync()
    await server.stop()
    await writer.store.update((state) => {
      state.cursors["assistant"] = 2
    })
    const reasons = [
      answer.reason ?? "",
      ...wrong.statuses.map((status) => status.reason ?? ""),
      ...writer.statuses.map((status) => status.reason ?? ""),
    ]
    expect(answer.reachable).toBe(false)
    expect(answer.reason).toContain("WRONGPASS")
    expect(wrong.statuses).toEqual([{ reachable: false, reason: expect.stringContaining("WRONGPASS") }])
    expect(writer.statuses).toEqual([{ reachable: false, reason: expect.any(String) }])
    for (const reason of reasons)
      for (const secret of [password, wrongPassword, encodeURIComponent(password), encodeURIComponent(wrongPassword)])
        expect(reason).not.toContain(secret)
  })

  test("a stopped server: calls use the fallback, told once; after retryAfterMs Redis is back, with the records", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server, { retryAfterMs: 5000 })
    const now = writer.clock.now
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    await server.stop()

    await writer.store.update((state) => {
      state.members["openai/gpt-5"] = record(now + 60_000)
    })
    expect(writer.fallback.read().members).toEqual({ "openai/gpt-5": record(now + 60_000) })
    expect(writer.statuses).toEqual([{ reachable: false, reason: expect.any(String) }])
    await writer.store.sync()
    expect(writer.store.read()).toBe(writer.fallback.read())

    // Back, but not yet due for a retry: still the fallback, nothing told.
    await server.restart()
    writer.clock.now += 4999
    await writer.store.update((state) => {
      state.cursors.q = 1
    })
    expect(writer.fallback.read().cursors).toEqual({ q: 1 })
    expect(writer.statuses).toHaveLength(1)

    writer.clock.now += 1
    await writer.store.sync()
    expect(writer.statuses).toEqual([{ reachable: false, reason: expect.any(String) }, { reachable: true }])
    await using reader = storeOn(server)
    await reader.store.sync()
    expect(reader.store.read().members).toEqual({ "openai/gpt-5": record(now + 60_000) })
    expect(writer.store.read().members).toEqual({ "openai/gpt-5": record(now + 60_000) })
  })

  test("a server restarted between calls: the next call connects again, and nothing is told", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server)
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    await server.stop()
    await server.restart()
    await writer.store.update((state) => {
      state.cursors.q = 1
    })
    expect(writer.statuses).toEqual([])
    expect(writer.fallback.read().cursors).toEqual({})
    await using look = await inspect(server)
    // The restarted server is empty: it keeps nothing on disk.
    expect(await look.client.hGetAll(keysOf("test").cursors)).toEqual({ q: "1" })
  })

  test("a retry that finds the server still gone waits another retryAfterMs, and tells nothing more", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server, { retryAfterMs: 5000 })
    await server.stop()
    await writer.store.sync()
    writer.clock.now += 5000
    await writer.store.sync()
    expect(writer.statuses).toHaveLength(1)
    await server.restart()
    writer.clock.now += 4999
    await writer.store.sync()
    expect(writer.statuses).toHaveLength(1)
    writer.clock.now += 1
    await writer.store.sync()
    expect(writer.statuses).toEqual([{ reachable: false, reason: expect.any(String) }, { reachable: true }])
  })

  test("a hung server: calls resolve within the bound on the fallback; Redis is used again once it answers", async () => {
    await using server = await startRedisServer()
    // Short, since every call to the paused server waits the whole bound.
    await using writer = storeOn(server, { timeoutMs: 200, retryAfterMs: 5000 })
    const now = writer.clock.now
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    server.pause()
    try {
      await writer.store.update((state) => {
        state.members["anthropic/claude-sonnet-4-5"] = record(now + 60_000)
      })
      await writer.store.sync()
      expect(writer.fallback.read().members).toEqual({ "anthropic/claude-sonnet-4-5": record(now + 60_000) })
      expect(writer.statuses).toEqual([{ reachable: false, reason: "no answer within 200 ms" }])
      expect(await writer.store.ping()).toEqual({ reachable: false, reason: "no answer within 200 ms" })
    } finally {
      server.resume()
    }
    writer.clock.now += 5000
    await writer.store.update((state) => {
      state.cursors.p = 2
    })
    expect(writer.statuses).toEqual([{ reachable: false, reason: "no answer within 200 ms" }, { reachable: true }])
    await using reader = storeOn(server)
    await reader.store.sync()
    expect(reader.store.read()).toEqual({
      version: 1,
      members: { "anthropic/claude-sonnet-4-5": record(now + 60_000) },
      cursors: { p: 2 },
    })
  })

  test("on the way back, a later cooldown in Redis wins over the fallback's, and expired ones stay behind", async () => {
    await using server = await startRedisServer()
    await using writer = storeOn(server, { retryAfterMs: 1000 })
    await using other = storeOn(server)
    const now = writer.clock.now
    await server.stop()
    await writer.store.update((state) => {
      state.members.a = record(now + 10_000)
      state.members.b = record(now + 10_000)
      state.members.gone = record(now + 500)
    })
    await server.restart()
    await other.store.update((state) => {
      state.members.a = record(now + 20_000)
      state.members.b = record(now + 5000)
    })
    writer.clock.now += 1000
    await writer.store.sync()
    expect(writer.store.read().members).toEqual({ a: record(now + 20_000), b: record(now + 10_000) })
  })

  test("after close(), calls use the fallback and the connection is gone", async () => {
    await using server = await startRedisServer()
    const writer = storeOn(server)
    await writer.store.update((state) => {
      state.cursors.p = 1
    })
    await writer.store.close()
    await writer.store.update((state) => {
      state.cursors.p = 5
    })
    expect(writer.fallback.read().cursors).toEqual({ p: 5 })
    expect(writer.store.read()).toBe(writer.fallback.read())
    expect(writer.statuses).toEqual([])
    await using look = await inspect(server)
    expect(await look.client.hGetAll(keysOf("test").cursors)).toEqual({ p: "1" })
    // Only this inspecting client is still connected.
    expect(await look.client.clientList()).toHaveLength(1)
  })
})
