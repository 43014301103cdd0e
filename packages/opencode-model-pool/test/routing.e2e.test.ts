import { describe, expect, test } from "bun:test"
import { readFileSync, writeFileSync } from "node:fs"
import { answerOf } from "./opencode.ts"
import { scenario } from "./scenario.ts"
import { RUN_SESSION, startServer } from "./serve.ts"

const E2E = 90_000
const MEMBERS = ["alpha/gpt-main", "beta/gpt-b"]

describe("strategies, cooldowns and context windows in the real opencode CLI", () => {
  test(
    "each strategy decides which member receives the first request",
    async () => {
      // One served OpenCode, an agent per strategy, a fresh session for each.
      const strategies = {
        sequential: { extra: {}, first: "openai:gpt-main" },
        cost_first: { extra: {}, first: "openai:gpt-b" },
        quality_first: { extra: { quality: { "alpha/gpt-main": 1, "beta/gpt-b": 9 } }, first: "openai:gpt-b" },
      }
      await using s = await scenario({ "*": { kind: "text" } })
      s.configure({
        agent: Object.fromEntries(
          Object.entries(strategies).map(([strategy, { extra }]) => [
            strategy,
            { mode: "primary", models: MEMBERS, strategy, ...extra },
          ]),
        ),
      })
      await using server = await startServer(s)
      for (const [strategy, { first }] of Object.entries(strategies)) {
        s.fake.reset()
        const session = await server.session(s.box.project, RUN_SESSION)
        await server.prompt(s.box.project, session, strategy, "hello")
        expect([strategy, s.calls()]).toEqual([strategy, [first]])
      }
    },
    E2E,
  )

  test(
    "after a 429 with Retry-After the member gets no request until it expires, then the primary is used again",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          { kind: "rate_limit", retry_after_s: 600 },
          { kind: "text", text: "primary is back" },
        ],
        "claude-sonnet-4-5": { kind: "text", text: "fallback answer" },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      expect(answerOf(await s.ask("one"))).toBe("fallback answer")
      const state = JSON.parse(readFileSync(s.box.stateFile, "utf8"))
      const record = state.members["alpha/gpt-main"]
      expect(record.until - s.fake.requests[0]!.at).toBeGreaterThanOrEqual(600_000)
      const cooling = await s.ask("two")
      expect(answerOf(cooling)).toBe("fallback answer")
      expect(cooling.stderr).toContain("alpha/gpt-main is cooling down for")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5", "anthropic:claude-sonnet-4-5"])
      // The cooldown ends: the test moves its expiry into the past instead of waiting for it.
      const expired = { ...state, members: { "alpha/gpt-main": { ...record, until: Date.now() - 1 } } }
      writeFileSync(s.box.stateFile, JSON.stringify(expired))
      expect(answerOf(await s.ask("three"))).toBe("primary is back")
      expect(s.calls().at(-1)).toBe("openai:gpt-main")
    },
    E2E,
  )

  test(
    "a context overflow with no larger member runs OpenCode's own compaction, exactly as without the pool",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          { kind: "context_overflow" },
          { kind: "text", text: "summary of the conversation" },
          { kind: "text", text: "answer after compaction" },
        ],
        "*": { kind: "text" },
      })
      s.configure({ plugin: [], agent: { build: { model: "alpha/gpt-main" } } })
      const stock = await s.ask("a very long request")
      const stockCalls = s.calls()
      s.fake.reset()
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-tiny"] } } })
      const pooled = await s.ask("a very long request")
      expect(s.calls()).toEqual(stockCalls)
      expect(stockCalls).toEqual(["openai:gpt-main", "openai:gpt-main", "openai:gpt-main"])
      expect(pooled.code).toBe(stock.code)
      expect(answerOf(pooled)).toBe(answerOf(stock))
      expect(answerOf(pooled)).toContain("answer after compaction")
      const parts = (await s.exportOf(pooled)).messages.flatMap((message) => message.parts)
      expect(parts.some((part) => part.type === "compaction")).toBe(true)
    },
    E2E,
  )
})
