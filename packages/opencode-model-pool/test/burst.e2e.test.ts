// Sessions of one `opencode serve` that hit a failing member together: one incident, one cooldown, every session
// answered by the fallback.
import { readFileSync } from "node:fs"
import { describe, expect, test } from "bun:test"
import { scenario } from "./scenario.ts"
import { startServer } from "./serve.ts"

const SESSIONS = 6

describe("a burst of failures", () => {
  test("six concurrent sessions against a 503 member record the cooldown of a single failure, and each is answered by the fallback", async () => {
    await using s = await scenario({
      // Held for a second, so the sessions' requests are in flight together when the first failure comes back.
      "gpt-main": { kind: "server_error", status: 503, delay_ms: 1_000 },
      "claude-sonnet-4-5": { kind: "text", text: "the fallback answered" },
    })
    s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
    await using server = await startServer(s)
    const sessions = await Promise.all(Array.from({ length: SESSIONS }, () => server.session(s.box.project)))
    const answers = await Promise.all(
      sessions.map((session) => server.prompt(s.box.project, session, "build", "hello")),
    )
    expect(answers).toEqual(Array.from({ length: SESSIONS }, () => "the fallback answered"))
    const primary = s.calls().filter((call) => call === "openai:gpt-main").length
    expect(primary).toBeGreaterThanOrEqual(1)
    expect(s.calls().filter((call) => call === "anthropic:claude-sonnet-4-5")).toHaveLength(SESSIONS)
    const record = JSON.parse(readFileSync(s.box.stateFile, "utf8")).members["alpha/gpt-main"]
    // One failure's cooldown (the guide's 30 s), not an escalation per session (120 s, 480 s ... 1,800 s).
    expect(record).toMatchObject({ failures: 1, condition: "provider_unavailable" })
    expect(record.until - record.at).toBeGreaterThan(25_000)
    expect(record.until - record.at).toBeLessThanOrEqual(30_000)
  }, 120_000)
})
