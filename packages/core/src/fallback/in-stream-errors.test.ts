// In-stream errors before the first output part, as the real provider packages turn them into stream parts, must
// move the call to the next member with the right condition.
import { createAnthropic } from "@ai-sdk/anthropic"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import type { LanguageModelV3 } from "@ai-sdk/provider"
import { streamText } from "ai"
import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test"
import { describe, expect, test } from "bun:test"
import { ANTHROPIC_MESSAGE_START, sse, withLoopback } from "../../test-support/loopback.ts"
import { DEFAULT_POLICY } from "../config/defaults.ts"
import type { Attempt } from "./attempt.ts"
import { createFallbackModel, METADATA_KEY } from "./fallback-model.ts"

const API_KEY = "sk-test-0000000000000000000000000000"
const EVENT_STREAM = { "content-type": "text/event-stream" }

const backup = new MockLanguageModelV3({
  doStream: async () => ({
    stream: convertArrayToReadableStream([
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "from backup" },
      { type: "text-end", id: "t" },
      {
        type: "finish",
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
          outputTokens: { total: 1, text: 1, reasoning: 0 },
        },
      },
    ]),
  }),
})

/** Streams through a pool of the real package (served `body`) and the backup; returns the answer and first attempt. */
async function throughPool(body: string, primary: (baseURL: string) => LanguageModelV3) {
  return withLoopback({ status: 200, headers: EVENT_STREAM, body }, async (baseURL) => {
    const model = createFallbackModel({
      name: "assistant",
      policy: DEFAULT_POLICY,
      candidates: () => [
        { member: "a/primary", model: primary(baseURL) },
        { member: "b/backup", model: backup },
      ],
    })
    const result = streamText({ model, prompt: "hello", maxRetries: 0, onError: () => undefined })
    const text = await result.text
    const report = (await result.providerMetadata)?.[METADATA_KEY] as { attempts: Attempt[] } | undefined
    return { text, attempt: report?.attempts[0] }
  })
}

const compatible = (baseURL: string) =>
  createOpenAICompatible({ name: "vendor", baseURL, apiKey: API_KEY }).chatModel("vendor-model")
const anthropic = (baseURL: string) => createAnthropic({ baseURL, apiKey: API_KEY })("claude-sonnet-4-5")
const google = (baseURL: string) => createGoogleGenerativeAI({ baseURL, apiKey: API_KEY })("gemini-2.5-flash")

describe("in-stream errors before any output fall back, through the real provider packages", () => {
  const cases = [
    {
      name: "an OpenRouter error chunk with code 429 through openai-compatible is rate_limit",
      body: sse([{ data: { error: { code: 429, message: "Rate limit exceeded" } } }]),
      model: compatible,
      expected: { condition: "rate_limit", status: 429 },
    },
    {
      name: "an OpenRouter 'Provider returned error' chunk with code 502 through openai-compatible is provider_unavailable",
      body: sse([{ data: { error: { message: "Provider returned error", code: 502 } } }]),
      model: compatible,
      expected: { condition: "provider_unavailable", status: 502 },
    },
    {
      name: "an OpenAI-style server_error chunk through openai-compatible is provider_unavailable",
      body: sse([{ data: { error: { message: "The server had an error", type: "server_error", code: null } } }]),
      model: compatible,
      expected: { condition: "provider_unavailable" },
    },
    {
      // openai-compatible keeps only the message; the type survives in the raw chunk.
      name: "OpenAI's real 500 wording, whose text names no outage, is provider_unavailable by its type",
      body: sse([
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
      ]),
      model: compatible,
      expected: { condition: "provider_unavailable" },
    },
    {
      name: "a rate-limit worded error chunk with no code through openai-compatible is rate_limit",
      body: sse([{ data: { error: { message: "Rate limit reached for requests", type: null, code: null } } }]),
      model: compatible,
      expected: { condition: "rate_limit" },
    },
    {
      name: "an Anthropic overloaded_error event after message_start is provider_unavailable",
      body: sse([
        ANTHROPIC_MESSAGE_START,
        { event: "error", data: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } },
      ]),
      model: anthropic,
      expected: { condition: "provider_unavailable", message: "Overloaded" },
    },
    {
      name: "an Anthropic api_error event after message_start is provider_unavailable",
      body: sse([
        ANTHROPIC_MESSAGE_START,
        { event: "error", data: { type: "error", error: { type: "api_error", message: "Internal server error" } } },
      ]),
      model: anthropic,
      expected: { condition: "provider_unavailable" },
    },
    {
      name: "an Anthropic rate_limit_error event after message_start is rate_limit",
      body: sse([
        ANTHROPIC_MESSAGE_START,
        { event: "error", data: { type: "error", error: { type: "rate_limit_error", message: "Rate limited" } } },
      ]),
      model: anthropic,
      expected: { condition: "rate_limit" },
    },
    {
      name: "a Gemini UNAVAILABLE error frame is provider_unavailable",
      body: sse([{ data: { error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } } }]),
      model: google,
      expected: { condition: "provider_unavailable", status: 503 },
    },
  ] as const
  for (const item of cases) {
    test(item.name, async () => {
      const { text, attempt } = await throughPool(item.body, item.model)
      expect(text).toBe("from backup")
      expect(attempt).toMatchObject({ member: "a/primary", ...item.expected })
    })
  }
})
