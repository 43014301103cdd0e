import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { generateText } from "ai"
import { keyId } from "./request-log.ts"
import { startFakeProvider } from "./server.ts"
import { CLIENTS, collectStream, postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

describe("request log", () => {
  test.each(CLIENTS)(
    "records the $name client's request with its model and body but without its API key",
    async (client) => {
      const before = Date.now()
      await collectStream(client.model(fake.url, "logged-model"))
      const [record] = await fake.waitForRequests(1, 1000)
      expect(record).toMatchObject({
        format: client.format,
        model: "logged-model",
        method: "POST",
        stream: true,
        step: "text",
        key_id: keyId(client.key),
      })
      expect(record?.at).toBeGreaterThanOrEqual(before)
      expect(JSON.stringify(record?.body)).toContain("hello")
      for (const header of ["authorization", "x-api-key", "x-goog-api-key"])
        expect(record?.headers[header]).toBeUndefined()
      // Not the key, and not even its last four characters, may appear anywhere.
      expect(JSON.stringify(record)).not.toContain(TEST_KEY.slice(-4))
    },
  )

  test("a request without a key is logged with an undefined key id", async () => {
    await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
    expect(fake.requests[0]?.key_id).toBeUndefined()
  })

  test("a body that is not JSON is logged as raw text and still answered", async () => {
    const response = await fetch(`${fake.url}/v1/messages`, { method: "POST", body: "not json" })
    expect(response.status).toBe(200)
    expect(fake.requests[0]).toMatchObject({ format: "anthropic", body: "not json", model: "unknown-model" })
  })

  test("waitForRequests resolves once concurrent requests have all arrived", async () => {
    fake.setScript({ "*": { kind: "text", delay_ms: 50 } })
    const [client] = CLIENTS
    if (client === undefined) throw new Error("no clients")
    const calls = [1, 2, 3].map((n) =>
      generateText({ model: client.model(fake.url, `m${n}`), prompt: "hi", maxRetries: 0 }),
    )
    const records = await fake.waitForRequests(3, 1000)
    expect(records.map((r) => r.model).sort()).toEqual(["m1", "m2", "m3"])
    await Promise.all(calls)
  })

  test("reset clears the log and restarts the scripted sequence", async () => {
    fake.setScript({ m: [{ kind: "server_error" }, { kind: "text" }] })
    const send = () => postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
    expect((await send()).status).toBe(500)
    fake.reset()
    expect(fake.requests).toHaveLength(0)
    expect((await send()).status).toBe(500)
    expect((await send()).status).toBe(200)
  })

  test("an unknown route answers 404 and is not logged", async () => {
    const response = await postJson(`${fake.url}/v1/embeddings`, { model: "m" })
    expect(response.status).toBe(404)
    expect(fake.requests).toHaveLength(0)
  })
})

describe("timing", () => {
  test("delay_ms holds back the response by at least that long", async () => {
    fake.setScript({ "*": { kind: "rate_limit", delay_ms: 120 } })
    const start = performance.now()
    const response = await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
    expect(response.status).toBe(429)
    expect(performance.now() - start).toBeGreaterThanOrEqual(110)
  })

  test("chunk_delay_ms spaces out the streamed frames", async () => {
    fake.setScript({ "*": { kind: "text", text: "abcd", chunks: 4, chunk_delay_ms: 30 } })
    const start = performance.now()
    const [client] = CLIENTS
    if (client === undefined) throw new Error("no clients")
    const outcome = await collectStream(client.model(fake.url, "m"))
    expect(outcome.text).toBe("abcd")
    expect(performance.now() - start).toBeGreaterThanOrEqual(150)
  })
})

describe("hangs and shutdown", () => {
  test("a hang after headers opens the stream and then sends nothing until aborted", async () => {
    fake.setScript({ "*": { kind: "hang", after_headers: true } })
    const controller = new AbortController()
    const response = await fetch(`${fake.url}/v1/messages`, {
      method: "POST",
      body: JSON.stringify({ model: "claude-x", stream: true }),
      signal: controller.signal,
    })
    expect(response.status).toBe(200)
    const reader = response.body?.getReader()
    const first = await reader?.read()
    expect(new TextDecoder().decode(first?.value)).toContain("event: message_start")
    const next = reader?.read()
    const stalled = await Promise.race([next, Bun.sleep(100).then(() => "stalled")])
    expect(stalled).toBe("stalled")
    controller.abort()
    await next?.catch(() => undefined)
  })

  test("stop() ends hung requests instead of waiting for them", async () => {
    const own = await startFakeProvider({ script: { "*": { kind: "hang" } } })
    const pending = postJson(`${own.url}/v1/chat/completions`, { model: "m" }).catch((e: unknown) => e)
    await own.waitForRequests(1, 1000)
    const start = performance.now()
    await own.stop()
    expect(performance.now() - start).toBeLessThan(500)
    expect(await pending).toBeInstanceOf(Error)
  })

  test("await using stops the server when the scope ends", async () => {
    const url = await (async () => {
      await using scoped = await startFakeProvider()
      return scoped.url
    })()
    const error = await postJson(`${url}/v1/chat/completions`, { model: "m" }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Error)
  })

  test("listens only on 127.0.0.1", () => {
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}`)
  })
})

describe("scripted tool-call ids", () => {
  // Gemini, on Vertex too, has no call ids on the wire; its clients make their own. Perplexity has no calls.
  const withIds = CLIENTS.filter(
    (client) => client.format !== "google" && client.format !== "vertex" && client.tools !== false,
  )
  test.each(withIds)("reach the $name client exactly as scripted", async (client) => {
    fake.setScript({
      "*": { kind: "tool_call", name: "read_file", input: { path: "a" }, id: "functions.read_file:0" },
    })
    const result = await generateText({
      model: client.model(fake.url, "m"),
      prompt: "hi",
      tools: TOOLS,
      maxRetries: 0,
    })
    expect(result.toolCalls.map((call) => call.toolCallId)).toEqual(["functions.read_file:0"])
  })
})

describe("accepted credentials", () => {
  test.each(CLIENTS)("the $name client is answered with its vendor's 401 for any other key", async (client) => {
    await using strictKeys = await startFakeProvider({ credentials: { [client.format]: "the-only-key" } })
    const error = await generateText({ model: client.model(strictKeys.url, "m"), prompt: "hi", maxRetries: 0 }).catch(
      (thrown: unknown) => thrown as { statusCode?: number },
    )
    // `ai` replaces the gateway's GatewayAuthenticationError (a 401) with a plain Error of that name.
    const replaced = error instanceof Error && error.name === "GatewayAuthenticationError"
    const status = replaced && client.format === "gateway" ? 401 : (error as { statusCode?: number }).statusCode
    expect(status === 401 || status === 400 || status === 403).toBe(true)
    expect(strictKeys.requests[0]?.rejected).toBe("the request did not carry the accepted key")
  })
})

describe("answer headers", () => {
  const headers = { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "30s" }

  test.each([true, false])("a text step's headers come with its answer (stream: %p)", async (stream) => {
    fake.setScript({ "*": [{ kind: "text", headers }] })
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_KEY}` },
      body: JSON.stringify({ model: "m", stream, messages: [{ role: "user", content: "hi" }] }),
    })
    expect(response.status).toBe(200)
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("0")
    expect(response.headers.get("x-ratelimit-reset-requests")).toBe("30s")
    expect(await response.text()).toContain(stream ? `"content":"ok "` : "ok from m")
  })

  test("a step without headers sends none of them", async () => {
    fake.setScript({ "*": [{ kind: "text" }] })
    const response = await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBeNull()
  })
})

describe("abandoned requests", () => {
  test("a client that closes the connection before the answer is noted with when it did; an answered one is not", async () => {
    fake.setScript({ slow: [{ kind: "text", delay_ms: 60_000 }], "*": [{ kind: "text" }] })
    const aborting = new AbortController()
    const pending = fetch(`${fake.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${TEST_KEY}` },
      body: JSON.stringify({ model: "slow", stream: true, messages: [{ role: "user", content: "hi" }] }),
      signal: aborting.signal,
    }).catch(() => undefined)
    const [slow] = await fake.waitForRequests(1, 5_000)
    aborting.abort()
    await pending
    while (slow?.abandoned === undefined) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(slow.abandoned).toBeGreaterThanOrEqual(slow.at)
    expect(slow.answered).toBeUndefined()
    await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] }).then((response) => response.text())
    const answered = fake.requests[1]
    expect(answered?.abandoned).toBeUndefined()
    expect(answered?.answered).toBeDefined()
  })
})
