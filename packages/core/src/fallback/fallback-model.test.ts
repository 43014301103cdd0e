import { APICallError, type LanguageModelV3, type LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { generateText, streamText } from "ai"
import { convertArrayToReadableStream, convertReadableStreamToArray, MockLanguageModelV3 } from "ai/test"
import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY, type ResolvedPolicy } from "../config/defaults.ts"
import type { Attempt } from "./attempt.ts"
import { createFallbackModel, METADATA_KEY, type Candidate, type FallbackSettings } from "./fallback-model.ts"
import { PoolExhaustedError } from "./pool-error.ts"

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 2, text: 2, reasoning: 0 },
}

function textParts(text: string): LanguageModelV3StreamPart[] {
  return [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "r", modelId: "m" },
    { type: "text-start", id: "t" },
    { type: "text-delta", id: "t", delta: text },
    { type: "text-end", id: "t" },
    { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
  ]
}

function answering(text: string): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => ({ stream: convertArrayToReadableStream(textParts(text)) }),
    doGenerate: async () => ({
      content: [{ type: "text", text }],
      finishReason: { unified: "stop", raw: "stop" },
      usage,
      warnings: [],
    }),
  })
}

function apiError(status: number, body: string, headers: Record<string, string> = {}): APICallError {
  return new APICallError({
    message: body,
    url: "http://127.0.0.1/v1/chat/completions",
    requestBodyValues: { secret_prompt: "do not leak" },
    statusCode: status,
    responseHeaders: headers,
    responseBody: body,
    isRetryable: status === 429 || status >= 500,
  })
}

function failing(error: unknown): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async () => {
      throw error
    },
    doGenerate: async () => {
      throw error
    },
  })
}

/** A model that accepts the call and never sends anything until the call is aborted. */
function silent(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    doStream: async (options) => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: "stream-start", warnings: [] })
          options.abortSignal?.addEventListener("abort", () => controller.error(options.abortSignal?.reason))
        },
      }),
    }),
  })
}

function streaming(parts: LanguageModelV3StreamPart[]): MockLanguageModelV3 {
  return new MockLanguageModelV3({ doStream: async () => ({ stream: convertArrayToReadableStream(parts) }) })
}

function candidate(member: string, model: LanguageModelV3, extra: Partial<Candidate> = {}): Candidate {
  return { member, model, ...extra }
}

