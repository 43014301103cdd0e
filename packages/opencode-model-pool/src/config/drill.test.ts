import { describe, expect, test } from "bun:test"
import { DRILL_ENV, drillNotice, parseDrill } from "./drill.ts"

const MEMBERS = new Set(["alpha/gpt-main", "beta/gpt-b", "openrouter/google/gemini-2.5-pro"])

describe("fault drills from the environment", () => {
  test("each provider/model=condition entry makes that member play the condition", () => {
    const drill = parseDrill(" alpha/gpt-main=rate_limit, openrouter/google/gemini-2.5-pro = timeout ", MEMBERS)
    expect([...drill.members]).toEqual([
      ["alpha/gpt-main", "rate_limit"],
      ["openrouter/google/gemini-2.5-pro", "timeout"],
    ])
    expect(drill.problems).toEqual([])
  })

  test("no variable, or an empty one, is no drill and says nothing", () => {
    expect(parseDrill(undefined, MEMBERS)).toEqual({ members: new Map(), problems: [] })
    expect(drillNotice(parseDrill(" , ", MEMBERS))).toBeUndefined()
  })

  test("an entry that is not one, or names an unknown condition, is told by its text and ignored", () => {
    const drill = parseDrill("alpha/gpt-main, beta/gpt-b=ratelimit, gpt-x=timeout", MEMBERS)
    expect(drill.members.size).toBe(0)
    expect(drill.problems).toEqual([
      `${DRILL_ENV}: "alpha/gpt-main" is not provider/model=condition; it is ignored`,
      `${DRILL_ENV}: "beta/gpt-b=ratelimit": "ratelimit" is not one of rate_limit, timeout, provider_unavailable, token_limit; it is ignored`,
      `${DRILL_ENV}: "gpt-x=timeout" is not provider/model=condition; it is ignored`,
    ])
  })

  test("a member in no pool is drilled but told, since no call would show it", () => {
    const drill = parseDrill("zeta/m=timeout", MEMBERS)
    expect(drill.members.get("zeta/m")).toBe("timeout")
    expect(drill.problems).toEqual([`${DRILL_ENV}: "zeta/m=timeout": zeta/m is in no pool, so no call plays it`])
  })

  test("the notice names every drilled member and how to end the drill", () => {
    expect(drillNotice(parseDrill("alpha/gpt-main=rate_limit,beta/gpt-b=provider_unavailable", MEMBERS))).toBe(
      `fault drill active (${DRILL_ENV}): alpha/gpt-main plays rate_limit, beta/gpt-b plays provider_unavailable, in this process only, without requests; unset ${DRILL_ENV} to end it`,
    )
  })
})
