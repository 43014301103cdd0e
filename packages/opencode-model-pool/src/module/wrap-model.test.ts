import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { routedModel, wrapModel } from "./wrap-model.ts"

const usage = {
  inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 1, text: 1, reasoning: 0 },
}

/** A model that records each call it gets and answers `text`. */
function recording(text: string): { model: LanguageModelV3; calls: LanguageModelV3CallOptions[] } {
  const calls: LanguageModelV3CallOptions[] = []
  const model: LanguageModelV3 = {
    specificationVersion: "v3",
    provider: "alpha.chat",
    modelId: "gpt-main",
    supportedUrls: { "image/*": [/^https:/] },
    async doGenerate(options) {
      calls.push(options)
      return { content: [{ type: "text", text }], finishReason: { unified: "stop", raw: "stop" }, usage, warnings: [] }
    },
    async doStream(options) {
      calls.push(options)
      return { stream: new ReadableStream() }
    },
  }
  return { model, calls }
}

describe("a model wrapped by middleware", () => {
  test("keeps the wrapped model's identity", () => {
    const { model } = recording("hi")
    const wrapped = wrapModel(model, {})
    expect([wrapped.provider, wrapped.modelId, wrapped.supportedUrls]).toEqual([
      model.provider,
      model.modelId,
      model.supportedUrls,
    ])
  })

  test("transforms the call of each kind before it goes, and the wrapper sees the call that went", async () => {
    const { model, calls } = recording("hi")
    const seen: LanguageModelV3CallOptions[] = []
    const wrapped = wrapModel(model, {
      transformParams: (params, type) => (type === "stream" ? { ...params, includeRawChunks: true } : params),
      wrapStream: ({ doStream, params }) => {
        seen.push(params)
        return doStream()
      },
    })
    await wrapped.doGenerate({ prompt: [] })
    await wrapped.doStream({ prompt: [] })
    expect(calls.map((call) => call.includeRawChunks)).toEqual([undefined, true])
    expect(seen).toEqual([calls[1]!])
  })

  test("a generate wrapper adds to the result", async () => {
    const { model } = recording("hi")
    const wrapped = wrapModel(model, {
      async wrapGenerate({ doGenerate }) {
        const result = await doGenerate()
        return { ...result, providerMetadata: { pool: { member: "alpha/gpt-main" } } }
      },
    })
    const result = await wrapped.doGenerate({ prompt: [] })
    expect(result.content).toEqual([{ type: "text", text: "hi" }])
    expect(result.providerMetadata).toEqual({ pool: { member: "alpha/gpt-main" } })
  })
})

describe("a routed model", () => {
  test("sends each call, as the router gives it, to the model the router picks", async () => {
    const first = recording("from first")
    const second = recording("from second")
    const routed = routedModel({ provider: "pool", modelId: "duo", supportedUrls: {} }, async (params) =>
      params.maxOutputTokens === 1 ? [first.model, params] : [second.model, { ...params, temperature: 0 }],
    )
    expect([routed.provider, routed.modelId]).toEqual(["pool", "duo"])
    const a = await routed.doGenerate({ prompt: [], maxOutputTokens: 1 })
    const b = await routed.doGenerate({ prompt: [], maxOutputTokens: 2 })
    expect([a.content, b.content]).toEqual([
      [{ type: "text", text: "from first" }],
      [{ type: "text", text: "from second" }],
    ])
    expect(second.calls[0]?.temperature).toBe(0)
  })
})
