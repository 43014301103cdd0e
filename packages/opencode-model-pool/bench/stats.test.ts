import { describe, expect, test } from "bun:test"
import { formatSummary, summarize } from "./stats.ts"

describe("benchmark summaries", () => {
  test("the median of an odd count is the middle sample, of an even count the mean of the two middle ones", () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 })
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 })
  })

  test("samples that are not numbers are left out, and none at all say so", () => {
    expect(summarize([Number.NaN, 2, Number.POSITIVE_INFINITY])).toEqual({ median: 2, min: 2, max: 2, n: 1 })
    expect(formatSummary(summarize([]), " ms")).toBe("no samples")
  })

  test("a summary prints as median, then range and count", () => {
    expect(formatSummary(summarize([1.04, 1.01, 1.02]), "x", 2)).toBe("1.02x (1.01x to 1.04x, n=3)")
    expect(formatSummary(summarize([12]), " ms")).toBe("12 ms (n=1)")
  })
})
