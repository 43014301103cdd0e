// Perplexity's chat completions: the wire sequence, and what @ai-sdk/perplexity 3.0.26 makes of it (text,
// reasoning in think tags, the usage chunk, tools it drops, faults, accepted credentials).

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createPerplexity } from "@ai-sdk/perplexity"
import { APICallError, generateText, streamText } from "ai"
import { PERPLEXITY_PATH } from "./perplexity.ts"
import { keyId } from "./request-log.ts"
import type { Step } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import { collectStream, parseSse, postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const model = (id = "sonar-pro", url = fake.url, apiKey = TEST_KEY) =>
  createPerplexity({ baseURL: `${url}/perplexity`, apiKey })(id)
const auth = { authorization: `Bearer ${TEST_KEY}` }
const body = { model: "sonar-pro", messages: [{ role: "user", content: "hi" }] }

function apiError(error: unknown): APICallError {
  expect(APICallError.isInstance(error)).toBe(true)
  return error as APICallError
}

async function chunks(step: Step, extra: Record<string, unknown> = {}) {
  fake.setScript({ "*": step })
  const response = await postJson(`${fake.url}${PERPLEXITY_PATH}`, { ...body, stream: true, ...extra }, auth)
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const text = await response.text()
  // No `[DONE]` marker and no event names: every frame is one JSON chunk.
  expect(text).not.toContain("[DONE]")
  const frames = parseSse(text)
  expect(frames.every((frame) => frame.event === undefined)).toBe(true)
  return frames.map((frame) => JSON.parse(frame.data))
}

describe("wire format", () => {
  test("every chunk repeats the assistant role and a string delta; the last has the finish and the usage", async () => {
    const data = await chunks({ kind: "text", text: "Hello there", chunks: 2 })
    expect(data).toHaveLength(3)
    for (const chunk of data) {
      expect(chunk).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        model: "sonar-pro",
        created: expect.any(Number),
        object: "chat.completion.chunk",
        citations: [],
        search_results: [],
      })
      expect(chunk.choices[0].delta).toEqual({ role: "assistant", content: expect.any(String) })
    }
    expect(data.map((chunk) => chunk.choices[0].delta.content).join("")).toBe("Hello there")
    expect(data.map((chunk) => chunk.choices[0].finish_reason)).toEqual([null, null, "stop"])
    expect(data.map((chunk) => chunk.usage === undefined)).toEqual([true, true, false])
    expect(data.at(-1)).toMatchObject({
      choices: [{ delta: { role: "assistant", content: "" }, message: { role: "assistant", content: "Hello there" } }],
      usage: {
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        total_tokens: expect.any(Number),
        search_context_size: "low",
        cost: { total_cost: expect.any(Number), request_cost: expect.any(Number) },
      },
    })
  })

  test("a non-streaming answer is one assistant message with the usage and empty citations", async () => {
    const response = await postJson(`${fake.url}${PERPLEXITY_PATH}`, body, auth)
    expect(await response.json()).toMatchObject({
      model: "sonar-pro",
      object: "chat.completion",
      citations: [],
      choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "ok from sonar-pro" } }],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    })
  })

  test("only the /perplexity prefix routes to Perplexity; other chat completions paths stay OpenAI's", async () => {
    await postJson(`${fake.url}${PERPLEXITY_PATH}`, body, auth)
    await postJson(`${fake.url}/openai/v1/chat/completions`, body, auth)
    expect(fake.requests.map((request) => [request.format, request.path])).toEqual([
      ["perplexity", "/perplexity/chat/completions"],
      ["openai", "/openai/v1/chat/completions"],
    ])
  })

  test("a tool call step answers with its text alone, and a request's tools are ignored", async () => {
    const tools = [{ type: "function", function: { name: "read_file", parameters: { type: "object" } } }]
    const data = await chunks(
      { kind: "tool_call", name: "read_file", input: { path: "a" }, text: "I would read it." },
      {
        tools,
      },
    )
    expect(data.map((chunk) => chunk.choices[0].delta.content).join("")).toBe("I would read it.")
    expect(JSON.stringify(data)).not.toContain("tool_calls")
    expect(data.at(-1).choices[0].finish_reason).toBe("stop")
  })

  test("reasoning streams inside the content between think tags, as Perplexity's reasoning models send it", async () => {
    const data = await chunks({ kind: "text", text: "Four.", reasoning: "Two plus two." })
    const content = data.map((chunk) => chunk.choices[0].delta.content).join("")
    expect(content).toBe("<think>\nTwo plus two.\n</think>\n\nFour.")
    expect(data.at(-1).usage.reasoning_tokens).toBeGreaterThan(0)
  })

  test("an in-stream failure is a chunk of only Perplexity's error object", async () => {
    const data = await chunks({ kind: "stream_error", text: "partial" })
    expect(data.at(-1)).toEqual({
      error: { message: expect.any(String), type: "internal_server_error", code: 500 },
    })
  })

  test("a request without a bearer key is refused with Perplexity's 401 before a step is used up", async () => {
    fake.setScript({ "*": [{ kind: "text", text: "first" }, { kind: "text" }] })
    const response = await postJson(`${fake.url}${PERPLEXITY_PATH}`, body)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: {
        message: "Invalid API key provided. You can find your API key at https://www.perplexity.ai/settings/api.",
        type: "invalid_api_key",
        code: 401,
      },
    })
    expect(fake.requests[0]).toMatchObject({ format: "perplexity", rejected: "the request carried no API key" })
    expect((await generateText({ model: model(), prompt: "hi", maxRetries: 0 })).text).toBe("first")
  })
})