function pool(candidates: Candidate[], policy: Partial<ResolvedPolicy> = {}, extra: Partial<FallbackSettings> = {}) {
  const events: string[] = []
  const model = createFallbackModel({
    name: "assistant",
    policy: { ...DEFAULT_POLICY, ...policy },
    candidates: () => candidates,
    observer: {
      failure: (c, classification) =>
        void events.push(`failure ${c.member}${c.key ? `#${c.key}` : ""} ${classification.condition}`),
      fallback: (from, to) => void events.push(`fallback ${from.member} -> ${to.member}`),
      success: (c) => void events.push(`success ${c.member}${c.key ? `#${c.key}` : ""}`),
    },
    ...extra,
  })
  return { model, events }
}

function attemptsOf(metadata: unknown): Attempt[] {
  return (metadata as { attempts: Attempt[] }).attempts
}

async function streamAll(model: LanguageModelV3, abortSignal?: AbortSignal) {
  const result = streamText({ model, prompt: "hello", maxRetries: 0, abortSignal, onError: () => undefined })
  const text = await result.text
  const metadata = (await result.providerMetadata)?.[METADATA_KEY]
  return { text, metadata }
}

describe("streaming fallback", () => {
  test("a healthy primary answers alone and the report names it with no attempts", async () => {
    const second = answering("from b")
    const { model, events } = pool([candidate("a/x", answering("from a")), candidate("b/y", second)])
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("from a")
    expect(metadata).toEqual({ pool: "assistant", member: "a/x", attempts: [] })
    expect(METADATA_KEY).toBe("modelPool")
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual(["success a/x"])
  })

  test("a rate-limited primary falls over to the next member in the same call", async () => {
    const { model, events } = pool([
      candidate(
        "a/x",
        failing(
          apiError(429, '{"error":{"message":"Rate limit reached","code":"rate_limit_exceeded"}}', {
            "retry-after": "20",
          }),
        ),
      ),
      candidate("b/y", answering("from b")),
    ])
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("from b")
    const attempts = attemptsOf(metadata)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ member: "a/x", condition: "rate_limit", status: 429, retryAfterMs: 20_000 })
    expect(events).toEqual(["failure a/x rate_limit", "fallback a/x -> b/y", "success b/y"])
  })

  test("an error part before any output is a failure of that member, replaced by the next", async () => {
    const overloaded = streaming([
      { type: "stream-start", warnings: [] },
      { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    ])
    const { model } = pool([candidate("a/x", overloaded), candidate("b/y", answering("from b"))])
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("from b")
    expect(attemptsOf(metadata)[0]?.condition).toBe("provider_unavailable")
  })

  test("a failure whose condition is not in fallback_on surfaces unchanged and no other member is called", async () => {
    const error = apiError(503, '{"error":{"message":"Service Unavailable"}}')
    const second = answering("from b")
    const { model } = pool([candidate("a/x", failing(error)), candidate("b/y", second)], { fallbackOn: ["rate_limit"] })
    await expect(model.doStream({ prompt: [] })).rejects.toBe(error)
    expect(second.doStreamCalls).toHaveLength(0)
  })

  test("after the first output part the call never switches: the error reaches the caller once", async () => {
    const second = answering("from b")
    const cut = streaming([
      { type: "stream-start", warnings: [] },
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "partial" },
      { type: "error", error: apiError(500, "stream cut") },
    ])
    const { model, events } = pool([candidate("a/x", cut), candidate("b/y", second)])
    const { stream } = await model.doStream({ prompt: [] })
    const parts = await convertReadableStreamToArray(stream)
    expect(parts.map((part) => part.type)).toEqual(["stream-start", "text-start", "text-delta", "error"])
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual(["success a/x", "failure a/x provider_unavailable"])
  })

  test("a tool call is emitted exactly once, by the member that committed", async () => {
    const tool = streaming([
      { type: "stream-start", warnings: [] },
      { type: "tool-call", toolCallId: "c1", toolName: "bash", input: '{"command":"ls"}' },
      { type: "finish", finishReason: { unified: "tool-calls", raw: "tool_calls" }, usage },
    ])
    const { model } = pool([candidate("a/x", failing(apiError(429, "slow down"))), candidate("b/y", tool)])
    const { stream } = await model.doStream({ prompt: [] })
    const parts = await convertReadableStreamToArray(stream)
    expect(parts.filter((part) => part.type === "tool-call")).toHaveLength(1)
  })

  test("a member silent past the first-token deadline fails with timeout and the next answers", async () => {
    const { model, events } = pool([candidate("a/x", silent()), candidate("b/y", answering("from b"))], {
      firstTokenTimeoutMs: 50,
    })
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("from b")
    expect(attemptsOf(metadata)[0]).toMatchObject({ member: "a/x", condition: "timeout" })
    expect(events[0]).toBe("failure a/x timeout")
  })

  test("the caller's abort stops everything at once and is never a fallback", async () => {
    const second = answering("from b")
    const { model, events } = pool([candidate("a/x", silent()), candidate("b/y", second)], {
      firstTokenTimeoutMs: undefined,
    })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    await expect(model.doStream({ prompt: [], abortSignal: controller.signal })).rejects.toThrow()
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual([])
  })

  test("when every member fails, one error lists each attempt, keeps the last retryability and leaks nothing", async () => {
    const { model } = pool([
      candidate("a/x", failing(apiError(429, "Incorrect API key provided: sk-proj-abcdefghijklmnop1234"))),
      candidate(
        "b/y",
        failing(apiError(529, '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}')),
      ),
    ])
    const error = await model.doStream({ prompt: [] }).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    if (!PoolExhaustedError.isInstance(error)) throw new Error(`expected PoolExhaustedError, got ${String(error)}`)
    expect(APICallError.isInstance(error)).toBe(true)
    expect(error.isRetryable).toBe(true)
    expect(error.statusCode).toBe(529)
    expect(error.attempts.map((attempt) => [attempt.member, attempt.condition])).toEqual([
      ["a/x", "rate_limit"],
      ["b/y", "provider_unavailable"],
    ])
    expect(error.message).toContain("a/x: rate_limit (429)")
    expect(error.message).toContain("b/y: provider_unavailable (529)")
    const everything = JSON.stringify({
      message: error.message,
      data: error.data,
      body: error.responseBody,
      request: error.requestBodyValues,
    })
    expect(everything).not.toContain("sk-proj-abcdefghijklmnop1234")
    expect(everything).not.toContain("do not leak")
  })

  test("a context overflow skips members whose window is not larger", async () => {
    const small = answering("small")
    const { model } = pool([
      candidate("a/x", failing(apiError(400, "prompt is too long: 210000 tokens > 200000 maximum")), {
        contextWindow: 200_000,
      }),
      candidate("b/y", small, { contextWindow: 128_000 }),
      candidate("c/z", answering("from big"), { contextWindow: 1_000_000 }),
    ])
    expect((await streamAll(model)).text).toBe("from big")
    expect(small.doStreamCalls).toHaveLength(0)
  })

  test("a context overflow with no larger member surfaces the provider's own overflow error", async () => {
    const overflow = apiError(400, "prompt is too long: 210000 tokens > 200000 maximum")
    const { model } = pool([
      candidate("a/x", failing(overflow), { contextWindow: 200_000 }),
      candidate("b/y", answering("small"), { contextWindow: 128_000 }),
    ])
    await expect(model.doStream({ prompt: [] })).rejects.toBe(overflow)
  })

  test("retries repeat a member after a short transient failure before moving on", async () => {
    const calls = { count: 0 }
    const flaky = new MockLanguageModelV3({
      doStream: async () => {
        calls.count++
        if (calls.count === 1) throw apiError(503, "busy")
        return { stream: convertArrayToReadableStream(textParts("second try")) }
      },
    })
    const waits: number[] = []
    const timers = { wait: async (ms: number) => void waits.push(ms) }
    const { model } = pool([candidate("a/x", flaky), candidate("b/y", answering("from b"))], { retries: 1 }, { timers })
    expect((await streamAll(model)).text).toBe("second try")
    expect(calls.count).toBe(2)
    expect(waits).toEqual([500])
  })

  test("a rejected key rotates to the member's next key even when auth is not a fallback condition", async () => {
    const third = answering("from c")
    const { model, events } = pool([
      candidate("a/x", failing(apiError(401, '{"error":{"code":"invalid_api_key"}}')), { key: "k1" }),
      candidate("a/x", answering("from k2"), { key: "k2" }),
      candidate("c/z", third),
    ])
    expect((await streamAll(model)).text).toBe("from k2")
    expect(events).toEqual(["failure a/x#k1 auth", "fallback a/x -> a/x", "success a/x#k2"])
  })

  test("each member gets the call as its prepare function adapts it", async () => {
    const first = failing(apiError(429, "slow down"))
    const second = answering("ok")
    const { model } = pool([
      candidate("a/x", first),
      candidate("b/y", second, {
        prepare: (options) => ({
          ...options,
          providerOptions: { anthropic: { ...options.providerOptions?.openai, thinking: true } },
        }),
      }),
    ])
    await model.doStream({ prompt: [], providerOptions: { openai: { user: "u1" } } })
    expect(first.doStreamCalls[0]?.providerOptions).toEqual({ openai: { user: "u1" } })
    expect(second.doStreamCalls[0]?.providerOptions).toEqual({ anthropic: { user: "u1", thinking: true } })
  })

  test("an AI SDK 7 custom or reasoning-file part is output: the call commits to its member", async () => {
    for (const part of [
      { type: "custom", kind: "openai.compaction", providerMetadata: {} },
      { type: "reasoning-file", mediaType: "image/png", data: "AAAA" },
    ]) {
      const second = answering("b")
      const { model, events } = pool([
        candidate(
          "a/x",
          streaming([{ type: "stream-start", warnings: [] }, part as unknown as LanguageModelV3StreamPart]),
        ),
        candidate("b/y", second),
      ])
      const { stream } = await model.doStream({ prompt: [] })
      const parts = await convertReadableStreamToArray(stream)
      expect(parts.map((entry): string => entry.type)).toContain(part.type)
      expect(second.doStreamCalls).toHaveLength(0)
      expect(events).toEqual(["success a/x"])
    }
  })

  test("the next member's call is shaped while the first member's try waits, and once per call", async () => {
    const prepared: string[] = []
    let fail: (error: unknown) => void = () => undefined
    const first = new MockLanguageModelV3({
      doStream: () =>
        new Promise((_, reject) => {
          fail = reject
        }),
    })
    const second = answering("ok")
    const { model } = pool([
      candidate("a/x", first, { prepare: (options) => (prepared.push("a/x"), options) }),
      candidate("b/y", second, { prepare: (options) => (prepared.push("b/y"), options) }),
    ])
    const call = model.doStream({ prompt: [] })
    const tick = () => new Promise((resolve) => setImmediate(resolve))
    while (first.doStreamCalls.length === 0) await tick()
    // A turn of the event loop after the first try's request went out: the backup's call is ready before it fails.
    await tick()
    expect(prepared).toEqual(["a/x", "b/y"])
    fail(apiError(400, "bad request"))
    await Promise.resolve(call).catch(() => undefined)
    expect(prepared).toEqual(["a/x", "b/y"])
  })

  test("a member whose try answers at once has no backup shaped for it", async () => {
    const prepared: string[] = []
    const { model } = pool([
      candidate("a/x", answering("ok"), { prepare: (options) => (prepared.push("a/x"), options) }),
      candidate("b/y", answering("b"), { prepare: (options) => (prepared.push("b/y"), options) }),
    ])
    await streamAll(model)
    await new Promise((resolve) => setImmediate(resolve))
    expect(prepared).toEqual(["a/x"])
  })

  test("a retried member is shaped once, and a prepare that throws ahead fails only its own try", async () => {
    let shaped = 0
    const flaky = failing(apiError(503, "overloaded"))
    const { model, events } = pool(
      [
        candidate("a/x", flaky, { prepare: (options) => (shaped++, options) }),
        candidate("b/y", answering("b"), {
          prepare: () => {
            throw new Error("cannot shape for b/y")
          },
        }),
      ],
      { retries: 1 },
      { timers: { wait: async () => undefined } },
    )
    await expect(streamAll(model)).rejects.toThrow()
    expect(shaped).toBe(1)
    expect(flaky.doStreamCalls).toHaveLength(2)
    expect(events).toEqual([
      "failure a/x provider_unavailable",
      "failure a/x provider_unavailable",
      "fallback a/x -> b/y",
      "failure b/y other",
    ])
  })
})

