import { describe, expect, test } from "bun:test"
import { memberSource, optionsKey } from "./member-source.ts"

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

  test("a package the pool cannot build is an error naming the member and the package", () => {
    expect(memberSource("amazon-bedrock/anthropic.claude", {})).toEqual({
      error: expect.stringContaining("amazon-bedrock/anthropic.claude uses @ai-sdk/amazon-bedrock"),
    })
  })

  test("options are keyed the way each package reads them", () => {
    expect(optionsKey("@ai-sdk/openai", "my-openai")).toBe("openai")
    expect(optionsKey("@ai-sdk/openai-compatible", "alpha")).toBe("alpha")
    expect(optionsKey("@openrouter/ai-sdk-provider", "or")).toBe("openrouter")
  })
})
