import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY, type ResolvedPolicy } from "../config/defaults.ts"
import type { MemberInfo } from "./member-info.ts"
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
})
