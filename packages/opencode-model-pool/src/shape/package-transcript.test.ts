// Each case's expectation is read from OpenCode 1.18.33's bundled `ProviderTransform`; the comment names the rule.
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { BEDROCK_CLAUDE, PROMPT, VERTEX_CLAUDE, model, shape } from "../../test/package-fixture.ts"
import { shapeCall } from "./shape-call.ts"

describe("transcripts for each package", () => {
  test("bedrock Claude: breakpoints on whole messages, Claude's tool ids", () => {
    const shaped = shape(model(BEDROCK_CLAUDE, "@ai-sdk/amazon-bedrock"))
    const breakpoint = {
      anthropic: { cacheControl: { type: "ephemeral" } },
      openrouter: { cacheControl: { type: "ephemeral" } },
      bedrock: { cachePoint: { type: "default" } },
      openaiCompatible: { cache_control: { type: "ephemeral" } },
      copilot: { copilot_cache_control: { type: "ephemeral" } },
      alibaba: { cacheControl: { type: "ephemeral" } },
    }
    expect(shaped.prompt[0]!.providerOptions).toEqual(breakpoint)
    expect(shaped.prompt[3]!.providerOptions).toEqual(breakpoint)
    expect(shaped.prompt[4]!.providerOptions).toEqual(breakpoint)
    expect(shaped.prompt[1]!.providerOptions).toBeUndefined()
    expect((shaped.prompt[4]!.content[0] as { providerOptions?: unknown }).providerOptions).toBeUndefined()
    expect((shaped.prompt[3]!.content[0] as { toolCallId: string }).toolCallId).toBe("functions_bash_0")
  })

  test("a provider named for Bedrock takes breakpoints on whole messages, whatever its package", () => {
    // OpenCode's whole-message rule reads the provider id (contains "bedrock") as well as the package.
    const shaped = shape(model("bedrock-proxy/claude-sonnet-4-5", "@ai-sdk/anthropic"))
    expect(shaped.prompt[4]!.providerOptions?.bedrock).toEqual({ cachePoint: { type: "default" } })
    expect((shaped.prompt[4]!.content[0] as { providerOptions?: unknown }).providerOptions).toBeUndefined()
  })

  test("the provider id google-vertex-anthropic alone asks for breakpoints, for a model id naming no Claude", () => {
    const shaped = shape(model("google-vertex-anthropic/partner-model", "@ai-sdk/google-vertex/anthropic"))
    const last = shaped.prompt[4]!.content[0] as { providerOptions?: Record<string, unknown> }
    expect(last.providerOptions?.anthropic).toEqual({ cacheControl: { type: "ephemeral" } })
  })

  test("bedrock drops empty text and reasoning it did not sign (under its provider's key or `bedrock`), even with text", () => {
    const member = model(BEDROCK_CLAUDE, "@ai-sdk/amazon-bedrock")
    const prompt: LanguageModelV3Prompt = [
      { role: "user", content: [{ type: "text", text: "hi" }] },
      {
        role: "assistant",
        content: [
          { type: "reasoning", text: "unsigned" },
          { type: "reasoning", text: "signed", providerOptions: { bedrock: { signature: "sig" } } },
          { type: "reasoning", text: "", providerOptions: { "amazon-bedrock": { redactedData: "x" } } },
          { type: "text", text: "" },
          { type: "text", text: "done" },
        ],
      },
    ]
    const shaped = shapeCall({ member, turn: member, context: { agent: { options: {} } }, call: { prompt } })
    expect(shaped.prompt[1]!.content).toEqual([
      { type: "reasoning", text: "signed", providerOptions: { bedrock: { signature: "sig" } } },
      { type: "reasoning", text: "", providerOptions: { bedrock: { redactedData: "x" } } },
      { type: "text", text: "done" },
    ])
  })

  test("vertex Anthropic: breakpoints on the last part, keyed `anthropic`; none when the options set cacheControl", () => {
    const member = model(VERTEX_CLAUDE, "@ai-sdk/google-vertex/anthropic")
    const shaped = shape(member)
    const last = shaped.prompt[4]!.content[0] as { providerOptions?: Record<string, unknown> }
    expect(last.providerOptions?.anthropic).toEqual({ cacheControl: { type: "ephemeral" } })
    expect(shaped.prompt[4]!.providerOptions).toBeUndefined()
    // OpenCode removes empty text only for @ai-sdk/anthropic itself.
    expect(shaped.prompt[2]!.content[0]).toEqual({ type: "text", text: "" })
    const cached = shape({ ...member, options: { cacheControl: { type: "ephemeral", ttl: "1h" } } })
    expect(cached.prompt.some((message) => JSON.stringify(message).includes("ephemeral"))).toBe(false)
  })

  test("gateway Claude: no breakpoints, Claude's tool ids, the provider's keys renamed `gateway`", () => {
    const prompt: LanguageModelV3Prompt = [
      ...PROMPT.slice(0, 4),
      { role: "user", content: [{ type: "text", text: "and now?" }], providerOptions: { vercel: { tag: "x" } } },
    ]
    const shaped = shape(model("vercel/anthropic/claude-sonnet-4.5", "@ai-sdk/gateway"), {}, { prompt })
    expect(JSON.stringify(shaped.prompt)).not.toContain("ephemeral")
    expect(shaped.prompt[4]!.providerOptions).toEqual({ gateway: { tag: "x" } })
    expect((shaped.prompt[2]!.content[1] as { toolCallId: string }).toolCallId).toBe("functions_bash_0")
  })

  test("alibaba: breakpoints on the last part of the system and the last two messages", () => {
    const shaped = shape(model("alibaba/qwen3-max", "@ai-sdk/alibaba"))
    const last = shaped.prompt[4]!.content[0] as { providerOptions?: Record<string, unknown> }
    expect(last.providerOptions?.alibaba).toEqual({ cacheControl: { type: "ephemeral" } })
    expect(shaped.prompt[0]!.providerOptions?.alibaba).toEqual({ cacheControl: { type: "ephemeral" } })
  })

  test("azure drops item ids under `azure` unless the options store, as for OpenAI", () => {
    const member = model("azure/gpt-5", "@ai-sdk/azure")
    const prompt: LanguageModelV3Prompt = [
      { role: "user", content: [{ type: "text", text: "hi" }] },
      {
        role: "assistant",
        content: [{ type: "text", text: "done", providerOptions: { azure: { itemId: "msg_1", other: 1 } } }],
      },
    ]
    const turn = { agent: { options: {} } }
    const partOptions = (shaped: LanguageModelV3CallOptions) =>
      (shaped.prompt[1]!.content[0] as { providerOptions?: unknown }).providerOptions
    const dropped = shapeCall({ member, turn: member, context: turn, call: { prompt } })
    expect(partOptions(dropped)).toEqual({ azure: { other: 1 } })
    const stored = { ...member, options: { store: true } }
    const kept = shapeCall({ member: stored, turn: stored, context: turn, call: { prompt } })
    expect(partOptions(kept)).toEqual({ azure: { itemId: "msg_1", other: 1 } })
  })

  test("mistral: 9-character tool ids and an assistant turn between a tool result and a user message", () => {
    const shaped = shape(model("mistral/magistral-medium-latest", "@ai-sdk/mistral"))
    expect((shaped.prompt[3]!.content[0] as { toolCallId: string }).toolCallId).toBe("functions")
    expect(shaped.prompt[4]).toEqual({ role: "assistant", content: [{ type: "text", text: "Done." }] })
    expect(shaped.prompt[5]!.role).toBe("user")
  })
})

