// Hedged first tokens with the real opencode binary: a primary that holds its answer back for 20 s is joined by
// the next member at hedge_after_ms, which answers; the primary's connection is closed and the answer appears once.
import { describe, expect, test } from "bun:test"
import { answerOf } from "./opencode.ts"
import { reportOf, scenario } from "./scenario.ts"

describe("hedged first tokens", () => {
  test("hedge_after_ms 2000 and a primary that answers after 20 s: the next member answers, the slow request is closed", async () => {
    await using s = await scenario({
      "gpt-main": { kind: "text", text: "slow answer", delay_ms: 20_000 },
      "gpt-b": { kind: "text", text: "fast answer" },
    })
    s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"], hedge_after_ms: 2_000 } } })
    const result = await s.ask("hello")
    expect(result.code).toBe(0)
    // One answer, the hedge's, exactly once.
    expect(answerOf(result)).toBe("fast answer")
    const [slow, fast] = s.fake.requests
    expect(s.fake.requests.map((request) => request.model)).toEqual(["gpt-main", "gpt-b"])
    // The slow request was never answered: its connection was closed when the hedge won.
    expect(slow?.answered).toBeUndefined()
    expect(slow?.abandoned).toBeDefined()
    expect(fast?.answered).toBeDefined()
    expect(reportOf(result)).toMatchObject({
      member: "beta/gpt-b",
      attempts: [{ member: "alpha/gpt-main", condition: "timeout", hedged: true }],
    })
    expect(result.stderr).toContain("answered by beta/gpt-b; alpha/gpt-main slow, overtaken by a hedge")
    // For the record, not asserted: when the hedge started after the slow request arrived, and when it was closed.
    console.log(
      `hedge started ${((fast?.at ?? 0) - (slow?.at ?? 0)).toFixed(0)} ms after the slow request; closed ${((slow?.abandoned ?? 0) - (slow?.at ?? 0)).toFixed(0)} ms after it`,
    )
  }, 60_000)
})
