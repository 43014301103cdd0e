import { describe, expect, test } from "bun:test"
import type { CallFacts } from "./call-facts.ts"
import { skipsFor, unfitReason } from "./fit.ts"

const call = (facts: Partial<CallFacts> = {}): CallFacts => ({
  tokens: 1_000,
  inputs: new Set(),
  tools: false,
  ...facts,
})

describe("whether a member can serve a call", () => {
  test("the window must hold the call and the output it reserves (the smaller of member limit and call)", () => {
    expect(unfitReason({ contextWindow: 8_000 }, call({ tokens: 17_000 }))).toBe("context 8000 < ~17000 tokens")
    expect(unfitReason({ contextWindow: 8_000, outputLimit: 4_000 }, call({ tokens: 5_000 }))).toBe(
      "context 8000 < ~9000 tokens",
    )
    expect(
      unfitReason({ contextWindow: 8_000, outputLimit: 4_000 }, call({ tokens: 5_000, maxOutputTokens: 1_000 })),
    ).toBe(undefined)
    expect(unfitReason({ contextWindow: 8_000 }, call({ tokens: 5_000, maxOutputTokens: 3_000 }))).toBe(undefined)
    expect(unfitReason({ contextWindow: 8_000 }, call({ tokens: 5_000, maxOutputTokens: 3_001 }))).toBe(
      "context 8000 < ~8001 tokens",
    )
  })

  test("every file kind of the call must be in the member's inputs", () => {
    const image = call({ inputs: new Set(["image"]) })
    expect(unfitReason({ input: [] }, image)).toBe("no image input")
    expect(unfitReason({ input: ["image"] }, image)).toBeUndefined()
    expect(unfitReason({ input: ["image"] }, call({ inputs: new Set(["image", "pdf", "audio"]) }))).toBe(
      "no pdf, audio input",
    )
  })

  test("a call with tools needs a member that calls tools", () => {
    expect(unfitReason({ toolCall: false }, call({ tools: true }))).toBe("no tool calls")
    expect(unfitReason({ toolCall: false }, call())).toBeUndefined()
    expect(unfitReason({ toolCall: true }, call({ tools: true }))).toBeUndefined()
  })

  test("what the catalog does not say never rules a member out", () => {
    expect(unfitReason(undefined, call({ tokens: 1e9, tools: true, inputs: new Set(["video"]) }))).toBeUndefined()
    expect(unfitReason({}, call({ tokens: 1e9, tools: true, inputs: new Set(["video"]) }))).toBeUndefined()
  })
})

describe("which members a call passes by", () => {
  const small = { contextWindow: 8_000 }
  const large = { contextWindow: 200_000 }
  const big = call({ tokens: 20_000 })

  test("a member that does not fit is passed by when a later one fits", () => {
    expect(skipsFor([large, small, large], big)).toEqual([undefined, "context 8000 < ~20000 tokens", undefined])
    expect(skipsFor([small, small, large], big)).toEqual([
      "context 8000 < ~20000 tokens",
      "context 8000 < ~20000 tokens",
      undefined,
    ])
  })

  test("one with no later member that fits is kept, so a call nobody fits behaves as without the check", () => {
    expect(skipsFor([large, small], big)).toEqual([undefined, undefined])
    expect(skipsFor([small, small], big)).toEqual([undefined, undefined])
    expect(skipsFor([], big)).toEqual([])
  })
})