describe("non-streaming fallback", () => {
  test("generate falls over and reports the answering member in provider metadata", async () => {
    const { model } = pool([candidate("a/x", failing(apiError(500, "boom"))), candidate("b/y", answering("from b"))])
    const result = await generateText({ model, prompt: "hi", maxRetries: 0 })
    expect(result.text).toBe("from b")
    expect(result.providerMetadata?.[METADATA_KEY]).toMatchObject({
      member: "b/y",
      attempts: [{ member: "a/x", condition: "provider_unavailable" }],
    })
  })

  test("a generate call past the deadline fails with timeout", async () => {
    const slow = new MockLanguageModelV3({ doGenerate: () => new Promise(() => undefined) })
    const { model } = pool([candidate("a/x", slow), candidate("b/y", answering("from b"))], { firstTokenTimeoutMs: 30 })
    expect((await generateText({ model, prompt: "hi", maxRetries: 0 })).text).toBe("from b")
  })
})

/** What a host that REPLACES a part's stored metadata with any it meets ends up holding per part. */
function storedByHost(parts: readonly LanguageModelV3StreamPart[]): Record<string, unknown> {
  const stored: Record<string, unknown> = {}
  for (const part of parts) {
    if (!("id" in part) || !("providerMetadata" in part) || part.providerMetadata === undefined) continue
    const kind = part.type.split("-")[0]
    if (kind === "text" || kind === "reasoning") stored[`${kind}:${part.id}`] = part.providerMetadata
  }
  return stored
}

