// A fault drill in a real `opencode run`: the user watches a healthy primary's fallback before an outage does it.
import { existsSync, readFileSync } from "node:fs"
import { describe, expect, test } from "bun:test"
import { answerOf } from "./opencode.ts"
import { reportOf, scenario } from "./scenario.ts"

describe("fault drills", () => {
  test("a drilled healthy primary falls back in a real run, with the drill named in the output", async () => {
    await using s = await scenario(
      { "*": { kind: "text" } },
      { OPENCODE_MODEL_POOL_DRILL: "alpha/gpt-main=rate_limit" },
    )
    s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } } })
    const result = await s.ask("hello")
    expect(result.code).toBe(0)
    expect(answerOf(result)).toBe("ok from gpt-b")
    // The primary was sent nothing: the drill played its 429.
    expect(s.fake.requests.map((request) => request.model)).toEqual(["gpt-b"])
    expect(result.stderr).toContain(
      "fault drill active (OPENCODE_MODEL_POOL_DRILL): alpha/gpt-main plays rate_limit, in this process only",
    )
    expect(result.stderr).toContain("answered by beta/gpt-b; alpha/gpt-main drill: rate_limit")
    expect(reportOf(result)?.attempts).toMatchObject([
      { member: "alpha/gpt-main", condition: "rate_limit", drill: true },
    ])
    // Nothing is recorded for other processes: without the drill the primary answers at once.
    const state = existsSync(s.box.stateFile) ? JSON.parse(readFileSync(s.box.stateFile, "utf8")) : { members: {} }
    expect(state.members).toEqual({})
  }, 60_000)
})
