import { APICallError, type LanguageModelV3 } from "@ai-sdk/provider"
import { convertArrayToReadableStream, convertReadableStreamToArray, MockLanguageModelV3 } from "ai/test"
import { describe, expect, test } from "bun:test"
import { PoolExhaustedError, RETRY_HORIZON_MS } from "../fallback/pool-error.ts"
import { DEFAULT_POLICY, type ResolvedPolicy } from "../config/defaults.ts"
import { createMemoryHealthStore } from "../health/store.ts"
import { advanceCursor } from "../order/turn.ts"
import { createPoolModel } from "./pool-model.ts"

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
}

/** A member that answers with its own name, or fails with the next scripted status. */
function member(name: string, failures: number[] = []): MockLanguageModelV3 {
  const script = [...failures]
  return new MockLanguageModelV3({
    doStream: async () => {
      const status = script.shift()
      if (status !== undefined)
        throw new APICallError({
          message: `status ${status}`,
          url: "http://127.0.0.1",
          requestBodyValues: {},
          statusCode: status,
          responseHeaders: status === 429 ? { "retry-after": "60" } : {},
          isRetryable: true,
        })
      return {
        stream: convertArrayToReadableStream([
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: name },
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
        ]),
      }
    },
  })
}

async function answer(model: LanguageModelV3): Promise<string> {
  const { stream } = await model.doStream({ prompt: [] })
  const parts = await convertReadableStreamToArray(stream)
  return parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : [])).join("")
}

function setup(
  models: Record<string, MockLanguageModelV3>,
  policy: Partial<ResolvedPolicy> = {},
  keys?: (member: string) => string[],
  preferred?: string,
  rotate?: boolean,
) {
  const clock = { now: 1_000_000 }
  const store = createMemoryHealthStore()
  const pool = createPoolModel({
    pool: {
      name: "assistant",
      members: Object.keys(models)
        .map((key) => key.split("#")[0] ?? key)
        .filter((m, i, all) => all.indexOf(m) === i),
      policy: { ...DEFAULT_POLICY, ...policy },
    },
    store,
    build: (name, key) => {
      const model = models[key === undefined ? name : `${name}#${key}`]
      if (!model) throw new Error(`no model ${name}`)
      return model
    },
    keys,
    preferred: () => preferred,
    rotate,
    clock: () => clock.now,
  })
  return { pool, store, clock }
}

