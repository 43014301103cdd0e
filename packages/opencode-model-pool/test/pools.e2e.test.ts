import { describe, expect, test } from "bun:test"
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { answerOf, PLUGIN } from "./opencode.ts"
import { reportOf, scenario } from "./scenario.ts"

const E2E = 90_000
const CODING = { models: ["alpha/gpt-main", "anthropic/claude-sonnet-4-5"] }
const LIGHT = { models: ["alpha/small", "beta/gpt-tiny"] }
const FALLBACK_LINE = "[model-pool] answered by anthropic/claude-sonnet-4-5; alpha/gpt-main rate limit"
const RATE_LIMITED_PRIMARY = {
  "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
  "claude-sonnet-4-5": { kind: "text", text: "answered by the coding pool" },
} as const

describe("pool/<name> wherever OpenCode takes a model", () => {
  test(
    "as an agent's model",
    async () => {
      await using s = await scenario(RATE_LIMITED_PRIMARY)
      s.configure({ plugin: [[PLUGIN, { pools: { coding: CODING } }]], agent: { build: { model: "pool/coding" } } })
      const result = await s.ask("hello")
      expect(answerOf(result)).toBe("answered by the coding pool")
      expect(result.stderr).toContain(FALLBACK_LINE)
      expect(reportOf(result)?.member).toBe("anthropic/claude-sonnet-4-5")
    },
    E2E,
  )

  test(
    "as the global model",
    async () => {
      await using s = await scenario(RATE_LIMITED_PRIMARY)
      s.configure({ plugin: [[PLUGIN, { pools: { coding: CODING } }]], model: "pool/coding" })
      const result = await s.ask("hello")
      expect(answerOf(result)).toBe("answered by the coding pool")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "with opencode run -m",
    async () => {
      await using s = await scenario(RATE_LIMITED_PRIMARY)
      s.configure({ plugin: [[PLUGIN, { pools: { coding: CODING } }]] })
      const result = await s.ask("hello", ["-m", "pool/coding"])
      expect(answerOf(result)).toBe("answered by the coding pool")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "as a command's model",
    async () => {
      await using s = await scenario(RATE_LIMITED_PRIMARY)
      s.configure({
        plugin: [[PLUGIN, { pools: { coding: CODING } }]],
        command: { review: { template: "Review the code", model: "pool/coding" } },
      })
      const result = await s.box.run(["--title", "e2e", "--command", "review"])
      expect(answerOf(result)).toBe("answered by the coding pool")
      expect(s.calls()).toEqual(["openai:gpt-main", "anthropic:claude-sonnet-4-5"])
    },
    E2E,
  )

  test(
    "in the model list the pickers show",
    async () => {
      await using s = await scenario({})
      s.configure({ plugin: [[PLUGIN, { pools: { coding: CODING, light: LIGHT } }]] })
      // Only the pool provider's models: the whole catalog is long enough that OpenCode may exit before a
      // loaded machine has drained all of it from the pipe.
      const models = (await s.box.exec(["models", "pool"])).stdout.split("\n")
      expect(models.filter((line) => line.startsWith("pool/")).sort()).toEqual(["pool/coding", "pool/light"])
    },
    E2E,
  )

  test(
    "as small_model: a title call on an exhausted provider falls back",
    async () => {
      await using s = await scenario({
        small: { kind: "rate_limit", retry_after_s: 30, quota: true },
        "gpt-tiny": { kind: "text", text: "Title From The Fallback" },
        "gpt-main": { kind: "text", text: "main answer" },
      })
      s.configure({ plugin: [[PLUGIN, { pools: { light: LIGHT } }]], small_model: "pool/light" })
      const result = await s.box.run(["hello"])
      expect(answerOf(result)).toBe("main answer")
      expect(s.calls()).toContain("openai:small")
      expect(s.calls()).toContain("openai:gpt-tiny")
      const session = await s.exportOf(result)
      expect(JSON.stringify(session)).toContain("Title From The Fallback")
    },
    E2E,
  )

  test(
    "the TUI is told: one toast names the member that answered and why the members before it failed",
    async () => {
      await using s = await scenario(RATE_LIMITED_PRIMARY)
      // A second plugin records every toast OpenCode publishes, as the TUI would receive it.
      const toasts = join(s.box.root, "toasts.jsonl")
      const recorder = join(s.box.root, "toast-recorder.ts")
      writeFileSync(
        recorder,
        `import { appendFileSync } from "node:fs"\n` +
          `export default { id: "toast-recorder", server: async () => ({ event: async ({ event }) => {\n` +
          `  if (event.type === "tui.toast.show") appendFileSync(${JSON.stringify(toasts)}, JSON.stringify(event.properties) + "\\n")\n` +
          `} }) }\n`,
      )
      s.configure({
        plugin: [PLUGIN, `file://${recorder}`],
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
      })
      expect((await s.ask("hello")).code).toBe(0)
      const shown = readFileSync(toasts, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line))
      // One toast, not one per hop: the TUI shows one at a time, so each would replace the last.
      expect(shown).toEqual([
        expect.objectContaining({
          title: "Model pool",
          message: "answered by anthropic/claude-sonnet-4-5; alpha/gpt-main rate limit",
          variant: "warning",
        }),
      ])
    },
    E2E,
  )
})

describe("subagents", () => {
  test(
    "a subagent started by the task tool falls back in its own pool and the parent turn completes",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          {
            kind: "tool_call",
            name: "task",
            input: { description: "review the change", prompt: "Review it", subagent_type: "reviewer" },
          },
          { kind: "text", text: "parent done after the review" },
        ],
        "gpt-b": { kind: "rate_limit", retry_after_s: 30 },
        "claude-sonnet-4-5": { kind: "text", text: "review: looks good" },
      })
      s.configure({
        agent: {
          build: { model: "alpha/gpt-main" },
          reviewer: {
            mode: "subagent",
            description: "Reviews changes",
            model: "beta/gpt-b",
            fallbacks: ["anthropic/claude-sonnet-4-5"],
          },
        },
      })
      const result = await s.ask("please get this reviewed")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toContain("parent done after the review")
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-b", "anthropic:claude-sonnet-4-5", "openai:gpt-main"])
      const tool = result.events.find((event) => event.type === "tool_use")
      expect(JSON.stringify(tool?.part)).toContain("review: looks good")
    },
    E2E,
  )

  test(
    "a subagent without a pool of its own falls back in its parent's pool",
    async () => {
      await using s = await scenario({
        "gpt-main": [
          {
            kind: "tool_call",
            name: "task",
            input: { description: "look around", prompt: "Look around", subagent_type: "general" },
          },
          { kind: "rate_limit", retry_after_s: 30 },
        ],
        "claude-sonnet-4-5": [
          { kind: "text", text: "the subagent answered from the fallback" },
          { kind: "text", text: "parent done" },
        ],
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const result = await s.ask("delegate this")
      expect(result.code).toBe(0)
      // The parent's next step starts on the fallback too: the primary cools down after the subagent's 429.
      expect(s.calls()).toEqual([
        "openai:gpt-main",
        "openai:gpt-main",
        "anthropic:claude-sonnet-4-5",
        "anthropic:claude-sonnet-4-5",
      ])
      const tool = result.events.find((event) => event.type === "tool_use")
      expect(JSON.stringify(tool?.part)).toContain("the subagent answered from the fallback")
      expect(answerOf(result)).toContain("parent done")
    },
    E2E,
  )
})
