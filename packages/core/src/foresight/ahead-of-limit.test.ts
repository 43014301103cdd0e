import { describe, expect, test } from "bun:test"
import { aheadOfLimit } from "./ahead-of-limit.ts"
import type { LimitWindow } from "./limit-windows.ts"

const NOW = 1_000_000

const requests = (remaining: number, resetAt?: number): LimitWindow => ({
  kind: "requests",
  header: "x-ratelimit-remaining-requests",
  remaining,
  spent: remaining <= 0,
  ...(resetAt === undefined ? {} : { resetAt }),
})

const tokens = (remaining: number, resetAt: number): LimitWindow => ({
  kind: "tokens",
  header: "x-ratelimit-remaining-tokens",
  remaining,
  spent: remaining <= 0,
  resetAt,
})

describe("cooling ahead of a limit", () => {
  test("a spent request window cools the member until it resets", () => {
    expect(aheadOfLimit([requests(0, NOW + 30_000)], 100, NOW)).toEqual({
      until: NOW + 30_000,
      reason: "x-ratelimit-remaining-requests: 0",
      subscription: false,
    })
  })

  test("a window with requests left lets the next call through", () => {
    expect(aheadOfLimit([requests(1, NOW + 30_000)], 100, NOW)).toBeUndefined()
  })

  test("fewer tokens left than the next call needs cools it; as many or more does not", () => {
    expect(aheadOfLimit([tokens(1_500, NOW + 60_000)], 20_000, NOW)).toEqual({
      until: NOW + 60_000,
      reason: "x-ratelimit-remaining-tokens: 1500 < ~20000 tokens",
      subscription: false,
    })
    expect(aheadOfLimit([tokens(20_000, NOW + 60_000)], 20_000, NOW)).toBeUndefined()
    expect(aheadOfLimit([tokens(1_500, NOW + 60_000)], undefined, NOW)).toBeUndefined()
  })

  test("output-token windows never stop a call on its prompt size", () => {
    const output: LimitWindow = { kind: "output_tokens", header: "h", remaining: 10, spent: false, resetAt: NOW + 1 }
    expect(aheadOfLimit([output], 20_000, NOW)).toBeUndefined()
  })

  test("without a reset time, or with one already past, nothing is guessed", () => {
    expect(aheadOfLimit([requests(0)], 100, NOW)).toBeUndefined()
    expect(aheadOfLimit([requests(0, NOW)], 100, NOW)).toBeUndefined()
    expect(aheadOfLimit([requests(0, NOW - 1)], 100, NOW)).toBeUndefined()
  })

  test("several stopping windows: the member waits for the last of them, and every reason is told", () => {
    const subscription: LimitWindow = {
      kind: "subscription",
      header: "x-codex-primary-used-percent",
      spent: true,
      resetAt: NOW + 3_600_000,
    }
    expect(aheadOfLimit([requests(0, NOW + 30_000), subscription, requests(5, NOW + 9e9)], 10, NOW)).toEqual({
      until: NOW + 3_600_000,
      reason: "x-ratelimit-remaining-requests: 0, x-codex-primary-used-percent used up",
      subscription: true,
    })
  })
})