describe("pool model", () => {
  test("a rate-limited primary cools down for its Retry-After, then is used again", async () => {
    const primary = member("a", [429])
    const backup = member("b")
    const { pool, store, clock } = setup({ "a/x": primary, "b/y": backup })
    expect(await answer(pool)).toBe("b")
    expect(store.read().members["a/x"]).toMatchObject({ condition: "rate_limit", until: clock.now + 60_000 })

    expect(await answer(pool)).toBe("b")
    expect(primary.doStreamCalls).toHaveLength(1)

    clock.now += 60_000
    expect(pool.plan()[0]?.member).toBe("a/x")
    expect(await answer(pool)).toBe("a")
    expect(store.read().members).toEqual({})
  })

  test("a member told to retry at an HTTP date cools until that date of the pool's clock", async () => {
    const clock = { now: Date.parse("2001-02-03T04:05:06.000Z") }
    const store = createMemoryHealthStore()
    const limited = new MockLanguageModelV3({
      doStream: async () => {
        throw new APICallError({
          message: "slow down",
          url: "http://127.0.0.1",
          requestBodyValues: {},
          statusCode: 429,
          responseHeaders: { "retry-after": new Date(clock.now + 90_000).toUTCString() },
          isRetryable: true,
        })
      },
    })
    const pool = createPoolModel({
      pool: { name: "assistant", members: ["a/x", "b/y"], policy: DEFAULT_POLICY },
      store,
      build: (name) => (name === "a/x" ? limited : member("b")),
      clock: () => clock.now,
    })
    expect(await answer(pool)).toBe("b")
    expect(store.read().members["a/x"]).toMatchObject({ condition: "rate_limit", until: clock.now + 90_000 })
  })

  test("round robin starts each call on the next member", async () => {
    const { pool } = setup({ "a/x": member("a"), "b/y": member("b"), "c/z": member("c") }, { strategy: "round_robin" })
    const answers = []
    for (let index = 0; index < 4; index++) answers.push(await answer(pool))
    expect(answers).toEqual(["a", "b", "c", "a"])
  })

  test("with rotation left to the host, calls do not move the round-robin position", async () => {
    const models = { "a/x": member("a"), "b/y": member("b") }
    const { pool, store } = setup(models, { strategy: "round_robin" }, undefined, undefined, false)
    expect([await answer(pool), await answer(pool)]).toEqual(["a", "a"])
    await advanceCursor(store, "assistant")
    expect(await answer(pool)).toBe("b")
  })

  test("a rate limit on one key cools that key only, and the next call uses the other key", async () => {
    const keys = (name: string) => (name === "a/x" ? ["k1", "k2"] : [])
    const first = member("a-k1", [429])
    const second = member("a-k2")
    const { pool, store } = setup({ "a/x#k1": first, "a/x#k2": second, "b/y": member("b") }, {}, keys)
    expect(await answer(pool)).toBe("a-k2")
    expect(Object.keys(store.read().members)).toEqual(["a/x#k1"])
    expect(await answer(pool)).toBe("a-k2")
    expect(first.doStreamCalls).toHaveLength(1)
  })

  test("a rejected key on a member with one key cools nothing: the user has to fix it, and sees the error", async () => {
    const { pool, store } = setup({ "a/x": member("a", [401]), "b/y": member("b") }, { fallbackOn: ["rate_limit"] })
    await expect(answer(pool)).rejects.toMatchObject({ statusCode: 401 })
    expect(store.read().members).toEqual({})
  })

  test("a rejected key among several cools that key only", async () => {
    const keys = (name: string) => (name === "a/x" ? ["k1", "k2"] : [])
    const { pool, store } = setup(
      { "a/x#k1": member("a1", [401]), "a/x#k2": member("a2"), "b/y": member("b") },
      {},
      keys,
    )
    expect(await answer(pool)).toBe("a2")
    expect(store.read().members["a/x#k1"]).toMatchObject({ condition: "auth", failures: 1 })
  })

  test("a success on a key clears that key's record, so its next failure starts the escalation again", async () => {
    const keys = (name: string) => (name === "a/x" ? ["k1", "k2"] : [])
    const { pool, store, clock } = setup({ "a/x#k1": member("a1"), "a/x#k2": member("a2") }, {}, keys)
    await store.update((state) => {
      state.members["a/x#k1"] = { until: clock.now - 1, condition: "rate_limit", failures: 3, quota: false, at: 0 }
    })
    expect(await answer(pool)).toBe("a1")
    expect(store.read().members).toEqual({})
  })

  test("an outage cools the whole member and skips its other keys", async () => {
    const keys = (name: string) => (name === "a/x" ? ["k1", "k2"] : [])
    const otherKey = member("a2")
    const { pool, store } = setup({ "a/x#k1": member("a", [503]), "a/x#k2": otherKey, "b/y": member("b") }, {}, keys)
    expect(await answer(pool)).toBe("b")
    expect(otherKey.doStreamCalls).toHaveLength(0)
    expect(Object.keys(store.read().members)).toEqual(["a/x"])
    expect(pool.plan().map((attempt) => attempt.healthId)).toEqual(["b/y", "a/x#k1", "a/x#k2"])
  })

  test("a preferred member goes first and the others follow in plan order", async () => {
    const order: string[] = []
    const tracked = (name: string, failures: number[]) => {
      const model = member(name, failures)
      const original = model.doStream
      model.doStream = (options) => {
        order.push(name)
        return original(options)
      }
      return model
    }
    const models = { "a/x": tracked("a", [503]), "b/y": tracked("b", []), "c/z": tracked("c", [429]) }
    const { pool } = setup(models, {}, undefined, "c/z")
    expect(await answer(pool)).toBe("b")
    expect(order).toEqual(["c", "a", "b"])
  })

  test("a cooling preferred member waits its turn: the next call starts on a healthy one until the expiry", async () => {
    const primary = member("a", [429])
    const backup = member("b")
    const { pool, clock } = setup({ "a/x": primary, "b/y": backup }, {}, undefined, "a/x")
    expect(await answer(pool)).toBe("b")
    expect(primary.doStreamCalls).toHaveLength(1)

    expect(await answer(pool)).toBe("b")
    expect(primary.doStreamCalls).toHaveLength(1)

    clock.now += 60_000
    expect(await answer(pool)).toBe("a")
    expect(primary.doStreamCalls).toHaveLength(2)
  })

  test("after a failure past the commit point, the host's retry with the same preferred member goes elsewhere", async () => {
    const cut = new MockLanguageModelV3({
      doStream: async () => ({
        stream: convertArrayToReadableStream([
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "half" },
          { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
        ]),
      }),
    })
    const { pool, store } = setup({ "a/x": cut, "b/y": member("b") }, {}, undefined, "a/x")
    expect(await answer(pool)).toBe("half")
    expect(store.read().members["a/x"]).toMatchObject({ condition: "provider_unavailable" })
    expect(await answer(pool)).toBe("b")
    expect(cut.doStreamCalls).toHaveLength(1)
  })

  test("a preferred member whose one key cools starts on its other key", async () => {
    const keys = (name: string) => (name === "b/y" ? ["k1", "k2"] : [])
    const { pool } = setup(
      { "a/x": member("a"), "b/y#k1": member("b-k1", [429]), "b/y#k2": member("b-k2") },
      {},
      keys,
      "b/y",
    )
    expect(await answer(pool)).toBe("b-k2")
    expect(pool.plan().map((attempt) => attempt.healthId)).toEqual(["a/x", "b/y#k2", "b/y#k1"])
    expect(await answer(pool)).toBe("b-k2")
  })

  test("a Gemini daily quota with an 11 s RetryInfo cools the member for the quota cooldown", async () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: "You exceeded your current quota, please check your plan and billing details.",
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [
              {
                quotaMetric: "generativelanguage.googleapis.com/generate_content_free_tier_requests",
                quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
                quotaValue: "50",
              },
            ],
          },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "11s" },
        ],
      },
    })
    const gemini = failingWith(429, body)
    const { pool, store, clock } = setup({ "google/gemini": gemini, "b/y": member("b") })
    expect(await answer(pool)).toBe("b")
    expect(store.read().members["google/gemini"]).toMatchObject({
      quota: true,
      until: clock.now + DEFAULT_POLICY.cooldown.quotaMs,
    })
    clock.now += 11_000
    expect(await answer(pool)).toBe("b")
    expect(gemini.doStreamCalls).toHaveLength(1)
  })

  test("a member whose model does not exist falls back and sits out for the quota cooldown", async () => {
    const body = JSON.stringify({
      error: {
        message: "The model `gpt-9` does not exist or you do not have access to it.",
        type: "invalid_request_error",
        param: null,
        code: "model_not_found",
      },
    })
    const missing = failingWith(404, body)
    const { pool, store, clock } = setup({ "openai/gpt-9": missing, "b/y": member("b") }, { retries: 2 })
    expect(await answer(pool)).toBe("b")
    expect(missing.doStreamCalls).toHaveLength(1)
    expect(store.read().members["openai/gpt-9"]).toMatchObject({
      condition: "provider_unavailable",
      until: clock.now + DEFAULT_POLICY.cooldown.quotaMs,
    })
  })
})

