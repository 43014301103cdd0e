import { emptyState } from "@model-pool/core"
import { beforeAll, describe, expect, test } from "bun:test"
import { readPoolConfig } from "../config/read-config.ts"
import type { AuthEntry } from "../host/auth-file.ts"
import { parseMemberId } from "../host/member-id.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { startupNotices } from "../hooks/start-up.ts"
import { loadProviderPackages } from "../module/build-model.ts"
import { doctorReport, type DoctorInput } from "./report.ts"

// The variables OpenCode 1.18.33's catalog names for these providers (`GET /provider`, from the catalog snapshot
// its binary carries).
const CATALOG = new Map<string, string[]>([
  ["togetherai", ["TOGETHER_API_KEY"]],
  ["google", ["GOOGLE_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"]],
  ["amazon-bedrock", ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_BEARER_TOKEN_BEDROCK"]],
  ["anthropic", ["ANTHROPIC_API_KEY"]],
])

const MEMBERS = [
  "togetherai/meta-llama/Llama-3.3-70B-Instruct-Turbo",
  "google/gemini-2.5-pro",
  "amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
  "anthropic/claude-sonnet-4-5",
  "work/gpt-5",
  "local/llama",
]

const CONFIG: OpenCodeConfig = {
  plugin: ["opencode-model-pool"],
  agent: { build: { models: MEMBERS } },
  provider: {
    work: { npm: "@ai-sdk/openai", options: { apiKey: "sk-work" }, models: { "gpt-5": {} } },
    local: { options: { baseURL: "http://127.0.0.1:1/v1" }, models: { llama: {} } },
  },
}

const provider = (extra: Partial<ProviderInfo>): ProviderInfo => ({ options: {}, models: {}, ...extra })

beforeAll(() =>
  loadProviderPackages([
    "@ai-sdk/togetherai",
    "@ai-sdk/google",
    "@ai-sdk/amazon-bedrock",
    "@ai-sdk/anthropic",
    "@ai-sdk/openai",
    "@ai-sdk/openai-compatible",
  ]),
)

/** The doctor's input: OpenCode's lists as it answers them with the plugin leaving the config untouched. */
function doctorInput(
  listed: Map<string, ProviderInfo>,
  env: Record<string, string>,
  logins: Record<string, AuthEntry>,
  config: OpenCodeConfig = CONFIG,
): DoctorInput {
  const health = { description: "file /tmp/health.json", state: emptyState() }
  return { config: structuredClone(config), providers: listed, catalog: CATALOG, logins, env, health, now: 0 }
}

describe("the doctor's credentials", () => {
  test("a Together key in TOGETHER_API_KEY, the variable OpenCode names for togetherai, is found there", () => {
    const listed = new Map([["togetherai", provider({ env: ["TOGETHER_API_KEY"], source: "env", key: "tg-secret" })]])
    const report = doctorReport(doctorInput(listed, { TOGETHER_API_KEY: "tg-secret" }, {}))
    expect(report.lines).toContain(
      "  1. togetherai/meta-llama/Llama-3.3-70B-Instruct-Turbo  ready  @ai-sdk/togetherai, key from environment TOGETHER_API_KEY",
    )
    expect(report.problems).not.toContainEqual(expect.stringContaining("togetherai/"))
    expect(report.problems).toContain(
      "anthropic/claude-sonnet-4-5: no API key found (looked in config apiKey, api_keys, auth.json, ANTHROPIC_API_KEY)",
    )
    expect(report.lines.join("\n")).not.toContain("tg-secret")
  })
})

/** What OpenCode lists with the credentials of a scenario, as the doctor sees it (the plugin leaves the config). */
interface Scenario {
  env: Record<string, string>
  logins: Record<string, AuthEntry>
  /** The plugin's extra keys. */
  apiKeys?: Record<string, string[]>
  /** Catalog providers OpenCode found credentials for, and how. */
  found: Record<string, Partial<ProviderInfo>>
  /** The members both must flag. */
  flagged: string[]
}

const SCENARIOS: Record<string, Scenario> = {
  "nothing set": { env: {}, logins: {}, found: {}, flagged: MEMBERS.slice(0, 4) },
  "keys in the catalog's variables": {
    env: { TOGETHER_API_KEY: "k", GEMINI_API_KEY: "k" },
    logins: {},
    found: { togetherai: { source: "env", key: "k" }, google: { source: "env" } },
    flagged: [MEMBERS[2]!, MEMBERS[3]!],
  },
  "a credential chain and an OAuth login": {
    env: { AWS_PROFILE: "work" },
    logins: { anthropic: { type: "oauth", access: "a" } },
    found: { "amazon-bedrock": { source: "custom" }, anthropic: { source: "custom" } },
    flagged: [MEMBERS[0]!, MEMBERS[1]!],
  },
  "the plugin's own keys": {
    env: {},
    logins: {},
    apiKeys: { togetherai: ["k1", "k2"] },
    found: {},
    flagged: MEMBERS.slice(1, 4),
  },
}

describe("start-up and the doctor", () => {
  for (const [name, scenario] of Object.entries(SCENARIOS))
    test(`flag the same members for want of credentials: ${name}`, () => {
      const env = scenario.env
      const withEnv = (id: string, extra: Partial<ProviderInfo>) => provider({ env: CATALOG.get(id) ?? [], ...extra })
      const configured = {
        work: withEnv("work", { source: "config", options: { apiKey: "sk-work" } }),
        local: withEnv("local", { source: "config" }),
      }
      const found = Object.fromEntries(Object.entries(scenario.found).map(([id, extra]) => [id, withEnv(id, extra)]))
      // The doctor's list: what OpenCode resolved of the config as written.
      const listed = new Map(Object.entries({ ...configured, ...found }))
      // Start-up's list: the routing gave every member's provider an entry of the config.
      const routed = new Map(
        MEMBERS.map((member) => parseMemberId(member).providerID).map((id) => [
          id,
          listed.get(id) ?? withEnv(id, { source: "config" }),
        ]),
      )
      const options = { api_keys: scenario.apiKeys }
      const config: OpenCodeConfig = { ...CONFIG, plugin: [["opencode-model-pool", options]] }
      const read = readPoolConfig(structuredClone(config), options)
      const runtime = { sources: read.sources, apiKeys: read.options.apiKeys }
      const atStartUp = startupNotices(runtime, routed, scenario.logins, env)
        .filter((notice) => notice.message.includes("OpenCode has no credentials"))
        .map((notice) => notice.message.slice(0, notice.message.indexOf(": ")))
      const inDoctor = doctorReport(doctorInput(listed, env, scenario.logins, config))
        .problems.filter((problem) => problem.includes("no API key found"))
        .map((problem) => problem.slice(0, problem.indexOf(": ")))
      expect(inDoctor).toEqual(atStartUp)
      expect(atStartUp).toEqual(scenario.flagged)
    })
})

describe("the doctor and a fault drill", () => {
  test("says a drill in its environment is active, names its members, and reports a bad entry as a problem", () => {
    const env = { OPENCODE_MODEL_POOL_DRILL: "google/gemini-2.5-pro=rate_limit,work/gpt-5=slow" }
    const report = doctorReport(doctorInput(new Map(), env, {}))
    expect(report.lines).toContainEqual(
      expect.stringMatching(
        /^fault drill active \(OPENCODE_MODEL_POOL_DRILL\): google\/gemini-2\.5-pro plays rate_limit,/,
      ),
    )
    expect(report.problems).toContainEqual(expect.stringContaining('"work/gpt-5=slow": "slow" is not one of'))
  })

  test("says nothing of drills when there is none", () => {
    expect(doctorReport(doctorInput(new Map(), {}, {})).lines.join("\n")).not.toContain("drill")
  })
})
