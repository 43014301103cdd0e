import { createAnthropic } from "@ai-sdk/anthropic"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createOpenAI } from "@ai-sdk/openai"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import type { LanguageModelV3, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { OBSERVED_AT, OBSERVED_ERRORS, startFakeProvider, type ObservedWire } from "@model-pool/fake-provider"
import { createOpenRouter } from "@openrouter/ai-sdk-provider"
import { generateText, streamText } from "ai"
import { afterAll, describe, expect, test } from "bun:test"
import { emptyAnswer } from "../fallback/empty-answer.ts"
import { classify } from "./classify.ts"
import { ANTHROPIC_MESSAGE_START, sse, withLoopback } from "../../test-support/loopback.ts"
import { expectedOf } from "../../test-support/observed.ts"

const API_KEY = "sk-test-0000000000000000000000000000"
const NOW = OBSERVED_AT

// Each observed error is served, by id, to the model of the same id.
const fake = await startFakeProvider({
  script: Object.fromEntries(OBSERVED_ERRORS.map((error) => [error.id, { kind: "vendor_error", error: error.id }])),
})
afterAll(() => fake.stop())

/**
 * The real provider package that reads a wire format's errors, pointed at the fake; undefined when the core has no
 * such package (Bedrock, Cohere, the AI Gateway, xAI Responses). Mistral, xAI and Perplexity answer in OpenAI-like
 * shapes, which the OpenAI-compatible package reads; Vertex AI's Gemini and Claude are read by the Google and
 * Anthropic packages, as @ai-sdk/google-vertex does.
 */
function modelFor(wire: ObservedWire, baseURL: string, id: string): LanguageModelV3 | undefined {
  switch (wire) {
    case "openai":
      return createOpenAI({ baseURL: `${baseURL}/openai/v1`, apiKey: API_KEY }).chat(id)
    case "openai-responses":
      return createOpenAI({ baseURL: `${baseURL}/openai/v1`, apiKey: API_KEY }).responses(id)
    case "openai-compatible":
    case "mistral":
    case "xai":
    case "perplexity":
      return createOpenAICompatible({ name: "vendor", baseURL: `${baseURL}/v1`, apiKey: API_KEY }).chatModel(id)
    case "anthropic":
    case "vertex-anthropic":
      return createAnthropic({ baseURL: `${baseURL}/anthropic/v1`, apiKey: API_KEY })(id)
    case "google":
    case "vertex":
      return createGoogleGenerativeAI({ baseURL: `${baseURL}/google/v1beta`, apiKey: API_KEY })(id)
    case "openrouter":
      return createOpenRouter({ baseURL: `${baseURL}/api/v1`, apiKey: API_KEY }).chat(id)
  }
  return undefined
}

/** The model a test's own loopback server answers for, in a wire format the core has a package of. */
function loopbackModel(wire: ObservedWire, baseURL: string): LanguageModelV3 {
  const model = modelFor(wire, baseURL, "vendor-model")
  if (model === undefined) throw new Error(`no package for ${wire}`)
  return model
}

/** What generateText throws, or fails the test when it does not throw. */
async function thrownBy(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error("expected the call to fail")
}

/** The first `error` part of a streamText full stream. */
async function streamErrorPart(model: LanguageModelV3): Promise<unknown> {
  const result = streamText({ model, prompt: "hello", maxRetries: 0, onError: () => {} })
  for await (const part of result.fullStream) {
    if (part.type === "error") return part.error
  }
  throw new Error("expected an error part")
}

describe("classify on the observed vendor errors, served by the fake provider and thrown by the real packages", () => {
  for (const observed of OBSERVED_ERRORS) {
    const model = modelFor(observed.wire, fake.url, observed.id)
    if (model === undefined) continue
    const expected = expectedOf(observed)
    test(`${observed.vendor} ${observed.situation} through ${observed.wire} is ${expected.condition}`, async () => {
      const error = await thrownBy(() => generateText({ model, prompt: "hello", maxRetries: 0 }))
      const result = classify(error, NOW)
      expect(result.condition).toBe(expected.condition)
      expect(result.quota).toBe(expected.quota)
      expect(result.retryAfterMs).toBe(expected.retryAfterMs)
      expect(result.lasting).toBe(expected.lasting)
      expect(result.status).toBe(observed.response.status)
      expect(result.message).not.toContain(API_KEY)
      if (observed.secret !== undefined) expect(result.message).not.toContain(observed.secret)
    })
  }
})

describe("classify on stream error parts from the real provider packages", () => {
  const eventStream = { "content-type": "text/event-stream" }

  test("an Anthropic overloaded_error event after some text is provider_unavailable", async () => {
    const body = sse([
      ANTHROPIC_MESSAGE_START,
      {
        event: "content_block_start",
        data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      },
      {
        event: "content_block_delta",
        data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hel" } },
      },
      { event: "error", data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } },
    ])
    const error = await withLoopback({ status: 200, headers: eventStream, body }, (baseURL) =>
      streamErrorPart(loopbackModel("anthropic", baseURL)),
    )
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", message: "Overloaded", retryable: true })
  })

  test("an OpenAI chat stream error chunk is provider_unavailable", async () => {
    const body = sse([
      {
        data: {
          error: {
            message: "The server had an error while processing your request. Sorry about that!",
            type: "server_error",
            param: null,
            code: null,
          },
        },
      },
    ])
    const error = await withLoopback({ status: 200, headers: eventStream, body }, (baseURL) =>
      streamErrorPart(loopbackModel("openai", baseURL)),
    )
    expect(classify(error).condition).toBe("provider_unavailable")
  })

  test("an OpenRouter mid-stream error chunk with code 502 is provider_unavailable with status 502", async () => {
    const chunk = (extra: Record<string, unknown>) => ({
      id: "gen-1748779200-AbCdEfGhIjKlMnOp",
      object: "chat.completion.chunk",
      created: 1748779200,
      model: "anthropic/claude-sonnet-4.5",
      provider: "Anthropic",
      ...extra,
    })
    const body = sse([
      { data: chunk({ choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, finish_reason: null }] }) },
      {
        data: chunk({
          error: { code: 502, message: "Provider disconnected unexpectedly", metadata: { provider_name: "Anthropic" } },
          choices: [{ index: 0, delta: { content: "" }, finish_reason: "error" }],
        }),
      },
    ])
    const error = await withLoopback({ status: 200, headers: eventStream, body }, (baseURL) =>
      streamErrorPart(loopbackModel("openrouter", baseURL)),
    )
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", status: 502 })
  })

  // @ai-sdk/google 3.0.73, the release pinned here, has no `error` field in its chunk schema: the frame
  // parses as an empty chunk and the stream ends as `other` with no output. The pool's empty-answer rule reads the
  // vendor's error from the raw chunk.
  test("a Gemini stream error frame with UNAVAILABLE is an empty answer, provider_unavailable by its raw chunk", async () => {
    const body = sse([
      {
        data: {
          error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" },
        },
      },
    ])
    const parts = await withLoopback({ status: 200, headers: eventStream, body }, async (baseURL) => {
      const started = await loopbackModel("google", baseURL).doStream({
        prompt: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
        includeRawChunks: true,
      })
      const seen: LanguageModelV3StreamPart[] = []
      const reader = started.stream.getReader()
      for (let next = await reader.read(); !next.done; next = await reader.read()) seen.push(next.value)
      return seen
    })
    expect(parts.some((part) => part.type === "error")).toBe(false)
    const empty = emptyAnswer(parts)
    expect(empty).toBeDefined()
    expect(classify(empty)).toMatchObject({ condition: "provider_unavailable", status: 503 })
  })

  test("an OpenAI-compatible stream that starts with a 429 response is rate_limit with its retry-after", async () => {
    const model = modelFor("openai-compatible", fake.url, "groq-rate-limit")
    if (model === undefined) throw new Error("no package for openai-compatible")
    expect(classify(await streamErrorPart(model), NOW)).toMatchObject({
      condition: "rate_limit",
      retryAfterMs: 12_000,
      status: 429,
    })
  })
})

describe("classify on AI SDK retries", () => {
  test("a RetryError from generateText is classified by its last error", async () => {
    const model = modelFor("anthropic", fake.url, "anthropic-overloaded")
    if (model === undefined) throw new Error("no package for anthropic")
    const error = await thrownBy(() => generateText({ model, prompt: "hello", maxRetries: 1 }))
    expect((error as Error).name).toBe("AI_RetryError")
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", status: 529, message: "Overloaded" })
  })
})
