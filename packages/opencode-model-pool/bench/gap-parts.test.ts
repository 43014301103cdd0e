import { describe, expect, test } from "bun:test"
import type { TraceMark } from "../src/module/trace.ts"
import { gapParts, readMarks } from "./gap-parts.ts"

const member = (model: string) => (model === "gpt-main" ? "alpha/gpt-main" : "beta/gpt-b")

describe("a fallback's gap in parts", () => {
  const requests = [
    { model: "gpt-main", at: 1000, answered: 1002 },
    { model: "gpt-b", at: 1020, answered: 1025 },
  ]
  const marks: TraceMark[] = [
    { event: "member.start", model: "alpha/gpt-main", at: 990 },
    { event: "member.fetch", model: "alpha/gpt-main", at: 991 },
    { event: "member.response", model: "alpha/gpt-main", at: 1006 },
    { event: "member.failed", model: "alpha/gpt-main", at: 1007 },
    { event: "member.start", model: "beta/gpt-b", at: 1008.5 },
    { event: "member.fetch", model: "beta/gpt-b", at: 1009 },
    { event: "member.response", model: "beta/gpt-b", at: 1030 },
  ]

  test("the parts run from the failed request's arrival to the backup's, and add up to the gap", () => {
    const parts = gapParts(requests, marks, "gpt-main", "gpt-b", member)
    expect(parts).toEqual({ gap: 20, answer: 6, package: 1, pool: 1.5, build: 0.5, transit: 11 })
    const { gap, ...rest } = parts!
    expect(Object.values(rest).reduce((sum, part) => sum + part, 0)).toBe(gap)
  })

  test("a run without the backup, or without the marks, has no parts", () => {
    expect(gapParts(requests.slice(0, 1), marks, "gpt-main", "gpt-b", member)).toBeUndefined()
    expect(gapParts(requests, marks.slice(0, 3), "gpt-main", "gpt-b", member)).toBeUndefined()
  })

  test("marks are read one JSON object per line, blank lines skipped", () => {
    expect(
      readMarks('{"event":"member.start","model":"a/b","at":1}\n\n{"event":"startup.warm","from":1,"at":3}\n'),
    ).toEqual([
      { event: "member.start", model: "a/b", at: 1 },
      { event: "startup.warm", from: 1, at: 3 },
    ])
  })
})
