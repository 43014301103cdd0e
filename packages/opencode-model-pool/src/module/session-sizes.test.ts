import type { LanguageModelV3, LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { CHARS_PER_TOKEN, promptCharacters } from "@model-pool/core"
import { describe, expect, test } from "bun:test"
import { createSessionSizes } from "./session-sizes.ts"
import { wrapModel } from "./wrap-model.ts"

const usage = (input: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
})

/** A model whose stream reports `input` input tokens on its finish part. */
function reporting(input: number): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "test",
    modelId: "m",
    supportedUrls: {},
    doGenerate: async () => ({
      content: [],
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(input),
      warnings: [],
    }),
    doStream: async () => ({
      stream: new ReadableStream<LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage: usage(input) })
          controller.close()
        },
      }),
    }),
  }
}

const call = (text: string): LanguageModelV3CallOptions => ({
  prompt: [{ role: "user", content: [{ type: "text", text }] }],
  headers: { session: "ses_a" },
})
const sessionOf = (options: LanguageModelV3CallOptions) => options.headers?.session

async function drain(model: LanguageModelV3, options: LanguageModelV3CallOptions) {
  const { stream } = await model.doStream(options)
  for (const reader = stream.getReader(); !(await reader.read()).done;);
}

describe("a session's next call size", () => {
  test("is unknown until the session reports one", () => {
    expect(createSessionSizes().estimate("ses_a", call("hello"))).toBeUndefined()
    expect(createSessionSizes().estimate(undefined, call("hello"))).toBeUndefined()
  })

  test("is the last reported input tokens plus the characters added since, streamed or generated", async () => {
    const sizes = createSessionSizes()
    const first = call("a".repeat(400))
    await drain(wrapModel(reporting(9_000), sizes.middleware(sessionOf)), first)
    const next = call("a".repeat(800))
    const added = promptCharacters(next) - promptCharacters(first)
    expect(sizes.estimate("ses_a", next)).toBe(9_000 + Math.ceil(added / CHARS_PER_TOKEN))
    await wrapModel(reporting(12_000), sizes.middleware(sessionOf)).doGenerate(next)
    expect(sizes.estimate("ses_a", next)).toBe(12_000)
    expect(sizes.estimate("ses_b", next)).toBeUndefined()
  })

  test("a prompt shorter than the last one (compacted) falls back to characters", async () => {
    const sizes = createSessionSizes()
    await drain(wrapModel(reporting(9_000), sizes.middleware(sessionOf)), call("a".repeat(4_000)))
    expect(sizes.estimate("ses_a", call("short"))).toBeUndefined()
  })

  test("a report of no input tokens is not kept", async () => {
    const sizes = createSessionSizes()
    await drain(wrapModel(reporting(0), sizes.middleware(sessionOf)), call("x"))
    expect(sizes.estimate("ses_a", call("x"))).toBeUndefined()
  })
})
