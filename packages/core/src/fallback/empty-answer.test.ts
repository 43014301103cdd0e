import type { LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { EmptyAnswerError, emptyAnswer, rawError } from "./empty-answer.ts"

const raw = (rawValue: unknown): LanguageModelV3StreamPart => ({ type: "raw", rawValue })
// `interrupted` is AI SDK 7's (LanguageModelV4): the stream ended without the provider's completion signal.
const finish = (unified: "other" | "stop" | "interrupted"): LanguageModelV3StreamPart => ({
  type: "finish",
  finishReason: { unified: unified as "other", raw: unified },
  usage: {
    inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  },
})

describe("empty answers", () => {
  test("the vendor's error is the last error a raw chunk carried, from the first chunk on", () => {
    const first = { code: 429, message: "first" }
    const last = { code: 503, message: "last" }
    expect(rawError([raw({ error: first }), raw({ candidates: [] })])).toBe(first)
    expect(rawError([raw({ error: first }), raw({ error: null }), raw({ error: last }), raw({ ok: 1 })])).toBe(last)
    expect(rawError([raw({ error: null }), raw("text"), { type: "stream-start", warnings: [] }])).toBeUndefined()
  })

  test("the error names the finish reason and the vendor's message, and is recognised across copies", () => {
    const error = emptyAnswer([raw({ error: { message: "The model is overloaded." } }), finish("other")])
    expect(error?.message).toBe("empty answer (finish reason other): The model is overloaded.")
    expect(error?.name).toBe("EmptyAnswerError")
    expect(EmptyAnswerError.isInstance(error)).toBe(true)
    expect(EmptyAnswerError.isInstance({ [Symbol.for("model-pool.error.EmptyAnswerError")]: true })).toBe(true)
    expect(EmptyAnswerError.isInstance(new Error("empty answer"))).toBe(false)
    expect(EmptyAnswerError.isInstance(null)).toBe(false)
    expect(emptyAnswer([raw({ error: { message: "" } }), finish("other")])?.message).toBe(
      "empty answer (finish reason other)",
    )
    expect(emptyAnswer([finish("stop")])).toBeUndefined()
  })

  test("an AI SDK 7 stream interrupted before any output is a failure, not an answer", () => {
    expect(emptyAnswer([finish("interrupted")])?.message).toBe("empty answer (finish reason interrupted)")
  })
})