/** The error a call of the pool threw. */
async function failure(model: LanguageModelV3): Promise<PoolExhaustedError> {
  const error = await model.doStream({ prompt: [] }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!PoolExhaustedError.isInstance(error)) throw new Error(`expected PoolExhaustedError, got ${String(error)}`)
  return error
}

const PAST_HORIZON_S = String(RETRY_HORIZON_MS / 1000 + 1)

describe("a pool that failed as a whole", () => {
  test("asks to be retried when its earliest member recovers, not sooner", async () => {
    const { pool } = setup({ "a/x": member("a", [429]), "b/y": failingWith(401, "Unauthorized") })
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "after", inMs: 60_000 })
    expect(error.isRetryable).toBe(true)
    expect(error.responseHeaders).toEqual({ "retry-after-ms": "60000", "retry-after": "60" })
    expect(error.message).toContain("usable again in 60s")
  })

  test("asks for no wait of its own when its members cool on the pool's guesses: the caller backs off as for the provider's error", async () => {
    const { pool } = setup({
      "a/x": failingWith(503, "Service Unavailable", { "x-request-id": "r1" }),
      "b/y": failingWith(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', {
        "request-id": "r2",
      }),
    })
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "unknown" })
    // The last provider error as a lone model would have thrown it: its status, headers and retryability.
    expect(error.statusCode).toBe(529)
    expect(error.responseHeaders).toEqual({ "request-id": "r2" })
    expect(error.isRetryable).toBe(false)
    expect(error.message).toContain("a/x: provider_unavailable (503)")
    expect(error.message).toContain("b/y: provider_unavailable (529)")
  })

  test("keeps asking for no wait of its own when its guesses escalate past the horizon: only a provider or a quota ends the retries", async () => {
    const { pool, store, clock } = setup({ "a/x": failingWith(503, "down"), "b/y": failingWith(529, "Overloaded") })
    const kinds: string[] = []
    for (let call = 0; call < 4; call++) {
      kinds.push((await failure(pool)).recovery.kind)
      clock.now += 1_000
    }
    // 30 s, 2 min, 8 min, 30 min: still the caller's own back-off, as for a lone model's 529.
    expect(store.read().members["a/x"]?.failures).toBe(4)
    expect(kinds).toEqual(["unknown", "unknown", "unknown", "unknown"])
  })

  test("passes on the providers' own Retry-After when every member asked for one", async () => {
    const told = { "retry-after": "30" }
    const { pool } = setup({ "a/x": failingWith(503, "down", told), "b/y": failingWith(529, "Overloaded", told) })
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "after", inMs: 30_000 })
    expect(error.responseHeaders).toEqual({ "retry-after-ms": "30000", "retry-after": "30" })
  })

  test("a burst of calls that fail together is one incident: the cooldown does not escalate per call", async () => {
    const down = failingWith(503, "down")
    const { pool, store, clock } = setup({ "a/x": down, "b/y": member("b") })
    expect(await Promise.all([answer(pool), answer(pool), answer(pool), answer(pool)])).toEqual(["b", "b", "b", "b"])
    expect(down.doStreamCalls).toHaveLength(4)
    expect(store.read().members["a/x"]).toMatchObject({ failures: 1, until: clock.now + 30_000 })
    // A call sent after the incident was recorded, once the cooldown is over, is a new failure.
    clock.now += 40_000
    expect(await answer(pool)).toBe("b")
    expect(store.read().members["a/x"]).toMatchObject({ failures: 2, until: clock.now + 120_000 })
  })

  test("a member the call did not reach counts as usable now", async () => {
    // A bad request is no reason to move on, so the third member is never called.
    const { pool } = setup(
      { "a/x": member("a", [429]), "b/y": failingWith(400, "bad request"), "c/z": member("c") },
      { fallbackOn: ["rate_limit"] },
    )
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "after", inMs: 0 })
    expect(error.responseHeaders?.["retry-after-ms"]).toBe("1")
  })

  test("with no member that recovers by itself, it is not retryable and gives no reason to retry", async () => {
    const { pool } = setup({
      "a/x": failingWith(429, "Rate limit reached", { "retry-after": PAST_HORIZON_S }),
      "b/y": failingWith(401, "Unauthorized"),
    })
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "none" })
    expect(error.isRetryable).toBe(false)
    expect(error.statusCode).toBe(401)
    expect(error.responseHeaders).toBeUndefined()
    expect(error.responseBody).toBeUndefined()
    expect(error.message).toBe(
      "No member of assistant can answer now, and none recovers within about 5 min: a/x is over its request or quota limits; b/y rejected its credentials",
    )
  })

  test("a recovery past the horizon is no recovery: no 5xx status, no retry phrases, no Retry-After", async () => {
    const { pool } = setup({
      "a/x": failingWith(429, "Rate limit reached", { "retry-after": PAST_HORIZON_S }),
      "b/y": failingWith(503, "Service Unavailable: try again later", { "retry-after": PAST_HORIZON_S }),
    })
    const error = await failure(pool)
    expect(error.recovery).toEqual({ kind: "none" })
    expect(error.statusCode).toBeUndefined()
    expect(error.isRetryable).toBe(false)
    expect(error.message).toContain("b/y could not be reached or was not working")
    expect(error.message).not.toMatch(/429|503|rate limit|unavailable|try again/i)
  })
})