describe("provider metadata through the pool", () => {
  const thinking = (end: Partial<Extract<LanguageModelV3StreamPart, { type: "reasoning-end" }>> = {}) =>
    streaming([
      { type: "stream-start", warnings: [] },
      { type: "reasoning-start", id: "0" },
      { type: "reasoning-delta", id: "0", delta: "let me think" },
      { type: "reasoning-delta", id: "0", delta: "", providerMetadata: { anthropic: { signature: "sig-1" } } },
      { type: "reasoning-end", id: "0", ...end },
      { type: "text-start", id: "1" },
      { type: "text-delta", id: "1", delta: "hi", providerMetadata: { openai: { itemId: "msg_1" } } },
      { type: "text-end", id: "1" },
      { type: "finish", finishReason: { unified: "stop", raw: "end_turn" }, usage },
    ])

  test("a thinking signature sent on a reasoning delta survives a host that replaces metadata per part", async () => {
    const { model } = pool([candidate("a/x", thinking())])
    const parts = await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
    const stored = storedByHost(parts)
    expect(stored["reasoning:0"]).toMatchObject({
      anthropic: { signature: "sig-1" },
      [METADATA_KEY]: { member: "a/x" },
    })
    expect(stored["text:1"]).toMatchObject({ openai: { itemId: "msg_1" }, [METADATA_KEY]: { member: "a/x" } })
  })

  test("an end part's own provider metadata is kept as the provider sent it, with the report beside it", async () => {
    const { model } = pool([candidate("a/x", thinking({ providerMetadata: { anthropic: { redactedData: "r" } } }))])
    const parts = await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
    const end = parts.find((part) => part.type === "reasoning-end")
    expect(Object.keys(end?.providerMetadata ?? {})).toEqual(["anthropic", METADATA_KEY])
    expect(end?.providerMetadata?.anthropic).toEqual({ redactedData: "r" })
  })

  test("the metadata of one part never leaks onto another part's end", async () => {
    const { model } = pool([
      candidate(
        "a/x",
        streaming([
          { type: "reasoning-start", id: "0", providerMetadata: { anthropic: { signature: "sig-0" } } },
          { type: "reasoning-end", id: "0" },
          { type: "reasoning-start", id: "1" },
          { type: "reasoning-end", id: "1" },
          { type: "text-start", id: "0" },
          { type: "text-end", id: "0" },
          { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
        ]),
      ),
    ])
    const parts = await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
    const ends = parts.filter((part) => part.type === "reasoning-end" || part.type === "text-end")
    expect(ends.map((part) => Object.keys(part.providerMetadata ?? {}))).toEqual([
      ["anthropic", METADATA_KEY],
      [METADATA_KEY],
      [METADATA_KEY],
    ])
  })
})

describe("in-stream failures before the first output", () => {
  const emptyFinish = (raw: unknown[] = [], unified: "other" | "error" | "stop" | "length" = "other") =>
    streaming([
      { type: "stream-start", warnings: [] },
      ...raw.map((rawValue): LanguageModelV3StreamPart => ({ type: "raw", rawValue })),
      {
        type: "finish",
        finishReason: { unified, raw: undefined },
        usage: { inputTokens: {} as never, outputTokens: {} as never },
      },
    ])

  test("an empty answer ending as other with a Gemini 503 in the raw chunks falls back as provider_unavailable", async () => {
    const gemini = emptyFinish([
      { error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } },
    ])
    const { model, events } = pool([candidate("a/x", gemini), candidate("b/y", answering("from b"))])
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("from b")
    expect(attemptsOf(metadata)[0]).toMatchObject({ member: "a/x", condition: "provider_unavailable", status: 503 })
    expect(attemptsOf(metadata)[0]?.message).toContain("The model is overloaded")
    expect(events).toEqual(["failure a/x provider_unavailable", "fallback a/x -> b/y", "success b/y"])
    expect(gemini.doStreamCalls[0]?.includeRawChunks).toBe(true)
  })

  test("an empty answer with a Gemini RESOURCE_EXHAUSTED in the raw chunks is a rate limit with its retry delay", async () => {
    const gemini = emptyFinish([
      {
        error: {
          code: 429,
          message: "Resource has been exhausted (e.g. check quota).",
          status: "RESOURCE_EXHAUSTED",
          details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "7s" }],
        },
      },
    ])
    const { model } = pool([candidate("a/x", gemini), candidate("b/y", answering("from b"))])
    const { metadata } = await streamAll(model)
    expect(attemptsOf(metadata)[0]).toMatchObject({ condition: "rate_limit", status: 429, retryAfterMs: 7_000 })
  })

  test("an empty answer ending as other or error without evidence is provider_unavailable and says so", async () => {
    for (const unified of ["other", "error"] as const) {
      const { model } = pool([candidate("a/x", emptyFinish([], unified)), candidate("b/y", answering("from b"))])
      const { text, metadata } = await streamAll(model)
      expect(text).toBe("from b")
      expect(attemptsOf(metadata)[0]).toMatchObject({
        condition: "provider_unavailable",
        message: `empty answer (finish reason ${unified})`,
      })
    }
  })

  test("an empty answer that stopped or hit the length limit is still an answer", async () => {
    for (const unified of ["stop", "length"] as const) {
      const second = answering("from b")
      const { model, events } = pool([candidate("a/x", emptyFinish([], unified)), candidate("b/y", second)])
      const parts = await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
      expect(parts.map((part) => part.type)).toEqual(["stream-start", "finish"])
      expect(second.doStreamCalls).toHaveLength(0)
      expect(events).toEqual(["success a/x"])
    }
  })

  test("a lone member's empty answer surfaces as an error rather than an answer", async () => {
    const { model } = pool([candidate("a/x", emptyFinish())])
    await expect(model.doStream({ prompt: [] })).rejects.toThrow("empty answer (finish reason other)")
  })

  test("raw chunks the pool asked for are dropped, and kept when the caller asked for them", async () => {
    const withRaw = () =>
      streaming([
        { type: "stream-start", warnings: [] },
        { type: "raw", rawValue: { before: true } },
        { type: "text-start", id: "t" },
        { type: "raw", rawValue: { after: true } },
        { type: "text-delta", id: "t", delta: "hi" },
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
      ])
    const quiet = pool([candidate("a/x", withRaw())]).model
    const dropped = await convertReadableStreamToArray((await quiet.doStream({ prompt: [] })).stream)
    expect(dropped.filter((part) => part.type === "raw")).toHaveLength(0)
    const asked = pool([candidate("a/x", withRaw())]).model
    const kept = await convertReadableStreamToArray(
      (await asked.doStream({ prompt: [], includeRawChunks: true })).stream,
    )
    expect(kept.filter((part) => part.type === "raw")).toHaveLength(2)
  })

  test("an OpenRouter error object after output passes through and is recorded as the member's failure", async () => {
    const second = answering("from b")
    const error = { code: 429, message: "Rate limit exceeded" }
    const { model, events } = pool([
      candidate(
        "a/x",
        streaming([
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "partial" },
          { type: "error", error },
          { type: "finish", finishReason: { unified: "error", raw: undefined }, usage },
        ]),
      ),
      candidate("b/y", second),
    ])
    const parts = await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
    expect(parts.find((part) => part.type === "error")).toEqual({ type: "error", error })
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual(["success a/x", "failure a/x rate_limit"])
  })
})

