import { describe, expect, test } from "bun:test"
import { memberSource } from "./member-source.ts"
import { optionsKey } from "./provider-packages.ts"

describe("member sources", () => {
  test("the model's own provider.npm wins over the provider's npm, which wins over the catalog default", () => {
    const providers = {
      alpha: { npm: "@ai-sdk/openai-compatible", models: { special: { provider: { npm: "@ai-sdk/anthropic" } } } },
      openai: {},
    }
    expect(memberSource("alpha/special", providers)).toMatchObject({ npm: "@ai-sdk/anthropic" })
    expect(memberSource("alpha/plain", providers)).toMatchObject({ npm: "@ai-sdk/openai-compatible" })
    expect(memberSource("openai/gpt-5", providers)).toMatchObject({ npm: "@ai-sdk/openai", apiID: "gpt-5" })
    expect(memberSource("deepseek/deepseek-chat", {})).toMatchObject({ npm: "@ai-sdk/openai-compatible" })
  })

  test("a model id with slashes keeps everything after the provider", () => {
    expect(memberSource("openrouter/google/gemini-2.5-pro", {})).toMatchObject({
      providerID: "openrouter",
      modelID: "google/gemini-2.5-pro",
      npm: "@openrouter/ai-sdk-provider",
    })
  })

  test("the config's model id is what the provider receives", () => {
    expect(memberSource("alpha/main", { alpha: { models: { main: { id: "upstream-7b" } } } })).toMatchObject({
      apiID: "upstream-7b",
    })
  })

  test("a package that cannot be a member is an error naming the member, the package and why", () => {
    expect(memberSource("github-copilot/gpt-5", {})).toEqual({
      error: expect.stringMatching(
        /^github-copilot\/gpt-5 uses @ai-sdk\/github-copilot, which cannot be a pool member: OpenCode's own Copilot client is not published/,
      ),
    })
    expect(memberSource("mine/x", { mine: { npm: "some-other-provider" } })).toEqual({
      error: expect.stringContaining("mine/x uses some-other-provider, which the pool cannot build"),
    })
  })

  test("every package OpenCode bundles for a catalog provider is found by the provider's ID", () => {
    expect(memberSource("amazon-bedrock/anthropic.claude", {})).toMatchObject({ npm: "@ai-sdk/amazon-bedrock" })
    expect(memberSource("google-vertex-anthropic/claude-sonnet-4-5", {})).toMatchObject({
      npm: "@ai-sdk/google-vertex/anthropic",
    })
    expect(memberSource("vercel/anthropic/claude-sonnet-4.5", {})).toMatchObject({ npm: "@ai-sdk/gateway" })
    expect(memberSource("v0/v0-1.5-md", {})).toMatchObject({ npm: "@ai-sdk/vercel" })
  })

  test("options are keyed the way each package reads them", () => {
    expect(optionsKey("@ai-sdk/openai", "my-openai")).toBe("openai")
    expect(optionsKey("@ai-sdk/openai-compatible", "alpha")).toBe("alpha")
    expect(optionsKey("@openrouter/ai-sdk-provider", "or")).toBe("openrouter")
    expect(optionsKey("@ai-sdk/amazon-bedrock", "amazon-bedrock")).toBe("bedrock")
    expect(optionsKey("@ai-sdk/google-vertex/anthropic", "google-vertex-anthropic")).toBe("anthropic")
  })
})

describe("what the config said of a member before routing", () => {
  const providers = {
    alpha: { npm: "@ai-sdk/openai-compatible", models: { main: {} } },
    local: { npm: "@ai-sdk/openai-compatible", options: { baseURL: "http://127.0.0.1:1/v1" } },
  }

  test("a listed model, a models map without it, a provider without models, and no provider at all", () => {
    expect(memberSource("alpha/main", providers)).toMatchObject({ declared: "model" })
    expect(memberSource("alpha/other", providers)).toMatchObject({ declared: "models" })
    expect(memberSource("local/llama", providers)).toMatchObject({ declared: "provider" })
    expect(memberSource("anthropic/claude-sonnet-4-5", providers)).toMatchObject({ declared: "none" })
  })

  test("an auth profile without an entry of its own counts as a configured provider", () => {
    expect(memberSource("anthropic-work/claude-sonnet-4-5", {}, { "anthropic-work": "anthropic" })).toMatchObject({
      declared: "provider",
    })
  })
})
