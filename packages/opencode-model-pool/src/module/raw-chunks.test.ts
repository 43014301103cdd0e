import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { asksRawChunks, withStockRawChunks } from "./raw-chunks.ts"

/** A model that records the options of each call and answers nothing. */
function recording(): { model: LanguageModelV3; calls: LanguageModelV3CallOptions[] } {
  const calls: LanguageModelV3CallOptions[] = []
  const model: LanguageModelV3 = {
    specificationVersion: "v3",
    provider: "gateway",
    modelId: "anthropic/claude-sonnet-4.5",
    supportedUrls: {},
    async doGenerate(options) {
      calls.push(options)
      throw new Error("not answered")
    },
    async doStream(options) {
      calls.push(options)
      return { stream: new ReadableStream() }
    },
  }
  return { model, calls }
}

// What the pool asks every member for, whatever OpenCode asked.
const POOLED: LanguageModelV3CallOptions = { prompt: [], includeRawChunks: true }

describe("the raw-chunk flag a member's request carries", () => {
  test("OpenCode asks for raw chunks only on GitHub Copilot's provider ids", () => {
    expect(["vercel", "github-copilot", "github-copilot-enterprise", "anthropic"].map(asksRawChunks)).toEqual([
      false,
      true,
      true,
      false,
    ])
  })

  test("a gateway member streams with the flag stock OpenCode sends its provider, which its wire carries", async () => {
    const { model, calls } = recording()
    await withStockRawChunks("@ai-sdk/gateway", "vercel", model).doStream(POOLED)
    expect(calls.map((call) => call.includeRawChunks)).toEqual([false])
  })

  test("a gateway member on a Copilot provider id keeps asking for raw chunks", async () => {
    const { model, calls } = recording()
    await withStockRawChunks("@ai-sdk/gateway", "github-copilot", model).doStream(POOLED)
    expect(calls.map((call) => call.includeRawChunks)).toEqual([true])
  })

  test("other packages are the model itself: the pool reads their raw chunks and no wire shows the flag", () => {
    const { model } = recording()
    expect(withStockRawChunks("@ai-sdk/google", "google", model)).toBe(model)
    expect(withStockRawChunks("@ai-sdk/anthropic", "vercel", model)).toBe(model)
  })

  test("the wrapped model keeps the package's identity and passes generate calls through unchanged", async () => {
    const { model, calls } = recording()
    const wrapped = withStockRawChunks("@ai-sdk/gateway", "vercel", model)
    expect([wrapped.provider, wrapped.modelId, wrapped.specificationVersion]).toEqual([
      "gateway",
      "anthropic/claude-sonnet-4.5",
      "v3",
    ])
    await Promise.resolve(wrapped.doGenerate({ prompt: [] })).catch(() => undefined)
    expect(calls).toEqual([{ prompt: [] }])
  })
})
