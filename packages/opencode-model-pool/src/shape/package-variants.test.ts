// Each case's expectation is read from OpenCode 1.18.33's bundled `ProviderTransform`; the comment names the rule.
import { describe, expect, test } from "bun:test"
import type { MemberModel, Options } from "./member-model.ts"
import { BEDROCK_CLAUDE, ENCRYPTED, VERTEX_CLAUDE, model } from "../../test/package-fixture.ts"
import { derivedVariants } from "./variants.ts"

describe("variants derived for each package", () => {
  const cases: { rule: string; member: MemberModel; expected: Record<string, Options> }[] = [
    {
      // Bedrock, Claude without adaptive thinking: fixed reasoningConfig budgets 16000 and 31999.
      rule: "bedrock anthropic budgets",
      member: model(BEDROCK_CLAUDE, "@ai-sdk/amazon-bedrock"),
      expected: {
        high: { reasoningConfig: { type: "enabled", budgetTokens: 16_000 } },
        max: { reasoningConfig: { type: "enabled", budgetTokens: 31_999 } },
      },
    },
    {
      // Bedrock, Claude 4.6: adaptive reasoningConfig with a maximum effort, not summarised before 4.7.
      rule: "bedrock adaptive efforts",
      member: model("amazon-bedrock/global.anthropic.claude-opus-4-6-v1", "@ai-sdk/amazon-bedrock"),
      expected: Object.fromEntries(
        ["low", "medium", "high", "max"].map((effort) => [
          effort,
          { reasoningConfig: { type: "adaptive", maxReasoningEffort: effort } },
        ]),
      ),
    },
    {
      // Bedrock, a model that is not Anthropic's: reasoningConfig enabled with low/medium/high maximum efforts.
      rule: "bedrock other models",
      member: model("amazon-bedrock/amazon.nova-2-lite-v1:0", "@ai-sdk/amazon-bedrock"),
      expected: Object.fromEntries(
        ["low", "medium", "high"].map((effort) => [
          effort,
          { reasoningConfig: { type: "enabled", maxReasoningEffort: effort } },
        ]),
      ),
    },
    {
      // Vertex Anthropic is Anthropic: budgets from the output limit (min(16000, out/2-1), min(31999, out-1)).
      rule: "vertex anthropic budgets",
      member: model(VERTEX_CLAUDE, "@ai-sdk/google-vertex/anthropic", { outputLimit: 20_000 }),
      expected: {
        high: { thinking: { type: "enabled", budgetTokens: 9_999 } },
        max: { thinking: { type: "enabled", budgetTokens: 19_999 } },
      },
    },
    {
      // Vertex Anthropic, Claude 4.7: adaptive thinking, summarised, five efforts.
      rule: "vertex anthropic adaptive",
      member: model("google-vertex-anthropic/claude-opus-4-7", "@ai-sdk/google-vertex/anthropic"),
      expected: Object.fromEntries(
        ["low", "medium", "high", "xhigh", "max"].map((effort) => [
          effort,
          { thinking: { type: "adaptive", display: "summarized" }, effort },
        ]),
      ),
    },
    {
      // Vertex is Google: Gemini 2.5 Pro thinks by budget, 16000 and 32768.
      rule: "vertex gemini 2.5",
      member: model("google-vertex/gemini-2.5-pro", "@ai-sdk/google-vertex"),
      expected: {
        high: { thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } },
        max: { thinkingConfig: { includeThoughts: true, thinkingBudget: 32_768 } },
      },
    },
    {
      // Vertex, Gemini 3 Flash: thinking levels minimal to high.
      rule: "vertex gemini 3 flash",
      member: model("google-vertex/gemini-3-flash-preview", "@ai-sdk/google-vertex"),
      expected: Object.fromEntries(
        ["minimal", "low", "medium", "high"].map((level) => [
          level,
          { thinkingConfig: { includeThoughts: true, thinkingLevel: level } },
        ]),
      ),
    },
    {
      // Azure goes by OpenAI's efforts for the model key, with summaries and encrypted reasoning.
      rule: "azure gpt-5",
      member: model("azure/gpt-5", "@ai-sdk/azure", { releaseDate: "2025-08-07" }),
      expected: Object.fromEntries(
        ["minimal", "low", "medium", "high"].map((effort) => [
          effort,
          { reasoningEffort: effort, reasoningSummary: "auto", include: ENCRYPTED },
        ]),
      ),
    },
    {
      // Azure reads the model key, not the deployment id sent; o1-mini has none.
      rule: "azure o1-mini",
      member: model("azure/o1-mini", "@ai-sdk/azure", { apiID: "my-deployment" }),
      expected: {},
    },
    {
      // xAI, Cerebras, Together, DeepInfra: plain reasoningEffort low/medium/high.
      rule: "xai grok-4",
      member: model("xai/grok-4", "@ai-sdk/xai"),
      expected: {
        low: { reasoningEffort: "low" },
        medium: { reasoningEffort: "medium" },
        high: { reasoningEffort: "high" },
      },
    },
    {
      // Grok 3 Mini on any package but OpenRouter: low and high only.
      rule: "xai grok-3-mini",
      member: model("xai/grok-3-mini", "@ai-sdk/xai"),
      expected: { low: { reasoningEffort: "low" }, high: { reasoningEffort: "high" } },
    },
    {
      // The effort packages add `max` for DeepSeek V4.
      rule: "togetherai deepseek-v4",
      member: model("togetherai/deepseek-ai/DeepSeek-V4", "@ai-sdk/togetherai"),
      expected: Object.fromEntries(
        ["low", "medium", "high", "max"].map((effort) => [effort, { reasoningEffort: effort }]),
      ),
    },
    {
      rule: "cerebras gpt-oss",
      member: model("cerebras/gpt-oss-120b", "@ai-sdk/cerebras"),
      expected: Object.fromEntries(["low", "medium", "high"].map((effort) => [effort, { reasoningEffort: effort }])),
    },
    {
      rule: "deepinfra gpt-oss",
      member: model("deepinfra/openai/gpt-oss-120b", "@ai-sdk/deepinfra"),
      expected: Object.fromEntries(["low", "medium", "high"].map((effort) => [effort, { reasoningEffort: effort }])),
    },
    {
      // Groq adds `none` to the three efforts.
      rule: "groq gpt-oss",
      member: model("groq/openai/gpt-oss-120b", "@ai-sdk/groq"),
      expected: Object.fromEntries(
        ["none", "low", "medium", "high"].map((effort) => [effort, { reasoningEffort: effort }]),
      ),
    },
    {
      // Qwen models get no variants on any package.
      rule: "groq qwen",
      member: model("groq/qwen/qwen3-32b", "@ai-sdk/groq"),
      expected: {},
    },
    {
      // Mistral: one `high` effort, for the listed small and medium models only.
      rule: "mistral medium",
      member: model("mistral/mistral-medium-2604", "@ai-sdk/mistral"),
      expected: { high: { reasoningEffort: "high" } },
    },
    {
      rule: "mistral magistral",
      member: model("mistral/magistral-medium-latest", "@ai-sdk/mistral"),
      expected: {},
    },
    {
      // Gateway, Anthropic without adaptive thinking: fixed budgets 16000 and 31999, whatever the output limit.
      rule: "gateway anthropic budgets",
      member: model("vercel/anthropic/claude-sonnet-4.5", "@ai-sdk/gateway", { outputLimit: 8_000 }),
      expected: {
        high: { thinking: { type: "enabled", budgetTokens: 16_000 } },
        max: { thinking: { type: "enabled", budgetTokens: 31_999 } },
      },
    },
    {
      // Gateway, Claude 4.6: adaptive thinking with efforts, not summarised.
      rule: "gateway anthropic adaptive",
      member: model("vercel/anthropic/claude-opus-4.6", "@ai-sdk/gateway"),
      expected: Object.fromEntries(
        ["low", "medium", "high", "max"].map((effort) => [effort, { thinking: { type: "adaptive" }, effort }]),
      ),
    },
    {
      // Gateway, Gemini 3: low and high levels, not wrapped in thinkingConfig.
      rule: "gateway google",
      member: model("vercel/google/gemini-3-pro-preview", "@ai-sdk/gateway"),
      expected: {
        low: { includeThoughts: true, thinkingLevel: "low" },
        high: { includeThoughts: true, thinkingLevel: "high" },
      },
    },
    {
      // Gateway, anything else: OpenAI's efforts without a release date.
      rule: "gateway openai",
      member: model("vercel/openai/gpt-5", "@ai-sdk/gateway"),
      expected: Object.fromEntries(
        ["none", "minimal", "low", "medium", "high", "xhigh"].map((effort) => [effort, { reasoningEffort: effort }]),
      ),
    },
    { rule: "cohere", member: model("cohere/command-a-reasoning-08-2025", "@ai-sdk/cohere"), expected: {} },
    { rule: "perplexity", member: model("perplexity/sonar-reasoning-pro", "@ai-sdk/perplexity"), expected: {} },
    { rule: "v0", member: model("v0/v0-1.5-md", "@ai-sdk/vercel"), expected: {} },
    { rule: "alibaba", member: model("alibaba/deepseek-r2", "@ai-sdk/alibaba"), expected: {} },
  ]
  for (const { rule, member, expected } of cases)
    test(`${rule}: ${member.member} gets OpenCode's variants`, () => {
      expect(derivedVariants(member)).toEqual(expected)
    })

  test("a model that does not reason gets no variants on any package", () => {
    expect(derivedVariants(model("azure/gpt-5", "@ai-sdk/azure", { reasoning: false }))).toEqual({})
  })
})
