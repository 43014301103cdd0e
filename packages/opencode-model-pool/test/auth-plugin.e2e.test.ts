// An auth plugin from npm (opencode-anthropic-auth, Claude Pro/Max OAuth) with an OAuth login in auth.json: a
// fallback to its provider, which OpenCode never created in the run, must carry that plugin's token, headers and
// request rewrites. The fake Anthropic accepts only that token and answers anything else with its 401.
import { describe, expect, test } from "bun:test"
import { chmodSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { keyId } from "@model-pool/fake-provider"
import { answerOf, opencodeBinary, PLUGIN } from "./opencode.ts"
import { KEYS, reportOf, scenario, type Scenario } from "./scenario.ts"

const E2E = 90_000
const ACCESS = "sk-ant-oat01-e2e-access-7c1d9e"
const REFRESH = "sk-ant-ort01-e2e-refresh-2b8f40"
const AUTH_PLUGIN = pathToFileURL(Bun.resolveSync("opencode-anthropic-auth", import.meta.dir)).href
const CLI = join(import.meta.dir, "..", "src", "cli.ts")

/** OAuth logins as `opencode auth login` stores them, valid for a day so no refresh is ever attempted. */
function logIn(s: Scenario, logins: Record<string, string> = { anthropic: ACCESS }): void {
  const entry = (access: string) => ({ type: "oauth", access, refresh: REFRESH, expires: Date.now() + 86_400_000 })
  writeAuth(s, Object.fromEntries(Object.entries(logins).map(([id, access]) => [id, entry(access)])))
}

/** OpenCode's auth.json with these entries, by provider ID. */
function writeAuth(s: Scenario, entries: Record<string, Record<string, unknown>>): void {
  const dir = join(s.box.env.XDG_DATA_HOME!, "opencode")
  mkdirSync(dir, { recursive: true })
  const file = join(dir, "auth.json")
  writeFileSync(file, JSON.stringify(entries))
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
      expect(reportOf(result)?.member).toBe("anthropic/claude-sonnet-4-5")
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

describe("an auth profile as the agent's primary model", () => {
  const WORK_KEY = "sk-ant-api03-e2e-work-profile-3d70a1"
  const BASE_KEY = KEYS.anthropic
  const work = {
    name: "Anthropic (work)",
    models: { "claude-sonnet-4-5": { name: "Claude Sonnet 4.5", limit: { context: 200_000, output: 8_000 } } },
  }

  test(
    "with an API key in auth.json: the profile's key answers the turn; rate-limited, the base provider's key takes over",
    async () => {
      await using s = await scenario({ "claude-sonnet-4-5": { kind: "text", text: "the work key answered" } })
      writeAuth(s, { "anthropic-work": { type: "api", key: WORK_KEY } })
      s.configure({
        plugin: [[PLUGIN, { auth_profiles: { "anthropic-work": { provider: "anthropic" } } }]],
        provider: {
          ...s.providers(),
          "anthropic-work": { ...work, options: { baseURL: `${s.fake.url}/anthropic/v1` } },
        },
        agent: { build: { model: "anthropic-work/claude-sonnet-4-5", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
      })
      const first = await s.ask("hello")
      expect(first.code).toBe(0)
      expect(answerOf(first)).toBe("the work key answered")
      expect(s.fake.requests.map((request) => [request.format, request.key_id, request.step])).toEqual([
        ["anthropic", keyId(WORK_KEY), "text"],
      ])
      expect(reportOf(first)?.member).toBe("anthropic-work/claude-sonnet-4-5")

      s.fake.setScript({
        "claude-sonnet-4-5": [
          { kind: "rate_limit", retry_after_s: 3_600 },
          { kind: "text", text: "the base key answered" },
        ],
      })
      s.fake.reset()
      const second = await s.ask("hello again")
      expect(second.code).toBe(0)
      expect(answerOf(second)).toBe("the base key answered")
      expect(s.fake.requests.map((request) => [request.format, request.key_id, request.step])).toEqual([
        ["anthropic", keyId(WORK_KEY), "rate_limit"],
        ["anthropic", keyId(BASE_KEY), "text"],
      ])
      expect(reportOf(second)?.member).toBe("anthropic/claude-sonnet-4-5")
      expect(second.stderr + JSON.stringify(s.fake.requests)).not.toContain(WORK_KEY)
    },
    E2E,
  )

  test(
    "with an OAuth login through the auth plugin: the profile's token, then the base login's, each with the plugin's rewrites",
    async () => {
      const workAccess = "sk-ant-oat01-e2e-work-primary-6e02b4"
      await using s = await scenario(
        {
          "claude-sonnet-4-5": [
            { kind: "rate_limit", retry_after_s: 3_600 },
            { kind: "text", text: "the personal login answered" },
          ],
        },
        { ANTHROPIC_API_KEY: "" },
      )
      logIn(s, { anthropic: ACCESS, "anthropic-work": workAccess })
      s.configure({
        plugin: [[PLUGIN, { auth_profiles: { "anthropic-work": { provider: "anthropic" } } }], AUTH_PLUGIN],
        // The plugin rewrites only Anthropic's own path, /v1/messages: both logins are served at the root.
        provider: {
          ...s.providers(),
          anthropic: { options: { baseURL: `${s.fake.url}/v1` } },
          "anthropic-work": { ...work, options: { baseURL: `${s.fake.url}/v1` } },
        },
        agent: { build: { model: "anthropic-work/claude-sonnet-4-5", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("the personal login answered")
      expect(reportOf(result)?.member).toBe("anthropic/claude-sonnet-4-5")
      const calls = s.fake.requests
      expect(calls.map((request) => [request.format, request.key_id, request.step])).toEqual([
        ["anthropic", keyId(workAccess), "rate_limit"],
        ["anthropic", keyId(ACCESS), "text"],
      ])
      for (const call of calls) {
        expect(call.path).toContain("beta=true")
        expect(call.headers["anthropic-beta"]).toContain("oauth-2025-04-20")
        const system = (call.body as { system?: { text: string }[] }).system ?? []
        expect(system[0]?.text).toBe("You are Claude Code, Anthropic's official CLI for Claude.")
      }
      expect(result.stderr + JSON.stringify(calls)).not.toContain(workAccess)
    },
    E2E,
  )

  test(
    "without a pool: an agent's model on an OAuth profile speaks its provider's API with the profile's login",
    async () => {
      const workAccess = "sk-ant-oat01-e2e-work-alone-0f4c27"
      await using s = await scenario(
        { "claude-sonnet-4-5": { kind: "text", text: "the work login, no pool" } },
        { ANTHROPIC_API_KEY: "" },
        { credentials: { anthropic: workAccess } },
      )
      logIn(s, { anthropic: ACCESS, "anthropic-work": workAccess })
      s.configure({
        plugin: [[PLUGIN, { auth_profiles: { "anthropic-work": { provider: "anthropic" } } }], AUTH_PLUGIN],
        provider: { ...s.providers(), "anthropic-work": { ...work, options: { baseURL: `${s.fake.url}/v1` } } },
        agent: { build: { model: "anthropic-work/claude-sonnet-4-5" } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("the work login, no pool")
      // Not openai-compatible's /chat/completions, which OpenCode would send a provider ID it does not know.
      const [call, ...more] = s.fake.requests
      expect(more).toEqual([])
      expect([call?.format, call?.key_id, call?.rejected]).toEqual(["anthropic", keyId(workAccess), undefined])
      expect(call?.path).toContain("beta=true")
      const system = (call?.body as { system?: { text: string }[] }).system ?? []
      expect(system[0]?.text).toBe("You are Claude Code, Anthropic's official CLI for Claude.")
    },
    E2E,
  )
})
