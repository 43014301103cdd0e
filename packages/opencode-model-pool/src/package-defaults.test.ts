import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { withPackageDefaults } from "./package-defaults.ts"

const call = (extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions => ({
  prompt: [],
  headers: { "x-session-affinity": "ses_1" },
  tools: [{ type: "function", name: "bash", inputSchema: { type: "object" } }],
  ...extra,
})

describe("package defaults OpenCode derives from a model's package", () => {
  test("OpenAI gets the session as prompt-cache key, summaries for GPT-5 and non-strict tools", () => {
    const options = withPackageDefaults({ npm: "@ai-sdk/openai", apiID: "gpt-5", reasoning: true }, "openai", call())
    expect(options.providerOptions?.openai).toEqual({ promptCacheKey: "ses_1", reasoningSummary: "auto" })
    expect(options.tools?.[0]).toMatchObject({ strict: false })
  })

  test("values the call already has are never overridden", () => {
    const options = withPackageDefaults(
      { npm: "@ai-sdk/openai", apiID: "gpt-5", reasoning: true },
      "openai",
      call({ providerOptions: { openai: { promptCacheKey: "mine" } } }),
    )
    expect(options.providerOptions?.openai?.promptCacheKey).toBe("mine")
  })

  test("Google reasoning models include their thoughts; others get nothing", () => {
    const reasoning = withPackageDefaults(
      { npm: "@ai-sdk/google", apiID: "gemini-2.5-pro", reasoning: true },
      "google",
      call(),
    )
    const plain = withPackageDefaults({ npm: "@ai-sdk/google", apiID: "gemma", reasoning: false }, "google", call())
    expect(reasoning.providerOptions?.google).toEqual({ thinkingConfig: { includeThoughts: true } })
    expect(plain.providerOptions?.google).toEqual({})
  })

  test("OpenRouter asks for usage; openai-compatible hosts are left as they are", () => {
    const routed = withPackageDefaults(
      { npm: "@openrouter/ai-sdk-provider", apiID: "x/y", reasoning: false },
      "openrouter",
      call(),
    )
    const plain = withPackageDefaults(
      { npm: "@ai-sdk/openai-compatible", apiID: "m", reasoning: false },
      "alpha",
      call(),
    )
    expect(routed.providerOptions?.openrouter).toEqual({ usage: { include: true } })
    expect(plain.tools?.[0]).not.toHaveProperty("strict")
  })
})