/** A member that always fails with this status and vendor body, as the provider package would throw it. */
function failingWith(status: number, body: string, headers: Record<string, string> = {}): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => {
      throw new APICallError({
        message: "vendor error",
        url: "http://127.0.0.1",
        requestBodyValues: {},
        statusCode: status,
        responseHeaders: headers,
        responseBody: body,
        isRetryable: status === 429,
      })
    },
  })
}

/** A member that answers with its name and sends these response headers; counts the calls it gets. */
function answering(name: string, headers: Record<string, string> = {}) {
  const calls: number[] = []
  const model = new MockLanguageModelV3({
    doStream: async () => {
      calls.push(1)
      return {
        stream: convertArrayToReadableStream([
          { type: "text-delta" as const, id: "t", delta: name },
          { type: "finish" as const, finishReason: { unified: "stop" as const, raw: "stop" }, usage },
        ]),
        response: { headers },
      }
    },
  })
  return { model, calls }
}

describe("ahead of limits", () => {
  test("an answer that says the request window is spent cools the member until it resets, without a request", async () => {
    const primary = answering("a", { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "30s" })
    const backup = answering("b")
    const { pool, store, clock } = setup({ "a/x": primary.model, "b/y": backup.model })
    const told: unknown[] = []
    const noticed = createPoolModel({
      pool: { name: "p", members: ["a/x", "b/y"], policy: DEFAULT_POLICY },
      store,
      build: (name) => (name === "a/x" ? primary.model : backup.model),
      clock: () => clock.now,
      onAheadOfLimit: (notice) => told.push(notice),
    })
    expect(await answer(noticed)).toBe("a")
    expect(store.read().members["a/x"]).toMatchObject({
      until: clock.now + 30_000,
      condition: "rate_limit",
      told: true,
      ahead: true,
    })
    expect(told).toEqual([{ member: "a/x", until: clock.now + 30_000, reason: "x-ratelimit-remaining-requests: 0" }])
    // The next call goes to the backup: the primary gets no request while its window is spent.
    expect(await answer(pool)).toBe("b")
    expect(primary.calls.length).toBe(1)
    clock.now += 30_000
    expect(await answer(pool)).toBe("a")
    expect(primary.calls.length).toBe(2)
  })

  test("fewer tokens left than the call's size cools the member too; enough tokens do not", async () => {
    const headers = { "x-ratelimit-remaining-tokens": "100", "x-ratelimit-reset-tokens": "10s" }
    const small = setup({ "a/x": answering("a", headers).model, "b/y": answering("b").model })
    await answer(small.pool)
    expect(small.store.read().members["a/x"]).toBeUndefined()
    const big = setup({ "a/x": answering("a", headers).model, "b/y": answering("b").model })
    const { stream } = await big.pool.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "x".repeat(4_000) }] }],
    })
    await convertReadableStreamToArray(stream)
    expect(big.store.read().members["a/x"]).toMatchObject({ ahead: true, until: big.clock.now + 10_000 })
  })

  test("a pool that does not fall back on rate limits stays on the member, as a lone model would", async () => {
    const primary = answering("a", { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "30s" })
    const { pool } = setup({ "a/x": primary.model, "b/y": answering("b").model }, { fallbackOn: ["timeout"] })
    expect(await answer(pool)).toBe("a")
    expect(await answer(pool)).toBe("a")
  })
})

