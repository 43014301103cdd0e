import { describe, expect, test } from "bun:test"
import { credentialSource, type CredentialFacts } from "./credentials.ts"
import type { ProviderInfo } from "./provider-info.ts"

const SECRET = "sk-ant-oat01-credentials-secret"

/** A provider as OpenCode 1.18.33 lists it (`GET /config/providers`), with the catalog variables it names. */
const listed = (env: string[], extra: Partial<ProviderInfo> = {}): ProviderInfo => ({
  env,
  options: {},
  models: {},
  ...extra,
})

function facts(over: Partial<CredentialFacts>): CredentialFacts {
  return { resolved: new Map(), logins: {}, apiKeys: {}, env: {}, ...over }
}

describe("where a provider's credentials come from", () => {
  test("the config's apiKey comes first, then the plugin's api_keys, neither shown", () => {
    const resolved = new Map([["alpha", listed([], { source: "config", options: { apiKey: SECRET } })]])
    const found = credentialSource("alpha", facts({ resolved, apiKeys: { alpha: [SECRET] } }))
    expect(found).toEqual({ found: true, where: "config apiKey" })
    expect(credentialSource("beta", facts({ apiKeys: { beta: [SECRET, SECRET] } }))).toEqual({
      found: true,
      where: "plugin api_keys (2)",
    })
  })

  test("an OAuth login and an API key in auth.json are told apart, and neither is shown", () => {
    const logins = { anthropic: { type: "oauth", access: SECRET }, openai: { type: "api", key: SECRET } }
    const anthropic = credentialSource("anthropic", facts({ logins }))
    const openai = credentialSource("openai", facts({ logins }))
    expect(anthropic).toEqual({ found: true, where: "auth.json OAuth login (read by its auth plugin)" })
    expect(openai).toEqual({ found: true, where: "auth.json (opencode auth login)" })
    expect(JSON.stringify([anthropic, openai])).not.toContain(SECRET)
  })

  test("a key in one of the variables OpenCode names for the provider is found by that variable", () => {
    // OpenCode 1.18.33 names TOGETHER_API_KEY for togetherai, and three variables for google.
    const resolved = new Map([
      ["togetherai", listed(["TOGETHER_API_KEY"], { source: "env", key: SECRET })],
      ["google", listed(["GOOGLE_API_KEY", "GOOGLE_GENERATIVE_AI_API_KEY", "GEMINI_API_KEY"], { source: "env" })],
    ])
    const env = { TOGETHER_API_KEY: SECRET, GEMINI_API_KEY: SECRET }
    expect(credentialSource("togetherai", facts({ resolved, env }))).toEqual({
      found: true,
      where: "environment TOGETHER_API_KEY",
    })
    expect(credentialSource("google", facts({ resolved, env }))).toEqual({
      found: true,
      where: "environment GEMINI_API_KEY",
    })
  })

  test("credentials OpenCode's own loader found (a credential chain) count, named as the loader's", () => {
    const resolved = new Map([["amazon-bedrock", listed(["AWS_ACCESS_KEY_ID"], { source: "custom" })]])
    expect(credentialSource("amazon-bedrock", facts({ resolved, env: { AWS_PROFILE: "work" } }))).toEqual({
      found: true,
      where: "OpenCode's own loader for amazon-bedrock",
    })
  })

  test("nothing found lists every place looked, the variables of OpenCode's catalog included", () => {
    const catalog = new Map([["groq", ["GROQ_API_KEY"]]])
    expect(credentialSource("groq", facts({ catalog }))).toEqual({
      found: false,
      looked: "config apiKey, api_keys, auth.json, GROQ_API_KEY",
    })
  })

  test("a variable the catalog names for a provider OpenCode leaves out is not a credential OpenCode uses", () => {
    // A disabled provider: OpenCode does not list it, so its variable sends nothing.
    const catalog = new Map([["groq", ["GROQ_API_KEY"]]])
    expect(credentialSource("groq", facts({ catalog, env: { GROQ_API_KEY: SECRET } })).found).toBe(false)
  })
})