describe("tool schemas for each package", () => {
  const tools: LanguageModelV3CallOptions["tools"] = [
    {
      type: "function",
      name: "pick",
      inputSchema: {
        $schema: "http://json-schema.org/draft-07/schema#",
        type: "object",
        properties: { level: { type: "integer", enum: [1, 2], minimum: 1 } },
      },
    },
  ]

  test("azure gets OpenAI's schema rebuild and strict mode off", () => {
    const shaped = shape(model("azure/gpt-5", "@ai-sdk/azure"), {}, { tools })
    expect(shaped.tools?.[0]).toEqual({
      type: "function",
      name: "pick",
      strict: false,
      inputSchema: { type: "object", properties: { level: { type: "integer", enum: [1, 2] } } },
    })
  })

  test("vertex Gemini gets Gemini's schema rewrite; bedrock gets the schema as it is", () => {
    const gemini = shape(model("google-vertex/gemini-2.5-pro", "@ai-sdk/google-vertex"), {}, { tools })
    expect(gemini.tools?.[0]).toMatchObject({
      inputSchema: { properties: { level: { type: "string", enum: ["1", "2"] } } },
    })
    const bedrock = shape(model(BEDROCK_CLAUDE, "@ai-sdk/amazon-bedrock"), {}, { tools })
    expect(bedrock.tools?.[0]).toEqual(tools[0]!)
  })
})
