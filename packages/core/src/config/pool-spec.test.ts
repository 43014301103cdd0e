import { describe, expect, test } from "bun:test"
import { memberIssues } from "./pool-spec.ts"

describe("memberIssues", () => {
  test("a list of distinct members has no issues", () => {
    expect(memberIssues("pool.members", ["a/x", "b/y"])).toEqual([])
  })

  test("a member listed twice is named at its second place", () => {
    expect(memberIssues("pool.members", ["a/x", "b/y", "a/x"])).toEqual([
      { path: "pool.members[2]", message: 'pool.members[2]: "a/x" is listed twice; list each model once' },
    ])
  })

  test("the offset maps positions back to the list the user wrote", () => {
    expect(memberIssues("pool.fallbacks", ["a/x", "b/y", "a/x"], { offset: 1 })).toEqual([
      { path: "pool.fallbacks[1]", message: 'pool.fallbacks[1]: "a/x" is listed twice; list each model once' },
    ])
  })

  test("a member the host refuses is named with its reason, before any duplicate check", () => {
    const reject = (member: string) => (member.startsWith("group:") ? "is a group, not a model" : undefined)
    expect(memberIssues("pool.members", ["a/x", "group:g", "group:g", "a/x"], { reject })).toEqual([
      { path: "pool.members[1]", message: 'pool.members[1]: "group:g" is a group, not a model' },
      { path: "pool.members[2]", message: 'pool.members[2]: "group:g" is a group, not a model' },
      { path: "pool.members[3]", message: 'pool.members[3]: "a/x" is listed twice; list each model once' },
    ])
  })
})
