import { keyId } from "@model-pool/fake-provider"
import { AGENT_POOL_KEYS } from "../src/config/schema.ts"
import { describe, expect, test } from "bun:test"
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { answerOf, PLUGIN } from "./opencode.ts"
import { comparable } from "./requests.ts"
import { KEYS, scenario } from "./scenario.ts"
import { RUN_SESSION, startServer } from "./serve.ts"

const E2E = 90_000

const SECOND_BETA_KEY = "sk-beta-e2e-second-key-5c1e"

/** Everything a run left behind that a user or a bug report could show: output, logs, state, the export. */
function traces(root: string): string {
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".git") walk(path)
      if (entry.isFile()) files.push(readFileSync(path, "utf8"))
    }
  }
  walk(root)
  return files.join("\n")
}

describe("what the plugin never leaks and never changes", () => {
  test(
    "no API key appears in output, logs, the state file or the session export",
    async () => {
      await using s = await scenario(
        {
          "gpt-main": { kind: "unauthorized" },
          "gpt-b": { kind: "rate_limit", retry_after_s: 60 },
          "claude-sonnet-4-5": { kind: "overloaded" },
          "gemini-2.5-flash": { kind: "text", text: "gemini answered" },
        },
        { BETA_KEY_2: SECOND_BETA_KEY },
      )
      s.configure({
        plugin: [[PLUGIN, { api_keys: { beta: ["{env:BETA_KEY}", "{env:BETA_KEY_2}"] } }]],
        agent: {
          build: { models: ["beta/gpt-b", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash"] },
          plan: { model: "alpha/gpt-main", fallbacks: ["google/gemini-2.5-flash"] },
        },
      })
      const build = await s.ask("hello")
      expect(answerOf(build)).toBe("gemini answered")
      const plan = await s.ask("hello", ["--agent", "plan"])
      expect(plan.code).not.toBe(0)
      const exported = JSON.stringify(await s.exportOf(build))
      const left = [
        build.stdout,
        build.stderr,
        plan.stdout,
        plan.stderr,
        exported,
        traces(dirname(s.box.stateFile)),
        traces(s.box.env.XDG_DATA_HOME ?? ""),
      ]
      const everything = left.join("\n")
      expect(everything).toContain("beta/gpt-b (key key2)")
      for (const key of [...Object.values(KEYS), SECOND_BETA_KEY]) {
        const at = everything.indexOf(key)
        if (at >= 0) throw new Error(`a key leaked: ...${everything.slice(Math.max(0, at - 200), at)}<KEY>`)
      }
    },
    E2E,
  )

  test(
    "no pool key reaches a provider, from opencode.json or from agent markdown",
    async () => {
      await using s = await scenario({ "gpt-main": { kind: "rate_limit", retry_after_s: 30 }, "*": { kind: "text" } })
      const agents = join(s.box.project, ".opencode", "agent")
      mkdirSync(agents, { recursive: true })
      writeFileSync(
        join(agents, "reviewer.md"),
        [
          "---",
          "description: Reviews code",
          "mode: primary",
          "model: alpha/gpt-main",
          "fallbacks: [beta/gpt-b]",
          "fallback_on: [rate_limit, timeout]",
          "strategy: sequential",
          "retries: 0",
          "---",
          "You review code.",
        ].join("\n"),
      )
      s.configure({
        agent: {
          build: {
            models: ["alpha/gpt-main", "beta/gpt-b"],
            fallback_on: ["rate_limit"],
            strategy: "sequential",
            first_token_timeout_ms: 30_000,
            retries: 0,
            cooldown: { initial_ms: 1000 },
            quality: { "beta/gpt-b": 1 },
          },
        },
      })
      expect(answerOf(await s.ask("hello"))).toBe("ok from gpt-b")
      expect(answerOf(await s.ask("review", ["--agent", "reviewer"]))).toBe("ok from gpt-b")
      expect(s.fake.requests.length).toBeGreaterThanOrEqual(3)
      for (const request of s.fake.requests) {
        const body = JSON.stringify(request.body)
        for (const key of [...AGENT_POOL_KEYS, "modelPool"]) expect(body).not.toContain(`"${key}":`)
      }
    },
    E2E,
  )

  test(
    "a single-model agent beside a pool sends exactly what stock OpenCode sends, on each of five providers",
    async () => {
      // As a pooled primary each is compared with stock over a whole session in session.e2e.test.ts. Both sides
      // are served (one process each, a session per agent), so they differ only in the plugin and the pools.
      const models = [
        "alpha/gpt-main",
        "anthropic/claude-sonnet-4-5",
        "google/gemini-2.5-flash",
        "openrouter/google/gemini-2.5-pro",
        "openai/gpt-5",
      ]
      const other = (model: string) => (model.startsWith("alpha") ? "beta/gpt-b" : "alpha/gpt-main")
      const single = (index: number) => `single-${index}`
      const pooled = (index: number) => `pooled-${index}`
      const agents = (pools: boolean) =>
        Object.fromEntries(
          models.flatMap((model, index) => [
            [single(index), { mode: "primary", model }],
            // Stock sees the pool's primary as the agent's model, as the plugin leaves it for OpenCode.
            [
              pooled(index),
              pools ? { mode: "primary", models: [other(model), model] } : { mode: "primary", model: other(model) },
            ],
          ]),
        )
      await using s = await scenario({ "*": { kind: "text", text: "same answer" } })
      const sides: Record<string, unknown>[][] = []
      for (const pools of [false, true]) {
        s.configure(pools ? { agent: agents(true) } : { plugin: [], agent: agents(false) })
        await using server = await startServer(s)
        const requests: Record<string, unknown>[] = []
        for (const [index, model] of models.entries()) {
          const session = await server.session(s.box.project, RUN_SESSION)
          expect(await server.prompt(s.box.project, session, single(index), "hello")).toBe("same answer")
          requests.push({ model, ...comparable(s.fake.requests.at(-1)!) })
        }
        sides.push(requests)
      }
      expect(sides[1]).toEqual(sides[0]!)
    },
    E2E,
  )

  test(
    "an invalid pool, an unbuildable member and a member without credentials are reported at start-up",
    async () => {
      await using s = await scenario({ "*": { kind: "text" } }, { OPENROUTER_API_KEY: "" })
      s.configure({
        agent: {
          build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"], fallback_on: ["ratelimit"] },
          plan: { model: "alpha/gpt-cheap", fallbacks: ["github-copilot/gpt-5"] },
          review: { model: "alpha/gpt-cheap", fallbacks: ["openrouter/google/gemini-2.5-pro"] },
        },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("ok from gpt-main")
      expect(result.stderr).toContain(
        'agent.build.fallback_on[0]: \\"ratelimit\\" is not one of rate_limit, timeout, provider_unavailable, token_limit',
      )
      expect(result.stderr).toContain("github-copilot/gpt-5 uses @ai-sdk/github-copilot, which cannot be a pool member")
      expect(result.stderr).toContain(
        "openrouter/google/gemini-2.5-pro: OpenCode has no credentials for provider openrouter",
      )
    },
    E2E,
  )

  test(
    "a fallback member's key is found where OpenCode keeps it: auth.json from `opencode auth login`",
    async () => {
      await using s = await scenario(
        {
          "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
          "gemini-2.5-flash": { kind: "text", text: "via auth.json" },
        },
        { GOOGLE_GENERATIVE_AI_API_KEY: "" },
      )
      const stored = "AIzaStoredByAuthLogin000000000000000009"
      const dataDir = join(s.box.env.XDG_DATA_HOME ?? "", "opencode")
      mkdirSync(dataDir, { recursive: true })
      writeFileSync(join(dataDir, "auth.json"), JSON.stringify({ google: { type: "api", key: stored } }), {
        mode: 0o600,
      })
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["google/gemini-2.5-flash"] } } })
      const result = await s.ask("hello")
      expect(answerOf(result)).toBe("via auth.json")
      expect(s.fake.requests.at(-1)?.key_id).toBe(keyId(stored))
    },
    E2E,
  )
})
