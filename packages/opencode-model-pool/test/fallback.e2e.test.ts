import { readFileSync } from "node:fs"
import { describe, expect, test } from "bun:test"
import { answerOf } from "./opencode.ts"
import { poolReport, reportOf, scenario } from "./scenario.ts"

const E2E = 90_000

describe("in-turn fallback in the real opencode CLI", () => {
  test(
    "provider A (OpenAI format) rate-limited: provider B (Anthropic format) answers the same turn",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
        "claude-sonnet-4-5": { kind: "text", text: "answer from anthropic" },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("answer from anthropic")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
      const report = reportOf(result)
      expect(report?.member).toBe("anthropic/claude-sonnet-4-5")
      // What the run printed is what the session stores.
      expect(poolReport(await s.exportOf(result))).toEqual(report!)
      expect(report?.attempts).toMatchObject([{ member: "alpha/gpt-main", condition: "rate_limit", status: 429 }])
      expect(result.stderr).toContain("alpha/gpt-main -> anthropic/claude-sonnet-4-5 (rate_limit)")
    },
    E2E,
  )

  test(
    "cheap then strong: the cheap member's context overflow moves to the stronger member's larger window",
    async () => {
      await using s = await scenario({
        "gpt-cheap": { kind: "context_overflow" },
        "claude-sonnet-4-5": { kind: "text", text: "the strong model took it" },
      })
      s.configure({
        agent: { build: { models: ["anthropic/claude-sonnet-4-5", "alpha/gpt-cheap"], strategy: "cost_first" } },
      })
      const result = await s.ask("a long task")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("the strong model took it")
      expect(s.calls()).toEqual(["openai:gpt-cheap", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "light and coding agents each use their own pool",
    async () => {
      await using s = await scenario({
        "gemini-2.5-flash": { kind: "rate_limit", retry_after_s: 30 },
        "claude-sonnet-4-5": { kind: "overloaded" },
        "*": { kind: "text" },
      })
      s.configure({
        agent: {
          plan: { models: ["google/gemini-2.5-flash", "alpha/gpt-cheap"] },
          build: { models: ["anthropic/claude-sonnet-4-5", "alpha/gpt-main"] },
        },
      })
      const light = await s.ask("plan it", ["--agent", "plan"])
      expect(light.code).toBe(0)
      expect(answerOf(light)).toBe("ok from gpt-cheap")
      const coding = await s.ask("build it", ["--agent", "build"])
      expect(coding.code).toBe(0)
      expect(answerOf(coding)).toBe("ok from gpt-main")
      expect(s.calls()).toEqual([
        "google:gemini-2.5-flash",
        "openai:gpt-cheap",
        "anthropic:claude-sonnet-4-5",
        "openai:gpt-main",
      ])
    },
    E2E,
  )

  test(
    "a condition not in fallback_on is handled as stock OpenCode handles it: the primary is retried",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          { kind: "rate_limit", retry_after_ms: 200 },
          { kind: "text", text: "primary after its retry" },
        ],
        "*": { kind: "text" },
      })
      s.configure({
        agent: {
          build: {
            model: "alpha/gpt-main",
            fallbacks: ["anthropic/claude-sonnet-4-5"],
            fallback_on: ["provider_unavailable"],
          },
        },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("primary after its retry")
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-main"])
    },
    E2E,
  )

  test(
    "a silent member fails over at the first-token deadline",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "hang" },
        "claude-sonnet-4-5": { kind: "text", text: "anthropic was awake" },
      })
      s.configure({
        agent: {
          build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"], first_token_timeout_ms: 1500 },
        },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("anthropic was awake")
      const report = reportOf(result)
      expect(report?.attempts).toMatchObject([{ member: "alpha/gpt-main", condition: "timeout" }])
    },
    E2E,
  )

  test(
    "every member down: one clear error listing the attempts and a non-zero exit",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_ms: 100 },
        "claude-sonnet-4-5": { kind: "rate_limit", retry_after_ms: 100 },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("hello")
      expect(result.code).not.toBe(0)
      const error = result.events.find((event) => event.type === "error")
      const message = JSON.stringify(error?.error)
      expect(message).toContain("All 2 attempts of agent.build failed")
      expect(message).toContain("alpha/gpt-main: rate_limit (429")
      expect(message).toContain("anthropic/claude-sonnet-4-5: rate_limit (429")
    },
    E2E,
  )

  test(
    "every member down: OpenCode's retry waits until the rate-limited primary recovers, then it answers",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          { kind: "rate_limit", retry_after_s: 4 },
          { kind: "text", text: "back after the wait" },
        ],
        "claude-sonnet-4-5": { kind: "unauthorized" },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("back after the wait")
      // The pool told OpenCode when its first member recovers: the retry goes to it, and not a moment early
      // (OpenCode's own back-off would have come back after about 2 s, found the primary cooling and given up).
      const primary = s.fake.requests.filter((request) => request.model === "gpt-main")
      expect(primary).toHaveLength(2)
      expect(primary[1]!.at - primary[0]!.at).toBeGreaterThanOrEqual(4_000)
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5", "openai:gpt-main"])
    },
    E2E,
  )

  test(
    "every member down and none recovers soon: one error, no retry, and no member asked twice",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_s: 3_600 },
        "claude-sonnet-4-5": { kind: "unauthorized" },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("hello")
      expect(result.code).not.toBe(0)
      const message = JSON.stringify(result.events.find((event) => event.type === "error")?.error)
      expect(message).toContain("No member of agent.build can answer now")
      expect(message).toContain("anthropic/claude-sonnet-4-5 rejected its credentials")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "a member OpenCode never created still gets OpenCode's header timeout from its provider's options",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_s: 60 },
        "claude-sonnet-4-5": { kind: "text", delay_ms: 20_000, text: "too late" },
        "gpt-b": { kind: "text", text: "beta answered" },
      })
      const anthropic = s.providers().anthropic!
      s.configure({
        provider: {
          ...s.providers(),
          anthropic: { ...anthropic, options: { ...(anthropic.options as object), headerTimeout: 1_000 } },
        },
        agent: {
          build: {
            model: "alpha/gpt-main",
            fallbacks: ["anthropic/claude-sonnet-4-5", "beta/gpt-b"],
            first_token_timeout_ms: false,
          },
        },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("beta answered")
      const report = reportOf(result)
      expect(report?.attempts).toMatchObject([
        { member: "alpha/gpt-main", condition: "rate_limit" },
        { member: "anthropic/claude-sonnet-4-5", condition: "timeout" },
      ])
    },
    E2E,
  )

  test(
    "a user abort never triggers a fallback",
    async () => {
      await using s = await scenario({ "gpt-main": { kind: "hang" }, "*": { kind: "text" } })
      s.configure({
        agent: {
          build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"], first_token_timeout_ms: false },
        },
      })
      const running = s.ask("hello")
      await s.fake.waitForRequests(1, 30_000)
      s.box.interrupt()
      const result = await running
      expect(result.code).not.toBe(0)
      await Bun.sleep(300)
      expect(s.calls()).toEqual(["openai:gpt-main"])
    },
    E2E,
  )

  test(
    "a member whose model the provider does not have is skipped with a warning naming it, and sits out an hour",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "model_not_found" },
        "claude-sonnet-4-5": { kind: "text", text: "answered without the missing model" },
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("answered without the missing model")
      expect(result.stderr).toContain("alpha/gpt-main: the provider has no such model")
      const state = JSON.parse(readFileSync(s.box.stateFile, "utf8"))
      const record = state.members["alpha/gpt-main"]
      expect(record.until - record.at).toBeGreaterThanOrEqual(3_600_000)
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "a Gemini stream error, which its package reads as an empty answer, falls back once instead of looping",
    async () => {
      await using s = await scenario({
        "gemini-2.5-flash": { kind: "stream_error" },
        "gpt-main": { kind: "text", text: "answered after the empty gemini stream" },
      })
      s.configure({ agent: { build: { models: ["google/gemini-2.5-flash", "alpha/gpt-main"] } } })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("answered after the empty gemini stream")
      expect(s.calls()).toEqual(["google:gemini-2.5-flash", "openai:gpt-main"])
      expect(reportOf(result)?.attempts).toMatchObject([
        { member: "google/gemini-2.5-flash", condition: "provider_unavailable" },
      ])
    },
    E2E,
  )
})
