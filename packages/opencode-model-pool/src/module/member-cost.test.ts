import type { LanguageModelV3, LanguageModelV3StreamPart, LanguageModelV3Usage } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import type { Price } from "../host/provider-info.ts"
import { priceUnits, pricedByAnsweringMember, withMemberPrice } from "./member-cost.ts"

const usage = (input: number, output: number, cacheRead = 0, cacheWrite?: number): LanguageModelV3Usage => ({
  inputTokens: { total: input, noCache: input - cacheRead, cacheRead, cacheWrite },
  outputTokens: { total: output, text: output, reasoning: undefined },
})

// OpenCode records units / 1e11 dollars.
const dollars = (units: number) => units / 1e11

describe("a step's price at the member that answered", () => {
  test("uncached input, output, cache reads and writes each at their own price per million tokens", () => {
    const price: Price = { input: 3, output: 15, cache: { read: 0.3, write: 3.75 } }
    // 1,000 input of which 200 read from cache and 100 written to it; 500 output.
    expect(dollars(priceUnits(usage(1_000, 500, 200, 100), undefined, price))).toBeCloseTo(
      (700 * 3 + 500 * 15 + 200 * 0.3 + 100 * 3.75) / 1e6,
      12,
    )
  })

  test("whole units for prices of up to five decimals, so the recorded cost has no float drift", () => {
    const units = priceUnits(usage(123, 45), undefined, { input: 0.2, output: 0.8 })
    expect(Number.isInteger(units)).toBe(true)
    expect(units).toBe(123 * 20_000 + 45 * 80_000)
  })

  test("a cache write the usage leaves out is read from the provider's metadata", () => {
    const price: Price = { input: 1, output: 1, cache: { write: 2 } }
    const metadata = { anthropic: { cacheCreationInputTokens: 50 } }
    expect(priceUnits(usage(100, 0), metadata, price)).toBe(50 * 100_000 + 50 * 200_000)
  })

  test("the highest context tier the input passes sets the price, then the over-200K price", () => {
    const price: Price = {
      input: 1,
      output: 1,
      experimentalOver200K: { input: 5, output: 5 },
      tiers: [
        { tier: { type: "context", size: 100_000 }, input: 2, output: 2 },
        { tier: { type: "context", size: 150_000 }, input: 3, output: 3 },
      ],
    }
    expect(priceUnits(usage(120_000, 0), undefined, price)).toBe(120_000 * 200_000)
    expect(priceUnits(usage(160_000, 0), undefined, price)).toBe(160_000 * 300_000)
    expect(priceUnits(usage(50_000, 0), undefined, { ...price, tiers: [] })).toBe(50_000 * 100_000)
    expect(priceUnits(usage(250_000, 0), undefined, { ...price, tiers: [] })).toBe(250_000 * 500_000)
  })

  test("the price is added beside the provider's metadata, never over it", () => {
    const metadata = { anthropic: { signature: "s" }, modelPool: { member: "b/y" } }
    expect(withMemberPrice(usage(1, 1), metadata, { input: 1, output: 1 })).toEqual({
      ...metadata,
      copilot: { totalNanoAiu: 200_000 },
    })
  })
})

function streaming(member: string): LanguageModelV3 {
  const parts: LanguageModelV3StreamPart[] = [
    { type: "text-delta", id: "t", delta: "hi" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(10, 10),
      providerMetadata: { modelPool: { member } },
    },
  ]
  return {
    specificationVersion: "v3",
    provider: "pool",
    modelId: "p",
    supportedUrls: {},
    doGenerate: async () => ({
      content: [],
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(10, 10),
      warnings: [],
      providerMetadata: { modelPool: { member } },
    }),
    doStream: async () => ({
      stream: new ReadableStream({
        start(controller) {
          for (const part of parts) controller.enqueue(part)
          controller.close()
        },
      }),
    }),
  }
}

async function finishOf(model: LanguageModelV3) {
  const { stream } = await model.doStream({ prompt: [] })
  const parts = await Array.fromAsync(stream as unknown as AsyncIterable<LanguageModelV3StreamPart>)
  return parts.find((part) => part.type === "finish")?.providerMetadata
}

describe("a pool model priced by the member that answered", () => {
  const prices: Record<string, Price> = { "a/x": { input: 5, output: 15 }, "b/y": { input: 0.2, output: 0.8 } }

  test("a call another member answered carries that member's price, in streams and results", async () => {
    const model = pricedByAnsweringMember(streaming("b/y"), "a/x", (member) => prices[member])
    expect(await finishOf(model)).toEqual({ modelPool: { member: "b/y" }, copilot: { totalNanoAiu: 1_000_000 } })
    expect((await model.doGenerate({ prompt: [] })).providerMetadata?.copilot).toEqual({ totalNanoAiu: 1_000_000 })
  })

  test("a call the recorded model answered, or a member without a price, is left as OpenCode prices it", async () => {
    expect(await finishOf(pricedByAnsweringMember(streaming("a/x"), "a/x", (member) => prices[member]))).toEqual({
      modelPool: { member: "a/x" },
    })
    expect(await finishOf(pricedByAnsweringMember(streaming("c/z"), "a/x", (member) => prices[member]))).toEqual({
      modelPool: { member: "c/z" },
    })
  })
})