describe("fit before the call", () => {
  test("a member whose window cannot hold the call is passed by, and the pass is in the attempts", async () => {
    const primary = member("a", [429])
    const tiny = answering("t")
    const large = answering("l")
    const store = createMemoryHealthStore()
    const windows: Record<string, number> = { "a/x": 128_000, "t/tiny": 8_000, "l/large": 200_000 }
    const pool = createPoolModel({
      pool: { name: "p", members: ["a/x", "t/tiny", "l/large"], policy: { ...DEFAULT_POLICY, retries: 0 } },
      store,
      build: (name) => ({ "a/x": primary, "t/tiny": tiny.model, "l/large": large.model })[name] ?? primary,
      catalog: (name) => ({ contextWindow: windows[name], outputLimit: 1_000 }),
    })
    const { stream } = await pool.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "x".repeat(80_000) }] }],
    })
    const parts = await convertReadableStreamToArray(stream)
    expect(tiny.calls.length).toBe(0)
    const finish = parts.find((part) => part.type === "finish")
    const report = finish?.type === "finish" ? finish.providerMetadata?.modelPool : undefined
    expect(report).toMatchObject({
      member: "l/large",
      attempts: [
        { member: "a/x", condition: "rate_limit" },
        { member: "t/tiny", skipped: "context 8000 < ~21000 tokens", message: "skipped: context 8000 < ~21000 tokens" },
      ],
    })
    // A pass is no failure: the member's health is untouched.
    expect(store.read().members["t/tiny"]).toBeUndefined()
  })

  test("an image call passes a text-only member by for one that takes images; a text call does not", async () => {
    const blind = answering("blind")
    const seeing = answering("seeing")
    const pool = createPoolModel({
      pool: { name: "p", members: ["b/blind", "s/seeing"], policy: DEFAULT_POLICY },
      store: createMemoryHealthStore(),
      build: (name) => (name === "b/blind" ? blind.model : seeing.model),
      catalog: (name) => ({ input: name === "b/blind" ? [] : ["image"] }),
    })
    const image = await pool.doStream({
      prompt: [{ role: "user", content: [{ type: "file", mediaType: "image/png", data: "aGk=" }] }],
    })
    expect(
      (await convertReadableStreamToArray(image.stream)).some((p) => p.type === "text-delta" && p.delta === "seeing"),
    ).toBe(true)
    expect(await answer(pool)).toBe("blind")
    expect(blind.calls.length).toBe(1)
  })
})

