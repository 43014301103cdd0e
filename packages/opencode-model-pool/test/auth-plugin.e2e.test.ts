// An auth plugin from npm (opencode-anthropic-auth, Claude Pro/Max OAuth) with an OAuth login in auth.json: a
// fallback to its provider, which OpenCode never created in the run, must carry that plugin's token, headers and
// request rewrites. The fake Anthropic accepts only that token and answers anything else with its 401.
import { describe, expect, test } from "bun:test"
import { chmodSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { keyId } from "@model-pool/fake-provider"
import { answerOf, opencodeBinary, PLUGIN } from "./opencode.ts"
import { poolReport, scenario, type Scenario } from "./scenario.ts"

const E2E = 90_000
const ACCESS = "sk-ant-oat01-e2e-access-7c1d9e"
const REFRESH = "sk-ant-ort01-e2e-refresh-2b8f40"
const AUTH_PLUGIN = pathToFileURL(Bun.resolveSync("opencode-anthropic-auth", import.meta.dir)).href
const CLI = join(import.meta.dir, "..", "src", "cli.ts")

/** OAuth logins as `opencode auth login` stores them, valid for a day so no refresh is ever attempted. */
function logIn(s: Scenario, logins: Record<string, string> = { anthropic: ACCESS }): void {
  const dir = join(s.box.env.XDG_DATA_HOME!, "opencode")
  mkdirSync(dir, { recursive: true })
  const file = join(dir, "auth.json")
  const entry = (access: string) => ({ type: "oauth", access, refresh: REFRESH, expires: Date.now() + 86_400_000 })
  writeFileSync(
    file,
    JSON.stringify(Object.fromEntries(Object.entries(logins).map(([id, access]) => [id, entry(access)]))),
  )
  chmodSync(file, 0o600)
}

async function fallbackScenario(plugins: string[]) {
  const s = await scenario(
    {
      // Past the pool's retry horizon, so a failed fallback ends the run at once.
      "gpt-main": { kind: "rate_limit", retry_after_s: 3_600 },
      "claude-sonnet-4-5": { kind: "text", text: "claude via OAuth" },
    },
    { ANTHROPIC_API_KEY: "" },
    { credentials: { anthropic: ACCESS } },
  )
  logIn(s)
  s.configure({
    plugin: plugins,
    // The plugin rewrites only Anthropic's own path, /v1/messages: serve it at the root.
    provider: { ...s.providers(), anthropic: { options: { baseURL: `${s.fake.url}/v1` } } },
    agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
  })
  return s
}

describe("an auth plugin's credentials reach a fallback member OpenCode never created", () => {
  test(
    "the OAuth token, the plugin's headers and its request rewrites are on the fallback's request",
    async () => {
      await using s = await fallbackScenario([PLUGIN, AUTH_PLUGIN])
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("claude via OAuth")
      expect(poolReport(await s.exportOf(result))?.member).toBe("anthropic/claude-sonnet-4-5")
      const [claude, ...more] = s.fake.requests.filter((request) => request.format === "anthropic")
      expect(more).toEqual([])
      expect(claude?.rejected).toBeUndefined()
      // The vendor reads x-api-key first: this key id says the bearer token came alone.
      expect(claude?.key_id).toBe(keyId(ACCESS))
      expect(claude?.headers["anthropic-beta"]).toContain("oauth-2025-04-20")
      expect(claude?.headers["user-agent"]).toBe("claude-cli/2.1.2 (external, cli)")
      expect(claude?.path).toContain("beta=true")
      const tools = (claude?.body as { tools?: { name: string }[] }).tools ?? []
      expect(tools.length).toBeGreaterThan(0)
      expect(tools.every((tool) => tool.name.startsWith("mcp_"))).toBe(true)
      // The plugin's system rewrite, which OpenCode ran only for the turn's (other) provider.
      const system = (claude?.body as { system?: { text: string }[] }).system ?? []
      expect(system[0]?.text).toBe("You are Claude Code, Anthropic's official CLI for Claude.")
      // OpenCode's auth plugin gave the provider its credentials: no false warning at start-up.
      expect(result.stderr).not.toContain("OpenCode has no credentials for provider anthropic")
      expect(result.stderr + JSON.stringify(s.fake.requests)).not.toContain(ACCESS)
    },
    E2E,
  )

  test(
    "without the auth plugin, the same fallback has no credentials and gets no answer",
    async () => {
      await using s = await fallbackScenario([PLUGIN])
      const result = await s.ask("hello")
      expect(result.code).not.toBe(0)
      // The package finds no key and sends nothing; whatever reached the server was refused.
      const accepted = s.fake.requests.filter((request) => request.format === "anthropic" && !request.rejected)
      expect(accepted).toEqual([])
    },
    E2E,
  )

  test(
    "a second login of the provider, as an auth profile, is a member of its own with its own token",
    async () => {
      const work = "sk-ant-oat01-e2e-work-account-51aa0c"
      await using s = await scenario(
        {
          "gpt-main": { kind: "rate_limit", retry_after_s: 3_600 },
          "claude-sonnet-4-5": { kind: "text", text: "the work account answered" },
        },
        { ANTHROPIC_API_KEY: "" },
        { credentials: { anthropic: work } },
      )
      logIn(s, { anthropic: ACCESS, "anthropic-work": work })
      s.configure({
        plugin: [[PLUGIN, { auth_profiles: { "anthropic-work": { provider: "anthropic" } } }], AUTH_PLUGIN],
        provider: {
          ...s.providers(),
          "anthropic-work": {
            name: "Anthropic (work)",
            options: { baseURL: `${s.fake.url}/v1` },
            models: { "claude-sonnet-4-5": { name: "Claude Sonnet 4.5", limit: { context: 200_000, output: 8_000 } } },
          },
        },
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic-work/claude-sonnet-4-5"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("the work account answered")
      const [claude] = s.fake.requests.filter((request) => request.format === "anthropic")
      expect(claude?.key_id).toBe(keyId(work))
      expect(claude?.path).toContain("beta=true")
      const system = (claude?.body as { system?: { text: string }[] }).system ?? []
      expect(system[0]?.text).toBe("You are Claude Code, Anthropic's official CLI for Claude.")
    },
    E2E,
  )

  test(
    "the doctor names the OAuth login as the member's credential source and never prints it",
    async () => {
      await using s = await fallbackScenario([PLUGIN, AUTH_PLUGIN])
      const result = await s.box.command([process.execPath, CLI, "doctor", "--opencode", opencodeBinary()])
      expect(result.stdout).toContain(
        "anthropic/claude-sonnet-4-5  ready  @ai-sdk/anthropic, key from auth.json OAuth login (read by its auth plugin)",
      )
      expect(result.stdout + result.stderr).not.toContain(ACCESS)
      expect(result.stdout + result.stderr).not.toContain(REFRESH)
    },
    E2E,
  )
})
