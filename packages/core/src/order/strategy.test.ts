import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY, type ResolvedPolicy } from "../config/defaults.ts"
import { blendedPrice, type MemberInfo } from "./member-info.ts"
import { orderByStrategy } from "./strategy.ts"

const members = ["a/strong", "b/cheap", "c/unknown", "d/mid"]
const catalog: Record<string, MemberInfo> = {
  "a/strong": { cost: { input: 15, output: 75 } },
  "b/cheap": { cost: { input: 0.1, output: 0.4 } },
  "d/mid": { cost: { input: 3, output: 15 } },
}
const lookup = (member: string) => catalog[member]
const policy = (overrides: Partial<ResolvedPolicy>): ResolvedPolicy => ({ ...DEFAULT_POLICY, ...overrides })

describe("strategies", () => {
  test("sequential keeps the configured order", () => {
    expect(orderByStrategy(members, policy({ strategy: "sequential" }), lookup, 7)).toEqual(members)
  })

  test("round_robin rotates the first member with each call", () => {
    const order = (cursor: number) => orderByStrategy(members, policy({ strategy: "round_robin" }), lookup, cursor)
    expect([0, 1, 2, 3, 4].map((cursor) => order(cursor)[0])).toEqual([
      "a/strong",
      "b/cheap",
      "c/unknown",
      "d/mid",
      "a/strong",
    ])
    expect(order(1)).toEqual(["b/cheap", "c/unknown", "d/mid", "a/strong"])
  })

  test("cost_first puts the cheapest catalog price first and unknown prices last", () => {
    expect(orderByStrategy(members, policy({ strategy: "cost_first" }), lookup, 0)).toEqual([
      "b/cheap",
      "d/mid",
      "a/strong",
      "c/unknown",
    ])
  })

  test("quality_first puts explicit scores first, then the priciest as a proxy", () => {
    const quality = { "b/cheap": 9, "c/unknown": 5 }
    expect(orderByStrategy(members, policy({ strategy: "quality_first", quality }), lookup, 0)).toEqual([
      "b/cheap",
      "c/unknown",
      "a/strong",
      "d/mid",
    ])
  })

  test("quality_first without scores orders by price, highest first", () => {
    expect(orderByStrategy(members, policy({ strategy: "quality_first" }), lookup, 0)).toEqual([
      "a/strong",
      "d/mid",
      "b/cheap",
      "c/unknown",
    ])
  })

  test("round_robin counts a negative or large cursor around the list, and an empty pool stays empty", () => {
    const order = (cursor: number) => orderByStrategy(members, policy({ strategy: "round_robin" }), lookup, cursor)
    expect(order(-1)).toEqual(["d/mid", "a/strong", "b/cheap", "c/unknown"])
    expect(order(-5)).toEqual(["d/mid", "a/strong", "b/cheap", "c/unknown"])
    expect(order(6)).toEqual(["c/unknown", "d/mid", "a/strong", "b/cheap"])
    expect(orderByStrategy([], policy({ strategy: "round_robin" }), lookup, 3)).toEqual([])
  })

  test("equal prices, and unknown prices, keep the configured order", () => {
    const same = { cost: { input: 1, output: 1 } }
    const prices: Record<string, MemberInfo> = { "p/1": same, "p/2": same, "p/3": { cost: { input: 0, output: 0 } } }
    const order = ["u/1", "p/1", "u/2", "p/2", "p/3"]
    expect(orderByStrategy(order, policy({ strategy: "cost_first" }), (member) => prices[member], 0)).toEqual([
      "p/3",
      "p/1",
      "p/2",
      "u/1",
      "u/2",
    ])
    expect(orderByStrategy(order, policy({ strategy: "quality_first" }), (member) => prices[member], 0)).toEqual([
      "p/1",
      "p/2",
      "p/3",
      "u/1",
      "u/2",
    ])
  })

  test("quality_first counts a score of 0 or below as a score, and keeps configured order between equal scores", () => {
    const quality = { "d/mid": 0, "c/unknown": -1, "b/cheap": 0 }
    expect(orderByStrategy(members, policy({ strategy: "quality_first", quality }), lookup, 0)).toEqual([
      "b/cheap",
      "d/mid",
      "c/unknown",
      "a/strong",
    ])
  })

  test("the pool's cursor moves only round_robin", () => {
    for (const strategy of ["sequential", "cost_first", "quality_first"] as const)
      expect(orderByStrategy(members, policy({ strategy }), lookup, 1)).toEqual(
        orderByStrategy(members, policy({ strategy }), lookup, 0),
      )
  })
})

describe("blended price", () => {
  test("weighs input three times as much as output, in USD per million tokens", () => {
    expect(blendedPrice({ cost: { input: 2, output: 10 } })).toBe(4)
    expect(blendedPrice({ cost: { input: 0, output: 8 } })).toBe(2)
    expect(blendedPrice({ cost: { input: 4, output: 0 } })).toBe(3)
  })

  test("is unknown without a price, even when the context window is known", () => {
    expect(blendedPrice(undefined)).toBeUndefined()
    expect(blendedPrice({ contextWindow: 200_000 })).toBeUndefined()
  })
})
