// Members and a call for the package tests: a call OpenCode prepared for a Kimi turn, shaped for another member.
import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider"
import type { CallContext, MemberModel } from "../src/shape/member-model.ts"
import { shapeCall } from "../src/shape/shape-call.ts"

/** A reasoning member with a 64000-token output limit, its api id its model key unless `extra` says otherwise. */
export function model(member: string, npm: MemberModel["npm"], extra: Partial<MemberModel> = {}): MemberModel {
  const slash = member.indexOf("/")
  return {
    member,
    providerID: member.slice(0, slash),
    modelID: member.slice(slash + 1),
    apiID: member.slice(slash + 1),
    npm,
    reasoning: true,
    temperature: true,
    outputLimit: 64_000,
    releaseDate: "",
    options: {},
    variants: {},
    providerOptions: {},
    ...extra,
  }
}

export const TURN = model("moon/kimi-k2", "@ai-sdk/openai-compatible")
export const ENCRYPTED = ["reasoning.encrypted_content"]
export const BEDROCK_CLAUDE = "amazon-bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0"
export const VERTEX_CLAUDE = "google-vertex-anthropic/claude-sonnet-4-5@20250929"

/** System, user, an assistant tool call (with an empty text) by Kimi, its result, and a new user message. */
export const PROMPT: LanguageModelV3Prompt = [
  { role: "system", content: "be brief" },
  { role: "user", content: [{ type: "text", text: "run it" }] },
  {
    role: "assistant",
    content: [
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
  { role: "user", content: [{ type: "text", text: "and now?" }] },
]

function call(extra: Partial<LanguageModelV3CallOptions> = {}): LanguageModelV3CallOptions {
  return { prompt: PROMPT, maxOutputTokens: 32_000, providerOptions: { moon: { reasoningEffort: "high" } }, ...extra }
}

/** Shapes a call prepared for Kimi for `member`, with the variant (listed on the member) and options given. */
export function shape(
  member: MemberModel,
  context: Partial<CallContext> = {},
  extra: Partial<LanguageModelV3CallOptions> = {},
) {
  const variants = context.variant ? { [context.variant]: {}, ...member.variants } : member.variants
  return shapeCall({
    member: { ...member, variants },
    turn: TURN,
    context: { sessionID: "s1", agent: { options: {} }, ...context },
    call: call(extra),
  })
}