describe("@ai-sdk/perplexity 3.0.26", () => {
  test("sends its bearer key, which the log keeps only as a key id, and drops the call's tools", async () => {
    await generateText({ model: model(), prompt: "hello", tools: TOOLS, maxRetries: 0 })
    const [record] = fake.requests
    expect(record).toMatchObject({ format: "perplexity", model: "sonar-pro", path: PERPLEXITY_PATH, stream: false })
    expect(record?.key_id).toBe(keyId(TEST_KEY))
    expect(record?.headers["authorization"]).toBeUndefined()
    expect(JSON.stringify(record)).not.toContain(TEST_KEY.slice(-4))
    expect(record?.body).toEqual({ model: "sonar-pro", messages: [{ role: "user", content: "hello" }] })
  })

  test("parses every chunk (no error parts) and reads the usage and cost from the last one", async () => {
    fake.setScript({ "*": { kind: "text", text: "A streamed answer.", chunks: 4 } })
    const result = streamText({ model: model(), prompt: "hi", maxRetries: 0, includeRawChunks: true })
    const parts: string[] = []
    let raw = 0
    for await (const part of result.fullStream) {
      parts.push(part.type)
      if (part.type === "raw") raw += 1
    }
    expect(parts).not.toContain("error")
    expect(raw).toBe(5)
    expect(await result.text).toBe("A streamed answer.")
    expect(await result.finishReason).toBe("stop")
    const usage = await result.usage
    expect(usage.inputTokens).toBeGreaterThan(0)
    expect(usage.outputTokens).toBeGreaterThan(0)
    const metadata = (await result.providerMetadata)?.["perplexity"] as { cost?: { totalCost?: number } } | undefined
    expect(metadata?.cost?.totalCost).toBeGreaterThan(0)
  })

  test("answers a non-streaming call with the usage and Perplexity's cost", async () => {
    const result = await generateText({ model: model("sonar"), prompt: "hi", maxRetries: 0 })
    expect([result.text, result.finishReason]).toEqual(["ok from sonar", "stop"])
    expect(result.usage.inputTokens).toBeGreaterThan(0)
    const metadata = result.providerMetadata?.["perplexity"] as { cost?: { requestCost?: number } } | undefined
    expect(metadata?.cost?.requestCost).toBe(0.005)
  })

  test("sees a rate limit as a retryable 429 with the scripted Retry-After, and retries it", async () => {
    fake.setScript({ "*": { kind: "rate_limit", retry_after_s: 2 } })
    const error = apiError(await generateText({ model: model(), prompt: "hi", maxRetries: 0 }).catch((e) => e))
    expect([error.statusCode, error.isRetryable]).toEqual([429, true])
    expect(error.responseHeaders?.["retry-after"]).toBe("2")
    expect(error.message).toBe("Rate limit exceeded. Please slow down and try again later.")

    // A zero Retry-After lets `ai` retry at once; the second answer comes through.
    fake.setScript({
      "*": [
        { kind: "rate_limit", retry_after_ms: 0 },
        { kind: "text", text: "after the retry" },
      ],
    })
    fake.reset()
    const result = await generateText({ model: model(), prompt: "hi", maxRetries: 1 })
    expect(result.text).toBe("after the retry")
    expect(fake.requests.map((request) => request.step)).toEqual(["rate_limit", "text"])
  })

  test("sees an unknown model as Perplexity's 400 invalid_model, not retried", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const outcome = await collectStream(model("sonar-ultra"))
    const error = apiError(outcome.errors[0])
    expect([error.statusCode, error.isRetryable]).toEqual([400, false])
    expect(error.message).toStartWith("Invalid model 'sonar-ultra'. Permitted models can be found")
  })

  test("reports an in-stream error chunk as an error part after the text that got through", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial" } })
    const outcome = await collectStream(model())
    expect(outcome.text).toBe("partial")
    expect(outcome.errors).toHaveLength(1)
  })

  test("with accepted credentials, only that key passes; any other gets Perplexity's 401", async () => {
    await using strict = await startFakeProvider({
      credentials: { perplexity: "pplx-the-only-key" },
      script: { "*": { kind: "text", text: "let in" } },
    })
    const refused = apiError(
      await generateText({ model: model("sonar", strict.url, "pplx-other"), prompt: "hi", maxRetries: 0 }).catch(
        (e) => e,
      ),
    )
    expect([refused.statusCode, refused.isRetryable]).toEqual([401, false])
    expect(JSON.parse(refused.responseBody ?? "null")).toMatchObject({ error: { type: "invalid_api_key", code: 401 } })
    const answer = await generateText({ model: model("sonar", strict.url, "pplx-the-only-key"), prompt: "hi" })
    expect(answer.text).toBe("let in")
    expect(strict.requests.map((request) => request.rejected)).toEqual([
      "the request did not carry the accepted key",
      undefined,
    ])
  })
})
