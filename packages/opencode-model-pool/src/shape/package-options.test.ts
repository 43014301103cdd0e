// Each case's expectation is read from OpenCode 1.18.33's bundled `ProviderTransform`; the comment names the rule.
import { describe, expect, test } from "bun:test"
import type { CallContext, MemberModel, Options } from "./member-model.ts"
import { BEDROCK_CLAUDE, ENCRYPTED, VERTEX_CLAUDE, model, shape } from "../../test/package-fixture.ts"

describe("call options for each package", () => {
  const cases: {
    rule: string
    member: MemberModel
    context?: Partial<CallContext>
    expected: Record<string, Options>
  }[] = [
    {
      // Bedrock keys its options `bedrock`; the variant's reasoningConfig is sent as it is before Claude 5.1.
      rule: "bedrock claude, variant high",
      member: model(BEDROCK_CLAUDE, "@ai-sdk/amazon-bedrock"),
      context: { variant: "high" },
      expected: { bedrock: { reasoningConfig: { type: "enabled", budgetTokens: 16_000 } } },
    },
    {
      // Claude 5.1+ on Bedrock binds thinking blocks in reasoningConfig.
      rule: "bedrock claude 5.1, block binding",
      member: model("amazon-bedrock/anthropic.claude-opus-5-1", "@ai-sdk/amazon-bedrock"),
      context: { variant: "high" },
      expected: {
        bedrock: {
          reasoningConfig: {
            type: "adaptive",
            display: "summarized",
            maxReasoningEffort: "high",
            blockBinding: { prefixMismatchBehavior: "drop_block" },
          },
        },
      },
    },
    {
      // `blockBinding: false` turns the binding off and is not sent.
      rule: "bedrock claude 5.1, binding off",
      member: model("amazon-bedrock/anthropic.claude-opus-5-1", "@ai-sdk/amazon-bedrock", {
        options: { reasoningConfig: { blockBinding: false } },
      }),
      expected: { bedrock: {} },
    },
    {
      // Vertex Anthropic: toolStreaming off for every model, options keyed `anthropic`.
      rule: "vertex anthropic claude, variant max",
      member: model(VERTEX_CLAUDE, "@ai-sdk/google-vertex/anthropic"),
      context: { variant: "max" },
      expected: { anthropic: { toolStreaming: false, thinking: { type: "enabled", budgetTokens: 31_999 } } },
    },
    {
      // Vertex Gemini 2.5: thinkingConfig with thoughts, keyed `vertex`; the variant adds its budget.
      rule: "vertex gemini 2.5, variant max",
      member: model("google-vertex/gemini-2.5-pro", "@ai-sdk/google-vertex"),
      context: { variant: "max" },
      expected: { vertex: { thinkingConfig: { includeThoughts: true, thinkingBudget: 32_768 } } },
    },
    {
      // Vertex Gemini 3: thinkingLevel high by default.
      rule: "vertex gemini 3",
      member: model("google-vertex/gemini-3-pro-preview", "@ai-sdk/google-vertex"),
      expected: { vertex: { thinkingConfig: { includeThoughts: true, thinkingLevel: "high" } } },
    },
    {
      // Azure: store false, the session as promptCacheKey, GPT-5's medium effort with a summary (no `include`),
      // reasoning forced on, the same options under `openai` and `azure`.
      rule: "azure gpt-5",
      member: model("azure/gpt-5", "@ai-sdk/azure"),
      expected: Object.fromEntries(
        ["openai", "azure"].map((key) => [
          key,
          {
            store: false,
            promptCacheKey: "s1",
            reasoningEffort: "medium",
            reasoningSummary: "auto",
            forceReasoning: true,
          },
        ]),
      ),
    },
    {
      // Azure's completion URLs: effort only; the variant's summary and include are removed after layering.
      rule: "azure gpt-5, completion URLs, variant high",
      member: model("azure/gpt-5", "@ai-sdk/azure", { providerOptions: { useCompletionUrls: true } }),
      context: { variant: "high" },
      expected: Object.fromEntries(
        ["openai", "azure"].map((key) => [
          key,
          { store: false, promptCacheKey: "s1", reasoningEffort: "high", forceReasoning: true },
        ]),
      ),
    },
    {
      // Azure's completion URLs: GPT 5.5 and later get no default effort.
      rule: "azure gpt-5.5, completion URLs",
      member: model("azure/gpt-5.5", "@ai-sdk/azure", { providerOptions: { useCompletionUrls: true } }),
      expected: {
        openai: { store: false, promptCacheKey: "s1", forceReasoning: true },
        azure: { store: false, promptCacheKey: "s1", forceReasoning: true },
      },
    },
    {
      // xAI: store false and promptCacheKey.
      rule: "xai grok-4, variant high",
      member: model("xai/grok-4", "@ai-sdk/xai"),
      context: { variant: "high" },
      expected: { xai: { store: false, promptCacheKey: "s1", reasoningEffort: "high" } },
    },
    {
      // DeepInfra and Cerebras take the session as prompt_cache_key.
      rule: "deepinfra, variant low",
      member: model("deepinfra/openai/gpt-oss-120b", "@ai-sdk/deepinfra"),
      context: { variant: "low" },
      expected: { deepinfra: { prompt_cache_key: "s1", reasoningEffort: "low" } },
    },
    {
      // setCacheKey false in the provider's options sends no cache key.
      rule: "cerebras without cache key",
      member: model("cerebras/gpt-oss-120b", "@ai-sdk/cerebras", { providerOptions: { setCacheKey: false } }),
      context: { variant: "high" },
      expected: { cerebras: { reasoningEffort: "high" } },
    },
    {
      // Groq and Together get no cache key.
      rule: "groq, variant none",
      member: model("groq/openai/gpt-oss-120b", "@ai-sdk/groq"),
      context: { variant: "none" },
      expected: { groq: { reasoningEffort: "none" } },
    },
    {
      rule: "togetherai, variant medium",
      member: model("togetherai/openai/gpt-oss-120b", "@ai-sdk/togetherai"),
      context: { variant: "medium" },
      expected: { togetherai: { reasoningEffort: "medium" } },
    },
    {
      // Venice takes promptCacheKey and the openai-compatible efforts, under its own key.
      rule: "venice, variant high",
      member: model("venice/openai-gpt-oss-120b", "venice-ai-sdk-provider"),
      context: { variant: "high" },
      expected: { venice: { promptCacheKey: "s1", reasoningEffort: "high" } },
    },
    {
      // Mistral takes promptCacheKey; magistral has no variant to apply.
      rule: "mistral magistral",
      member: model("mistral/magistral-medium-latest", "@ai-sdk/mistral"),
      context: { variant: "high" },
      expected: { mistral: { promptCacheKey: "s1" } },
    },
    {
      // Gateway: its own `caching: "auto"`, the rest under the upstream named by the id's prefix.
      rule: "gateway anthropic, variant high",
      member: model("vercel/anthropic/claude-sonnet-4.5", "@ai-sdk/gateway"),
      context: { variant: "high" },
      expected: {
        gateway: { caching: "auto" },
        anthropic: { thinking: { type: "enabled", budgetTokens: 16_000 } },
      },
    },
    {
      // Gateway, GPT-5: the id rule's medium effort, without a summary, under `openai`.
      rule: "gateway openai",
      member: model("vercel/openai/gpt-5", "@ai-sdk/gateway"),
      expected: { gateway: { caching: "auto" }, openai: { reasoningEffort: "medium" } },
    },
    {
      // Gateway: the `amazon/` prefix is keyed `bedrock`.
      rule: "gateway amazon",
      member: model("vercel/amazon/nova-pro", "@ai-sdk/gateway", { reasoning: false }),
      context: { agent: { options: { user: "me" } } },
      expected: { gateway: { caching: "auto" }, bedrock: { user: "me" } },
    },
    {
      // Gateway: an id without a prefix takes its options inside `gateway`.
      rule: "gateway without prefix",
      member: model("vercel/nova-pro", "@ai-sdk/gateway", { reasoning: false }),
      context: { agent: { options: { user: "me" } } },
      expected: { gateway: { caching: "auto", user: "me" } },
    },
    {
      // Cohere, Perplexity, v0 and Alibaba get no base options.
      rule: "cohere",
      member: model("cohere/command-a-reasoning-08-2025", "@ai-sdk/cohere"),
      expected: { cohere: {} },
    },
    { rule: "alibaba", member: model("alibaba/qwen3-max", "@ai-sdk/alibaba"), expected: { alibaba: {} } },
  ]
  for (const { rule, member, context, expected } of cases)
    test(`${rule}: ${member.member} gets OpenCode's options`, () => {
      const shaped = shape(member, context)
      const { moon: _turn, ...own } = shaped.providerOptions ?? {}
      expect(own as Record<string, Options>).toEqual(expected)
      // The turn's options were meant for Kimi: another member gets none of them.
      expect(shaped.providerOptions?.moon).toBeUndefined()
    })

  const small: { rule: string; member: MemberModel; expected: Record<string, Options> }[] = [
    {
      // Small calls on xAI: store false over the first variant.
      rule: "xai",
      member: model("xai/grok-4", "@ai-sdk/xai"),
      expected: { xai: { store: false, reasoningEffort: "low" } },
    },
    {
      // Small calls on Azure: only the first variant (no store rule), reasoning forced on, under both keys.
      rule: "azure",
      member: model("azure/gpt-5", "@ai-sdk/azure", { releaseDate: "2025-08-07" }),
      expected: Object.fromEntries(
        ["openai", "azure"].map((key) => [
          key,
          { reasoningEffort: "minimal", reasoningSummary: "auto", include: ENCRYPTED, forceReasoning: true },
        ]),
      ),
    },
    {
      // Small calls on the gateway: no `caching`, the first variant under the upstream key.
      rule: "gateway",
      member: model("vercel/anthropic/claude-sonnet-4.5", "@ai-sdk/gateway"),
      expected: { anthropic: { thinking: { type: "enabled", budgetTokens: 16_000 } } },
    },
  ]
  for (const { rule, member, expected } of small)
    test(`small calls, ${rule}: ${member.member} gets OpenCode's small options`, () => {
      const { moon: _turn, ...own } = shape(member, { small: true }).providerOptions ?? {}
      expect(own as Record<string, Options>).toEqual(expected)
    })

  test("cerebras leaves the output limit to max_completion_tokens when the options set it", () => {
    const member = model("cerebras/gpt-oss-120b", "@ai-sdk/cerebras", { outputLimit: 40_000 })
    expect(shape(member).maxOutputTokens).toBe(32_000)
    const limited = { ...member, options: { max_completion_tokens: 4_000 } }
    const shaped = shape(limited)
    expect(shaped.maxOutputTokens).toBeUndefined()
    expect(shaped.providerOptions?.cerebras).toMatchObject({ max_completion_tokens: 4_000 })
  })
})
