import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import type { MemberModel } from "./member-model.ts"
import { model as fixtureModel } from "../../test/package-fixture.ts"
import { shapeCall } from "./shape-call.ts"

/** The fixture's member with this file's 8000-token output limit. */
function model(member: string, npm: MemberModel["npm"], extra: Partial<MemberModel> = {}): MemberModel {
  return fixtureModel(member, npm, { outputLimit: 8_000, ...extra })
}

const KIMI = model("moon/kimi-k2", "@ai-sdk/openai-compatible")
const CLAUDE = model("anthropic/claude-sonnet-4-5", "@ai-sdk/anthropic", { variants: { high: {} } })
const GEMINI = model("google/gemini-2.5-flash", "@ai-sdk/google")

/** A step-2 transcript as OpenCode prepared it for Kimi: reasoning, a `functions.bash:0` call and its result. */
const PROMPT: LanguageModelV3Prompt = [
  { role: "system", content: "be brief" },
  { role: "user", content: [{ type: "text", text: "run it" }] },
  {
    role: "assistant",
    content: [
      { type: "reasoning", text: "I will run it", providerOptions: { moon: { id: "r1" } } },
      { type: "text", text: "" },
      { type: "tool-call", toolCallId: "functions.bash:0", toolName: "bash", input: { command: "ls" } },
    ],
  },
  {
    role: "tool",
    content: [
      { type: "tool-result", toolCallId: "functions.bash:0", toolName: "bash", output: { type: "text", value: "a" } },
    ],
  },
]

function call(extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions {
  return {
    prompt: PROMPT,
    maxOutputTokens: 32_000,
    providerOptions: { moon: { reasoningEffort: "high", modelPool: { pool: "p" } } },
    ...extra,
  }
}

const NO_AGENT = { agent: { options: {} } }

describe("a call prepared for one member, shaped for another", () => {
  test("an Anthropic member gets valid tool ids, no empty text, the other model's reasoning as text, and breakpoints", () => {
    const shaped = shapeCall({ member: CLAUDE, turn: KIMI, context: NO_AGENT, call: call() })
    const assistant = shaped.prompt[2]!
    expect(assistant.content).toEqual([
      { type: "text", text: "I will run it" },
      {
        type: "tool-call",
        toolCallId: "functions_bash_0",
        toolName: "bash",
        input: { command: "ls" },
      },
    ])
    const tool = shaped.prompt[3]!
    expect(tool.providerOptions?.anthropic).toEqual({ cacheControl: { type: "ephemeral" } })
    expect((tool.content[0] as { toolCallId: string }).toolCallId).toBe("functions_bash_0")
    expect(shaped.prompt[0]!.providerOptions?.anthropic).toEqual({ cacheControl: { type: "ephemeral" } })
  })

  test("the turn's own options stay with the turn's provider key; the member gets its own, with the variant", () => {
    const shaped = shapeCall({ member: CLAUDE, turn: KIMI, context: { ...NO_AGENT, variant: "high" }, call: call() })
    expect(shaped.providerOptions).toEqual({
      anthropic: { thinking: { type: "enabled", budgetTokens: 3_999 } },
    })
    expect(shaped.maxOutputTokens).toBe(8_000)
  })

  test("agent options reach every member, as OpenCode layers them over the model's", () => {
    const agent = { options: { user: "me" }, temperature: 0.2 }
    const shaped = shapeCall({ member: CLAUDE, turn: KIMI, context: { agent }, call: call() })
    expect(shaped.providerOptions?.anthropic).toEqual({ user: "me" })
    expect(shaped.temperature).toBe(0.2)
  })

  test("a Gemini member gets string enums, real required names and array items in its tool schemas", () => {
    const inputSchema = {
      type: "object",
      properties: { level: { type: "integer", enum: [1, 2] }, tags: { type: "array" } },
      required: ["level", "missing"],
    } as const
    const tools: LanguageModelV3CallOptions["tools"] = [{ type: "function", name: "pick", inputSchema }]
    const shaped = shapeCall({ member: GEMINI, turn: KIMI, context: NO_AGENT, call: call({ tools }) })
    expect(shaped.tools?.[0]).toMatchObject({
      inputSchema: {
        properties: { level: { type: "string", enum: ["1", "2"] }, tags: { type: "array", items: { type: "string" } } },
        required: ["level"],
      },
    })
    expect(shaped.providerOptions?.google).toEqual({ thinkingConfig: { includeThoughts: true } })
  })

  test("the turn's own member keeps OpenCode's sampling and output limit, and loses only the pool marker", () => {
    const shaped = shapeCall({ member: KIMI, turn: KIMI, context: NO_AGENT, call: call({ temperature: 0.6 }) })
    expect(shaped.temperature).toBe(0.6)
    expect(shaped.maxOutputTokens).toBe(32_000)
    expect(shaped.prompt[2]!.content[0]).toEqual(PROMPT[2]!.content[0])
    expect(shaped.providerOptions).toEqual({ moon: { reasoningEffort: "high" } })
  })

  test("a Gemini 3 member gets Google's stand-in signature on function calls another model made", () => {
    const member = model("google/gemini-3.1-pro-preview", "@ai-sdk/google")
    const shaped = shapeCall({ member, turn: KIMI, context: NO_AGENT, call: call() })
    const content = shaped.prompt[2]!.content as { type: string; providerOptions?: unknown }[]
    expect(content.find((part) => part.type === "tool-call")?.providerOptions).toEqual({
      google: { thoughtSignature: "skip_thought_signature_validator" },
    })
  })
})