/** Timers a test fires by hand: nothing here waits on the machine's clock. */
function manualTimers() {
  const due: { fire: () => void; ms: number; cancelled: boolean }[] = []
  const waits: number[] = []
  return {
    due,
    waits,
    timers: {
      deadline: (fire: () => void, ms: number) => {
        const timer = { fire, ms, cancelled: false }
        due.push(timer)
        return () => {
          timer.cancelled = true
        }
      },
      wait: async (ms: number) => void waits.push(ms),
    },
    /** Every deadline that was started and not cancelled runs out now. */
    expireAll: () => {
      for (const timer of due) if (!timer.cancelled) timer.fire()
    },
  }
}

/** A stream that sends its first part, then holds the rest until the test releases it. */
function heldAfterFirstPart() {
  const gate = Promise.withResolvers<void>()
  const model = new MockLanguageModelV3({
    doStream: async (options) => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        async start(controller) {
          options.abortSignal?.addEventListener("abort", () => controller.error(options.abortSignal?.reason))
          controller.enqueue({ type: "stream-start", warnings: [] })
          controller.enqueue({ type: "text-start", id: "t" })
          controller.enqueue({ type: "text-delta", id: "t", delta: "early " })
          await gate.promise
          if (options.abortSignal?.aborted) return
          controller.enqueue({ type: "text-delta", id: "t", delta: "late" })
          controller.enqueue({ type: "text-end", id: "t" })
          controller.enqueue({ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage })
          controller.close()
        },
      }),
    }),
  })
  return { model, release: () => gate.resolve() }
}

