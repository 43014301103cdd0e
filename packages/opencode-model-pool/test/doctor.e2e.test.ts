import { describe, expect, test } from "bun:test"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { opencodeBinary } from "./opencode.ts"
import { KEYS, scenario, type Scenario } from "./scenario.ts"

const E2E = 60_000
const CLI = join(import.meta.dir, "..", "src", "cli.ts")

function doctor(s: Scenario, ...args: string[]) {
  return s.box.command([process.execPath, CLI, ...args, "--opencode", opencodeBinary()])
}

describe("opencode-model-pool doctor", () => {
  test(
    "lists each pool's members in the order they would be tried, with where each key comes from",
    async () => {
      await using s = await scenario({})
      s.configure({
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5", "beta/gpt-b"] } },
      })
      const result = await doctor(s, "doctor")
      expect(result.code).toBe(0)
      const lines = result.stdout.split("\n")
      const members = lines.filter((line) => /^\s+\d\. /.test(line)).map((line) => line.trim())
      expect(members).toEqual([
        "1. alpha/gpt-main  ready  @ai-sdk/openai-compatible, key from config apiKey",
        "2. anthropic/claude-sonnet-4-5  ready  @ai-sdk/anthropic, key from environment ANTHROPIC_API_KEY",
        "3. beta/gpt-b  ready  @ai-sdk/openai-compatible, key from config apiKey",
      ])
      expect(result.stdout).toContain("agent build: strategy sequential")
      expect(result.stdout).toContain("no problems found")
      for (const key of Object.values(KEYS)) expect(result.stdout + result.stderr).not.toContain(key)
    },
    E2E,
  )

  test(
    "names a member on a package that cannot be a pool member, with the reason, and fails",
    async () => {
      await using s = await scenario({})
      s.configure({
        agent: { plan: { model: "alpha/gpt-cheap", fallbacks: ["github-copilot/gpt-5"] } },
      })
      const result = await doctor(s, "doctor")
      expect(result.code).toBe(1)
      expect(result.stdout).toContain(
        "agent.plan: member github-copilot/gpt-5 uses @ai-sdk/github-copilot, which cannot be a pool member: OpenCode's own Copilot client is not published on npm",
      )
    },
    E2E,
  )

  test(
    "shows a member in cooldown last with its time left, and reset clears it",
    async () => {
      await using s = await scenario({})
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      mkdirSync(dirname(s.box.stateFile), { recursive: true })
      // An hour: the doctor reads it well within ten minutes, however loaded the machine.
      const until = Date.now() + 3_600_000
      writeFileSync(
        s.box.stateFile,
        JSON.stringify({
          version: 1,
          members: { "alpha/gpt-main": { until, condition: "rate_limit", failures: 2, quota: false, at: Date.now() } },
          cursors: {},
        }),
      )
      const cooling = await doctor(s, "doctor")
      const members = cooling.stdout.split("\n").filter((line) => /^\s+\d\. /.test(line))
      expect(members[0]).toContain("1. anthropic/claude-sonnet-4-5  ready")
      const shown = /2\. alpha\/gpt-main {2}cooling (\d+)s \(rate_limit, 2 in a row\)/.exec(members[1] ?? "")
      expect(members[1]).toMatch(/2\. alpha\/gpt-main {2}cooling \d+s \(rate_limit, 2 in a row\)/)
      const seconds = Number(shown?.[1])
      expect(seconds).toBeLessThanOrEqual(3_600)
      expect(seconds).toBeGreaterThan(3_000)
      const reset = await doctor(s, "reset", "alpha/gpt-main")
      expect(reset.stdout).toContain("cleared: alpha/gpt-main")
      const after = await doctor(s, "doctor")
      expect(after.stdout).toContain("1. alpha/gpt-main  ready")
    },
    E2E,
  )
})