describe("fit before the call, for the member the host prepared the call for", () => {
  test("is never passed by, whatever the estimate says", async () => {
    const tiny = answering("tiny")
    const pool = createPoolModel({
      pool: { name: "p", members: ["t/tiny", "l/large"], policy: DEFAULT_POLICY },
      store: createMemoryHealthStore(),
      build: (name) => (name === "t/tiny" ? tiny.model : answering("large").model),
      catalog: (name) => ({ contextWindow: name === "t/tiny" ? 8_000 : 200_000 }),
      preferred: () => "t/tiny",
    })
    const { stream } = await pool.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "x".repeat(80_000) }] }],
    })
    await convertReadableStreamToArray(stream)
    expect(tiny.calls.length).toBe(1)
  })
})

describe("fault drills", () => {
  test("a drilled member fails at once with its condition, without a request; the pool falls back and records nothing", async () => {
    const primary = answering("a")
    const backup = answering("b")
    const store = createMemoryHealthStore()
    const pool = createPoolModel({
      pool: { name: "p", members: ["a/x", "b/y"], policy: DEFAULT_POLICY },
      store,
      build: (name) => (name === "a/x" ? primary.model : backup.model),
      drill: (member) => (member === "a/x" ? "rate_limit" : undefined),
    })
    const { stream } = await pool.doStream({ prompt: [] })
    const parts = await convertReadableStreamToArray(stream)
    const finish = parts.find((part) => part.type === "finish")
    const report = finish?.type === "finish" ? finish.providerMetadata?.modelPool : undefined
    expect(report).toMatchObject({
      member: "b/y",
      attempts: [
        {
          member: "a/x",
          condition: "rate_limit",
          drill: true,
          message: "drill: a/x plays rate_limit (no request was sent)",
        },
      ],
    })
    expect(primary.calls.length).toBe(0)
    expect(store.read().members).toEqual({})
    // Every call plays it again: the drill is watched turn after turn, never cooled away.
    expect(await answer(pool)).toBe("b")
    expect(primary.calls.length).toBe(0)
  })

  test("a drill is never retried, whatever `retries` says", async () => {
    let failures = 0
    const backup = answering("b")
    const pool = createPoolModel({
      pool: { name: "p", members: ["a/x", "b/y"], policy: { ...DEFAULT_POLICY, retries: 3 } },
      store: createMemoryHealthStore(),
      build: (name) => (name === "a/x" ? answering("a").model : backup.model),
      drill: (member) => (member === "a/x" ? "provider_unavailable" : undefined),
      observer: { failure: () => void failures++ },
    })
    expect(await answer(pool)).toBe("b")
    expect(failures).toBe(1)
    expect(backup.calls.length).toBe(1)
  })
})