describe("time, retries and observers", () => {
  test("the first-token deadline stops at the first output: a long pause after it never cuts the stream", async () => {
    const clock = manualTimers()
    const held = heldAfterFirstPart()
    const second = answering("from b")
    const { model, events } = pool(
      [candidate("a/x", held.model), candidate("b/y", second)],
      { firstTokenTimeoutMs: 1_000 },
      { timers: clock.timers },
    )
    const { stream } = await model.doStream({ prompt: [] })
    expect(clock.due).toHaveLength(1)
    clock.expireAll()
    held.release()
    const parts = await convertReadableStreamToArray(stream)
    const text = parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : [])).join("")
    expect(text).toBe("early late")
    expect(held.model.doStreamCalls[0]?.abortSignal?.aborted).toBe(false)
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual(["success a/x"])
  })

  test("with the real timer too, the deadline stops at the first output: the stream outlives it", async () => {
    // The first part is read before any timer can fire (no turn of the event loop in between), so this holds
    // however slow the machine is: the stream then waits 20 ms, twenty times the deadline.
    const held = heldAfterFirstPart()
    const { model } = pool([candidate("a/x", held.model), candidate("b/y", answering("from b"))], {
      firstTokenTimeoutMs: 1,
    })
    const { stream } = await model.doStream({ prompt: [] })
    setTimeout(held.release, 20)
    const parts = await convertReadableStreamToArray(stream)
    expect(parts.flatMap((part) => (part.type === "text-delta" ? [part.delta] : [])).join("")).toBe("early late")
    expect(held.model.doStreamCalls[0]?.abortSignal?.aborted).toBe(false)
  })

  test("the deadline that runs out before any output is a timeout, and the next member gets its own deadline", async () => {
    const clock = manualTimers()
    const { model, events } = pool(
      [candidate("a/x", silent()), candidate("b/y", answering("from b"))],
      { firstTokenTimeoutMs: 1_000 },
      { timers: clock.timers },
    )
    const answer = streamAll(model)
    while (clock.due.length === 0) await Bun.sleep(0)
    clock.expireAll()
    expect((await answer).text).toBe("from b")
    expect(clock.due.map((timer) => [timer.ms, timer.cancelled])).toEqual([
      [1_000, true],
      [1_000, true],
    ])
    expect(events).toEqual(["failure a/x timeout", "fallback a/x -> b/y", "success b/y"])
  })

  test("retries wait 500 ms, then twice as long; a short Retry-After is waited as sent; a long one moves on", async () => {
    const clock = manualTimers()
    const busy = failing(apiError(503, "busy"))
    const { model } = pool(
      [candidate("a/x", busy), candidate("b/y", failing(apiError(429, "slow", { "retry-after": "2" })))],
      { retries: 2 },
      { timers: clock.timers },
    )
    await expect(model.doStream({ prompt: [] })).rejects.toThrow()
    expect(busy.doStreamCalls).toHaveLength(3)
    expect(clock.waits).toEqual([500, 1_000, 2_000, 2_000])

    const long = failing(apiError(429, "slow", { "retry-after": "30" }))
    const later = manualTimers()
    const { model: second } = pool(
      [candidate("a/x", long), candidate("b/y", answering("b"))],
      { retries: 2 },
      {
        timers: later.timers,
      },
    )
    expect((await streamAll(second)).text).toBe("b")
    expect(long.doStreamCalls).toHaveLength(1)
    expect(later.waits).toEqual([])
  })

  test("outages and timeouts back off from 500 ms up to 4 s; a rate limit without a delay too; a quota never", async () => {
    const run = async (error: APICallError, retries: number) => {
      const clock = manualTimers()
      const { model } = pool([candidate("a/x", failing(error))], { retries }, { timers: clock.timers })
      await model.doStream({ prompt: [] }).then(undefined, () => undefined)
      return clock.waits
    }
    expect(await run(apiError(503, "busy"), 5)).toEqual([500, 1_000, 2_000, 4_000, 4_000])
    expect(await run(apiError(429, "slow down"), 2)).toEqual([500, 1_000])
    expect(await run(apiError(429, '{"error":{"code":"insufficient_quota","message":"quota"}}'), 2)).toEqual([])
  })

  test("a Retry-After date is read against the injected clock, before and after the clock moves", async () => {
    // A date in 2001: read against the machine's clock, the wait would be negative and clamp to 0.
    const clock = { now: Date.parse("2001-02-03T04:05:06.000Z") }
    const until = new Date(clock.now + 30_000).toUTCString()
    const limited = () => failing(apiError(429, "slow down", { "retry-after": until }))
    const run = async () => {
      const { model } = pool(
        [candidate("a/x", limited()), candidate("b/y", answering("b"))],
        {},
        { clock: () => clock.now },
      )
      return attemptsOf((await streamAll(model)).metadata)[0]?.retryAfterMs
    }
    expect(await run()).toBe(30_000)
    clock.now += 12_000
    expect(await run()).toBe(18_000)
  })

  test("a failure after the first output reads its Retry-After date against the injected clock", async () => {
    const now = Date.parse("2001-02-03T04:05:06.000Z")
    const error = apiError(429, "slow down", { "retry-after": new Date(now + 45_000).toUTCString() })
    const seen: (number | undefined)[] = []
    const model = createFallbackModel({
      name: "assistant",
      policy: DEFAULT_POLICY,
      candidates: () => [
        candidate(
          "a/x",
          streaming([
            { type: "stream-start", warnings: [] },
            { type: "text-start", id: "t" },
            { type: "text-delta", id: "t", delta: "Hel" },
            { type: "error", error },
          ]),
        ),
      ],
      observer: { failure: (_candidate, classification) => void seen.push(classification.retryAfterMs) },
      clock: () => now,
    })
    await convertReadableStreamToArray((await model.doStream({ prompt: [] })).stream)
    expect(seen).toEqual([45_000])
  })

  test("a pool with no members fails with an error that says so and is not worth retrying", async () => {
    const model = createFallbackModel({ name: "empty", policy: DEFAULT_POLICY, candidates: () => [] })
    const error = await model.doStream({ prompt: [] }).then(undefined, (caught: unknown) => caught)
    if (!PoolExhaustedError.isInstance(error)) throw new Error(`expected PoolExhaustedError, got ${String(error)}`)
    expect(error.isRetryable).toBe(false)
    expect(error.message).toBe("All 0 attempts of empty failed:\n")
    expect(error.data).toEqual({ pool: "empty", attempts: [] })
    expect(PoolExhaustedError.isInstance(new Error("All 0 attempts"))).toBe(false)
  })

  test("the caller's abort surfaces with the caller's reason, and a generate call reports the pool as its provider", async () => {
    const controller = new AbortController()
    const reason = new Error("stopped by the user")
    const { model } = pool([candidate("a/x", silent()), candidate("b/y", answering("b"))], {
      firstTokenTimeoutMs: undefined,
    })
    const call = model.doStream({ prompt: [], abortSignal: controller.signal })
    await Bun.sleep(0)
    controller.abort(reason)
    await expect(call).rejects.toBe(reason)
    expect(model.provider).toBe("pool")
    expect(model.modelId).toBe("assistant")
  })

  test("an overflow after another member's failure surfaces as the provider's own overflow error", async () => {
    const overflow = apiError(400, "prompt is too long: 210000 tokens > 200000 maximum")
    const { model } = pool([
      candidate("a/x", failing(apiError(429, "slow down")), { contextWindow: 128_000 }),
      candidate("b/y", failing(overflow), { contextWindow: 200_000 }),
      candidate("c/z", answering("small"), { contextWindow: 100_000 }),
    ])
    await expect(model.doStream({ prompt: [] })).rejects.toBe(overflow)
  })

  test("a tool call's first input part commits: an error after it reaches the caller and no one else is called", async () => {
    const second = answering("from b")
    const { model, events } = pool([
      candidate(
        "a/x",
        streaming([
          { type: "stream-start", warnings: [] },
          { type: "tool-input-start", id: "c1", toolName: "bash" },
          { type: "error", error: apiError(500, "stream cut") },
        ]),
      ),
      candidate("b/y", second),
    ])
    const { stream } = await model.doStream({ prompt: [] })
    const parts = await convertReadableStreamToArray(stream)
    expect(parts.map((part) => part.type)).toEqual(["stream-start", "tool-input-start", "error"])
    expect(second.doStreamCalls).toHaveLength(0)
    expect(events).toEqual(["success a/x", "failure a/x provider_unavailable"])
  })

  test("observers never hold up the next member; the call completes only once their work is done", async () => {
    const write = Promise.withResolvers<void>()
    const done: string[] = []
    const second = answering("from b")
    const model = createFallbackModel({
      name: "assistant",
      policy: DEFAULT_POLICY,
      candidates: () => [candidate("a/x", failing(apiError(429, "slow down"))), candidate("b/y", second)],
      observer: {
        failure: () => write.promise.then(() => void done.push("failure saved")),
      },
    })
    const { stream } = await model.doStream({ prompt: [] })
    expect(second.doStreamCalls).toHaveLength(1)
    const reading = convertReadableStreamToArray(stream).then((parts) => {
      done.push("stream closed")
      return parts
    })
    await Bun.sleep(0)
    expect(done).toEqual([])
    write.resolve()
    await reading
    expect(done).toEqual(["failure saved", "stream closed"])
  })

  test("a failing observer breaks nothing, whether it throws or rejects", async () => {
    const model = createFallbackModel({
      name: "assistant",
      policy: DEFAULT_POLICY,
      candidates: () => [candidate("a/x", failing(apiError(429, "slow down"))), candidate("b/y", answering("b"))],
      observer: {
        failure: () => {
          throw new Error("observer broke")
        },
        fallback: () => Promise.reject(new Error("observer broke")),
        success: () => Promise.reject(new Error("observer broke")),
      },
    })
    expect((await streamAll(model)).text).toBe("b")
    expect((await generateText({ model, prompt: "hi", maxRetries: 0 })).text).toBe("b")
  })
})

