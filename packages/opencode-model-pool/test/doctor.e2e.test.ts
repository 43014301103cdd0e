import { describe, expect, test } from "bun:test"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { opencodeBinary } from "./opencode.ts"
import { KEYS, scenario, type Scenario } from "./scenario.ts"

const E2E = 60_000
const CLI = join(import.meta.dir, "..", "src", "cli.ts")

function doctor(s: Scenario, ...args: string[]) {
  return s.box.command([process.execPath, CLI, ...args, "--opencode", opencodeBinary()])
}

/** The CLI alone, for what it answers without reading any config. */
async function cli(...args: string[]) {
  const child = Bun.spawn([process.execPath, CLI, ...args], { stdout: "pipe", stderr: "pipe", stdin: "ignore" })
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ])
  return { stdout, stderr, code }
}

describe("opencode-model-pool's command line", () => {
  test("--help and -h print the usage, with both commands and the options, and succeed", async () => {
    for (const flag of ["--help", "-h"]) {
      const result = await cli(flag)
      expect(result.code).toBe(0)
      expect(result.stdout).toStartWith("usage: opencode-model-pool <command> [--opencode PATH]")
      for (const text of ["doctor", "reset [provider/model]", "--opencode PATH", "--version"])
        expect(result.stdout).toContain(text)
      expect(result.stderr).toBe("")
    }
  })

  test("--version prints the version of the package", async () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dir, "..", "package.json"), "utf8")) as {
      version: string
    }
    const result = await cli("--version")
    expect(result.code).toBe(0)
    expect(result.stdout.trim()).toBe(manifest.version)
  })

  test("an unknown command, an unknown option, a missing command or an extra argument fails with the usage", async () => {
    const cases: [string[], string][] = [
      [["frobnicate"], 'unknown command "frobnicate"'],
      [["doctor", "--frob"], "--frob"],
      [[], "no command given"],
      [["reset", "a/b", "c/d"], 'reset: unexpected argument "c/d"'],
    ]
    for (const [args, problem] of cases) {
      const result = await cli(...args)
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
      expect(result.stderr).toStartWith("opencode-model-pool: ")
      expect(result.stderr).toContain(problem)
      expect(result.stderr).toContain("usage: opencode-model-pool <command> [--opencode PATH]")
    }
  })
})

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
    "--probe sends each member one short request: a working member, a rejected key and a missing model get three verdicts, and it fails",
    async () => {
      // The fake answers Anthropic's format only for this key, so the sandbox's ANTHROPIC_API_KEY is rejected.
      await using s = await scenario(
        { "gpt-b": { kind: "model_not_found" }, "*": { kind: "text" } },
        {},
        {
          credentials: { anthropic: "sk-ant-the-accepted-one" },
        },
      )
      s.configure({
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5", "beta/gpt-b"] } },
      })
      const result = await doctor(s, "doctor", "--probe", "--agent", "build")
      expect(result.code).toBe(1)
      expect(result.stdout).toContain("probe: one short request to each of 3 member(s); each spends a few tokens")
      const verdicts = result.stdout.split("\n").filter((line) => / {2}(ok|FAILED|not probed) {2}/.test(line))
      expect(verdicts).toHaveLength(3)
      expect(verdicts[0]).toMatch(/^ {2}alpha\/gpt-main {2}ok {2}first output in \d+ ms$/)
      expect(verdicts[1]).toStartWith("  anthropic/claude-sonnet-4-5  FAILED  credentials rejected (401): ")
      expect(verdicts[2]).toStartWith("  beta/gpt-b  FAILED  no such model (404): ")
      expect(result.stdout).toContain("probe: 2 member(s) failed")
      // One request each, asking for a few tokens and no tools.
      expect(s.fake.requests.map((request) => request.model).sort()).toEqual(["claude-sonnet-4-5", "gpt-b", "gpt-main"])
      for (const request of s.fake.requests) expect(JSON.stringify(request.body)).not.toContain('"tools"')
      for (const key of [...Object.values(KEYS), "sk-ant-the-accepted-one"])
        expect(result.stdout + result.stderr).not.toContain(key)
    },
    E2E,
  )

  test(
    "names a member on a package that cannot be a pool member, with the reason, and a misspelt pool key, and fails",
    async () => {
      await using s = await scenario({})
      s.configure({
        agent: { plan: { model: "alpha/gpt-cheap", fallbacks: ["github-copilot/gpt-5"], fallbak_on: ["timeout"] } },
      })
      const result = await doctor(s, "doctor")
      expect(result.code).toBe(1)
      expect(result.stdout).toContain(
        "agent.plan: member github-copilot/gpt-5 uses @ai-sdk/github-copilot, which cannot be a pool member: OpenCode's own Copilot client is not published on npm",
      )
      // OpenCode copies unknown agent keys into the agent's options as well: the key is named once, where it was written.
      const misspelt = result.stdout.split("\n").filter((line) => line.includes("did you mean"))
      expect(misspelt).toEqual([
        '  - agent.plan.fallbak_on: unknown key; did you mean "fallback_on"? (left as written: OpenCode sends unknown agent keys to the provider as options)',
      ])
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
