import type { LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from "@ai-sdk/provider"
import { METADATA_KEY } from "@model-pool/core"
import { optionsKey } from "../host/provider-packages.ts"
import { addBreakpoints, cacheMode, withoutBreakpoint } from "./cache-breakpoints.ts"
import { anthropicContent, bedrockContent } from "./content-rules.ts"
import { withoutUnreadable } from "./input-modalities.ts"
import { isClaude, isMistral } from "./model-family.ts"
import type { MemberModel, Options } from "./member-model.ts"
import { speaksAnthropic, speaksResponses } from "./packages.ts"

type Part = Exclude<LanguageModelV3Message["content"], string>[number]

/** The message with `map` applied to its provider options and those of each of its parts. */
function mapOptions(
  message: LanguageModelV3Message,
  map: (options: SharedV3ProviderOptions | undefined) => SharedV3ProviderOptions | undefined,
): LanguageModelV3Message {
  const providerOptions = map(message.providerOptions)
  const { providerOptions: _old, ...bare } = message
  const base = (providerOptions ? { ...bare, providerOptions } : bare) as LanguageModelV3Message
  if (typeof message.content === "string") return base
  const content = (message.content as Part[]).map((part) => {
    const mapped = map(part.providerOptions)
    const { providerOptions: _old, ...rest } = part
    return (mapped ? { ...rest, providerOptions: mapped } : rest) as Part
  })
  return { ...base, content } as LanguageModelV3Message
}

/** Which member produced an assistant part, from the pool report OpenCode stored on it. */
function producer(part: Part): string | undefined {
  const report = part.providerOptions?.[METADATA_KEY] as { member?: unknown } | undefined
  return typeof report?.member === "string" ? report.member : undefined
}

/** Google's documented stand-in for a thought signature, for function calls another model made. */
const SKIP_SIGNATURE = { google: { thoughtSignature: "skip_thought_signature_validator" } }

/**
 * Parts another model produced are replayed the way OpenCode replays a different model's turn: reasoning
 * becomes text, and the producer's metadata (signatures, item ids) is dropped. Parts without a report were
 * produced by the turn's model, which OpenCode recorded. Gemini 3 rejects a function call without a thought
 * signature, which every call of another model lacks: later @ai-sdk/google releases send Google's stand-in for
 * them, and the pool sends it for the release OpenCode bundles.
 */
function replayForeign(prompt: LanguageModelV3Prompt, member: MemberModel, turn: string): LanguageModelV3Prompt {
  const gemini3 = member.npm === "@ai-sdk/google" && /gemini-3/i.test(member.apiID)
  return prompt.map((message) => {
    if (message.role !== "assistant") return message
    const content = message.content.flatMap((part): Part[] => {
      if ((producer(part) ?? turn) === member.member) return [part]
      const { providerOptions: _foreign, ...bare } = part
      if (bare.type === "tool-call" && gemini3) return [{ ...bare, providerOptions: SKIP_SIGNATURE }]
      if (bare.type !== "reasoning") return [bare as Part]
      return bare.text.trim().length > 0 ? [{ type: "text", text: bare.text }] : []
    })
    return { ...message, content } as LanguageModelV3Message
  })
}

function withoutReport(options: SharedV3ProviderOptions | undefined): SharedV3ProviderOptions | undefined {
  if (!options || !(METADATA_KEY in options)) return options
  const { [METADATA_KEY]: _report, ...rest } = options
  return Object.keys(rest).length > 0 ? rest : undefined
}

function mapToolIds(prompt: LanguageModelV3Prompt, rename: (id: string) => string): LanguageModelV3Prompt {
  return prompt.map((message) => {
    if (message.role !== "assistant" && message.role !== "tool") return message
    const content = (message.content as Part[]).map((part) =>
      part.type === "tool-call" || part.type === "tool-result"
        ? { ...part, toolCallId: rename(part.toolCallId) }
        : part,
    )
    return { ...message, content } as LanguageModelV3Message
  })
}

/** Mistral takes 9-character ids and wants an assistant turn between a tool result and a user message. */
function mistralTranscript(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  const renamed = mapToolIds(prompt, (id) =>
    id
      .replace(/[^a-zA-Z0-9]/g, "")
      .slice(0, 9)
      .padEnd(9, "0"),
  )
  return renamed.flatMap((message, index) =>
    message.role === "tool" && renamed[index + 1]?.role === "user"
      ? [message, { role: "assistant", content: [{ type: "text", text: "Done." }] } as LanguageModelV3Message]
      : [message],
  )
}

function rekey(prompt: LanguageModelV3Prompt, from: string, to: string): LanguageModelV3Prompt {
  if (from === to) return prompt
  return prompt.map((message) =>
    mapOptions(message, (options) => {
      if (!options || !(from in options)) return options
      const { [from]: values, ...rest } = options
      return { ...rest, [to]: values! }
    }),
  )
}

function withoutItemIds(prompt: LanguageModelV3Prompt, key: string): LanguageModelV3Prompt {
  return prompt.map((message) =>
    mapOptions(message, (options) => {
      const own = options?.[key]
      if (!own || !("itemId" in own)) return options
      const { itemId: _id, ...rest } = own
      return { ...options, [key]: rest }
    }),
  )
}

/** What shaping the transcript needs besides the member: the turn's model and the member's call options. */
export interface TranscriptContext {
  turn: MemberModel
  /** The member's options before keying (`store` and `cacheControl` are read from them). */
  options: Options
}

/**
 * The transcript as stock OpenCode would send it to `member`. OpenCode already shaped it for the turn's model
 * as seen through the pool module (rules keyed on ids and capabilities only); this undoes what was meant for that
 * model alone, replays other members' parts as another model's, and applies the member's own rules.
 */
export function shapeTranscript(
  prompt: LanguageModelV3Prompt,
  member: MemberModel,
  context: TranscriptContext,
): LanguageModelV3Prompt {
  const { turn } = context
  let shaped = replayForeign(prompt, member, turn.member).map((message) => mapOptions(message, withoutReport))
  // OpenCode replaced what the turn's model cannot read; what that model read may still be unreadable here.
  if (member.input) shaped = withoutUnreadable(shaped, member.input)
  const before = cacheMode({ model: turn, npm: undefined, cacheControl: false })
  const after = cacheMode({ model: member, npm: member.npm, cacheControl: context.options.cacheControl !== undefined })
  // Breakpoints set for the turn's model move to where this member takes them, unless they are there already.
  const moveBreakpoints = before !== after || turn.member !== member.member
  if (moveBreakpoints) shaped = shaped.map((message) => mapOptions(message, withoutBreakpoint))
  if (member.npm === "@ai-sdk/anthropic") shaped = anthropicContent(shaped)
  if (member.npm === "@ai-sdk/amazon-bedrock") shaped = bedrockContent(shaped, member.providerID)
  // The Anthropic API takes only these characters in ids; OpenCode rewrites them for Claude ids, and the pool
  // for every member on a package speaking it (a valid id is left as it is).
  if (isClaude(member.apiID) || speaksAnthropic(member.npm))
    shaped = mapToolIds(shaped, (id) => id.replace(/[^a-zA-Z0-9_-]/g, "_"))
  if (isMistral(member.providerID, member.apiID) && !isMistral(turn.providerID, turn.apiID))
    shaped = mistralTranscript(shaped)
  if (moveBreakpoints) shaped = addBreakpoints(shaped, after)
  const key = optionsKey(member.npm, member.providerID)
  shaped = rekey(shaped, member.providerID, key)
  if (speaksResponses(member.npm) && context.options.store !== true) shaped = withoutItemIds(shaped, key)
  return shaped
}