describe("candidates the call passes by", () => {
  test("a skipped first candidate gets no request; its pass opens the attempts, and nothing is a failure", async () => {
    const skipped = answering("never")
    const { model, events } = pool([
      candidate("t/tiny", skipped, { skip: "context 8000 < ~21000 tokens" }),
      candidate("l/large", answering("large")),
    ])
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("large")
    expect(skipped.doStreamCalls.length).toBe(0)
    expect(attemptsOf(metadata)).toEqual([
      {
        member: "t/tiny",
        condition: "other",
        durationMs: 0,
        message: "skipped: context 8000 < ~21000 tokens",
        quota: false,
        skipped: "context 8000 < ~21000 tokens",
      },
    ])
    expect(events).toEqual(["success l/large"])
  })

  test("every candidate marked skipped: the call tries them all, as without the check", async () => {
    const first = failing(apiError(429, "{}"))
    const { model } = pool(
      [
        candidate("a/x", first, { skip: "no image input" }),
        candidate("b/y", answering("b"), { skip: "no image input" }),
      ],
      { retries: 0 },
    )
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("b")
    expect(first.doStreamCalls.length).toBe(1)
    expect(attemptsOf(metadata).map((attempt) => attempt.skipped)).toEqual([undefined])
  })
})

describe("hedged first tokens", () => {
  /** Waits until `model` has been called `count` times: the call reached it. */
  async function calledTimes(model: MockLanguageModelV3, count: number) {
    while (model.doStreamCalls.length < count) await new Promise((resolve) => setTimeout(resolve, 0))
  }

  test("a silent member is joined at hedge_after_ms; the next member answers once, and the silent request is aborted", async () => {
    const slow = silent()
    const fast = answering("fast answer")
    const clock = manualTimers()
    const { model, events } = pool(
      [candidate("a/slow", slow), candidate("b/fast", fast)],
      { hedgeAfterMs: 2_000 },
      { timers: clock.timers },
    )
    const answered = streamAll(model)
    await calledTimes(slow, 1)
    expect(fast.doStreamCalls).toHaveLength(0)
    // The hedge's timer, not the first-token deadline (60 s), runs out.
    for (const timer of clock.due.filter((entry) => entry.ms === 2_000 && !entry.cancelled)) timer.fire()
    const { text, metadata } = await answered
    expect(text).toBe("fast answer")
    expect(slow.doStreamCalls[0]?.abortSignal?.aborted).toBe(true)
    expect(attemptsOf(metadata)).toMatchObject([
      {
        member: "a/slow",
        condition: "timeout",
        hedged: true,
        message: "no output within hedge_after_ms (2000 ms); cancelled when b/fast answered first",
      },
    ])
    // The overtaken member is slow, not failed: no health record, no fallback event.
    expect(events).toEqual(["success b/fast"])
  })

  test("a member answering before hedge_after_ms is the only one called", async () => {
    const fast = answering("first")
    const second = answering("second")
    const clock = manualTimers()
    const { model } = pool(
      [candidate("a/x", fast), candidate("b/y", second)],
      { hedgeAfterMs: 2_000 },
      { timers: clock.timers },
    )
    const { text, metadata } = await streamAll(model)
    expect(text).toBe("first")
    expect(second.doStreamCalls).toHaveLength(0)
    expect(attemptsOf(metadata)).toEqual([])
    expect(clock.due.filter((entry) => !entry.cancelled)).toEqual([])
  })

  test("a member failing before hedge_after_ms moves on as without hedging", async () => {
    const { model, events } = pool(
      [candidate("a/x", failing(apiError(429, "{}"))), candidate("b/y", answering("b"))],
      { hedgeAfterMs: 2_000 },
      { timers: manualTimers().timers },
    )
    expect((await streamAll(model)).text).toBe("b")
    expect(events).toEqual(["failure a/x rate_limit", "fallback a/x -> b/y", "success b/y"])
  })

  test("with hedging off a silent member holds the call until its first-token deadline, as before", async () => {
    const slow = silent()
    const fast = answering("fast answer")
    const clock = manualTimers()
    const { model } = pool([candidate("a/slow", slow), candidate("b/fast", fast)], {}, { timers: clock.timers })
    const answered = streamAll(model)
    await calledTimes(slow, 1)
    expect(clock.due.map((entry) => entry.ms)).toEqual([60_000])
    clock.expireAll()
    expect((await answered).text).toBe("fast answer")
  })
})
