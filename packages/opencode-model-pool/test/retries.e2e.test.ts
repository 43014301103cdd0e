// What the pool does across OpenCode's own retries: a condition outside `fallback_on` keeps the pool on its member
// through the call, OpenCode's retry and the next turn; a pool whose every member is down asks OpenCode for no
// wait longer than the providers asked for, so it ends when stock OpenCode would.
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { describe, expect, test } from "bun:test"
import { answerOf, type RunResult } from "./opencode.ts"
import { scenario, type Session } from "./scenario.ts"

const POOL = { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] }

/** The `[model-pool]` lines a run printed. */
const notices = (result: RunResult) => result.stderr.split("\n").filter((line) => line.startsWith("[model-pool]"))

/** The error OpenCode stored on the turn's last assistant message. */
function storedError(session: Session): { name?: string; data?: Record<string, unknown> } | undefined {
  const assistant = session.messages.filter((message) => message.info.role === "assistant").at(-1)
  return assistant?.info.error as { name?: string; data?: Record<string, unknown> } | undefined
}

// The two tests wait on OpenCode's retry timers (about 80 s for every member down) far more than they compute, so
// they run side by side; each has its own fake provider and sandbox.
describe.concurrent("fallback_on holds across OpenCode's retries and later turns", () => {
  test("a 503 outside fallback_on: no request reaches the fallback in the call, on OpenCode's retry or at the next turn; with the default fallback_on it falls back", async () => {
    await using s = await scenario({
      "gpt-main": [
        { kind: "server_error", status: 503 },
        { kind: "text", text: "primary after OpenCode's retry" },
        { kind: "text", text: "primary on the second turn" },
        { kind: "server_error", status: 503 },
      ],
      "claude-sonnet-4-5": { kind: "text", text: "the fallback answered the outage" },
    })
    s.configure({
      agent: {
        build: { ...POOL, fallback_on: ["rate_limit"] },
        open: { ...POOL, mode: "primary" },
      },
    })
    const first = await s.ask("hello", ["--agent", "build"])
    expect(first.code).toBe(0)
    expect(answerOf(first)).toBe("primary after OpenCode's retry")
    expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-main"])
    expect(notices(first)).toEqual([])

    // The primary cools on the outage for pools that fall back on it (a record the test writes, as a failure
    // whose cooldown outlasts the turn would): this pool keeps its member all the same.
    const now = Date.now()
    mkdirSync(dirname(s.box.stateFile), { recursive: true })
    writeFileSync(
      s.box.stateFile,
      JSON.stringify({
        version: 1,
        members: {
          "alpha/gpt-main": {
            until: now + 3_600_000,
            condition: "provider_unavailable",
            failures: 1,
            quota: false,
            at: now,
          },
        },
        cursors: {},
      }),
    )
    const second = await s.ask("again", ["--agent", "build", "--continue"])
    expect(second.code).toBe(0)
    expect(answerOf(second)).toBe("primary on the second turn")
    expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-main", "openai:gpt-main"])
    expect(second.stderr).not.toContain("cooling down")

    // The pool with the default fallback_on moves on at the same fault, in the same call.
    writeFileSync(s.box.stateFile, JSON.stringify({ version: 1, members: {}, cursors: {} }))
    const open = await s.ask("hello", ["--agent", "open"])
    expect(open.code).toBe(0)
    expect(answerOf(open)).toBe("the fallback answered the outage")
    expect(s.calls().slice(3)).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    expect(notices(open)).toEqual(["[model-pool] answered by anthropic/claude-sonnet-4-5; alpha/gpt-main overloaded"])
  }, 150_000)
})

describe.concurrent("every member down", () => {
  test("without Retry-After the pool asks OpenCode for no wait of its own and the run ends with one error naming every member; with the providers' Retry-After: 30 the retry waits 30 s", async () => {
    await using guessed = await scenario({
      "gpt-main": { kind: "server_error", status: 503 },
      "claude-sonnet-4-5": { kind: "overloaded" },
    })
    await using told = await scenario({
      "gpt-main": [
        { kind: "server_error", status: 503, retry_after_s: 30 },
        { kind: "text", text: "back after 30 s" },
      ],
      "claude-sonnet-4-5": { kind: "overloaded", retry_after_s: 30 },
    })
    guessed.configure({ agent: { build: POOL } })
    told.configure({ agent: { build: POOL } })
    // Both wait on OpenCode's retry timers, not on the CPU: run them side by side.
    const [down, back] = await Promise.all([guessed.ask("hello"), told.ask("hello")])

    // Six calls (OpenCode's first and its five retries), each trying both members.
    expect(down.code).not.toBe(0)
    expect(guessed.calls()).toEqual(
      Array.from({ length: 6 }, () => ["openai:gpt-main", "anthropic:claude-sonnet-4-5"]).flat(),
    )
    const pooled = notices(down)
    expect(pooled.filter((line) => line.includes("every member of agent.build failed"))).toHaveLength(6)
    for (const line of pooled.filter((notice) => notice.includes("every member")))
      expect(line).toEndWith("OpenCode retries on its own schedule, as it would without a pool")
    const error = storedError(await guessed.exportOf(down))
    expect(String(error?.data?.message)).toContain("alpha/gpt-main")
    expect(String(error?.data?.message)).toContain("anthropic/claude-sonnet-4-5")
    // The wait OpenCode read from the pool's error is the last provider error's own: no Retry-After in it.
    const headers = (error?.data?.responseHeaders ?? {}) as Record<string, string>
    expect(headers["retry-after"]).toBeUndefined()
    expect(headers["retry-after-ms"]).toBeUndefined()

    expect(back.code).toBe(0)
    expect(answerOf(back)).toBe("back after 30 s")
    expect(notices(back)).toContain(
      "[model-pool] every member of agent.build failed (alpha/gpt-main overloaded, anthropic/claude-sonnet-4-5 overloaded); OpenCode retries in 30s, as the providers asked",
    )
    // The retry comes once the primary's 30 s are over, counted from its failed request. A lower bound only: a
    // slow machine can make the wait longer, never shorter.
    const [failed, , retried] = told.fake.requests
    expect(told.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5", "openai:gpt-main"])
    expect((retried?.at ?? 0) - (failed?.at ?? 0)).toBeGreaterThanOrEqual(29_500)
  }, 200_000)
})
