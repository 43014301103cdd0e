import type { LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from "@ai-sdk/provider"
import { METADATA_KEY } from "@model-pool/core"
import { optionsKey } from "../member-source.ts"
import { isClaude, isMistral } from "./model-family.ts"
import type { MemberModel } from "./member-model.ts"

type Part = Exclude<LanguageModelV3Message["content"], string>[number]
type CacheMode = "none" | "message" | "part"

/** OpenCode's prompt-cache breakpoint, under every key a package reads one from. */
const BREAKPOINT: Record<string, Record<string, { type: string }>> = {
  anthropic: { cacheControl: { type: "ephemeral" } },
  openrouter: { cacheControl: { type: "ephemeral" } },
  bedrock: { cachePoint: { type: "default" } },
  openaiCompatible: { cache_control: { type: "ephemeral" } },
  copilot: { copilot_cache_control: { type: "ephemeral" } },
  alibaba: { cacheControl: { type: "ephemeral" } },
}

/** Where OpenCode puts cache breakpoints for a model; `npm` is undefined for what it sees through the module. */
function cacheMode(model: MemberModel, npm: string | undefined): CacheMode {
  const ids = [model.providerID, model.apiID, model.modelID]
  const named = ids.some((id) => id.includes("anthropic") || id.includes("claude"))
  if (!named && npm !== "@ai-sdk/anthropic") return "none"
  return model.providerID === "anthropic" ? "message" : "part"
}

function withoutBreakpoint(options: SharedV3ProviderOptions | undefined): SharedV3ProviderOptions | undefined {
  if (!options) return options
  const result: SharedV3ProviderOptions = {}
  for (const [key, values] of Object.entries(options)) {
    const breakpoint = BREAKPOINT[key]
    const kept = breakpoint
      ? Object.fromEntries(Object.entries(values).filter(([name]) => !(name in breakpoint)))
      : values
    if (Object.keys(kept).length > 0 || !breakpoint) result[key] = kept
  }
  return Object.keys(result).length > 0 ? result : undefined
}

function withBreakpoint(options: SharedV3ProviderOptions | undefined): SharedV3ProviderOptions {
  const result: SharedV3ProviderOptions = { ...options }
  for (const [key, values] of Object.entries(BREAKPOINT)) result[key] = { ...result[key], ...values }
  return result
}

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

/** Breakpoints on the first two system messages and the last two others, as OpenCode sets them. */
function addBreakpoints(prompt: LanguageModelV3Prompt, mode: CacheMode): LanguageModelV3Prompt {
  if (mode === "none") return prompt
  const systems = prompt.filter((message) => message.role === "system").slice(0, 2)
  const others = prompt.filter((message) => message.role !== "system").slice(-2)
  const marked = new Set<LanguageModelV3Message>([...systems, ...others])
  return prompt.map((message) => {
    if (!marked.has(message)) return message
    if (mode === "part" && Array.isArray(message.content) && message.content.length > 0) {
      const content = [...(message.content as Part[])]
      const last = content.length - 1
      content[last] = { ...content[last], providerOptions: withBreakpoint(content[last]!.providerOptions) } as Part
      return { ...message, content } as LanguageModelV3Message
    }
    return { ...message, providerOptions: withBreakpoint(message.providerOptions) }
  })
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

/** Anthropic rejects empty text blocks, and drops reasoning it cannot verify: OpenCode removes both first. */
function anthropicContent(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  return prompt.flatMap((message): LanguageModelV3Message[] => {
    if (typeof message.content === "string") return message.content === "" ? [] : [message]
    const content = (message.content as Part[]).filter((part) => {
      if (part.type === "text") return part.text !== ""
      if (part.type !== "reasoning") return true
      const anthropic = part.providerOptions?.anthropic
      return part.text.trim().length > 0 || anthropic?.signature != null || anthropic?.redactedData != null
    })
    return content.length === 0 ? [] : [{ ...message, content } as LanguageModelV3Message]
  })
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

function withoutItemIds(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  return prompt.map((message) =>
    mapOptions(message, (options) => {
      const openai = options?.openai
      if (!openai || !("itemId" in openai)) return options
      const { itemId: _id, ...rest } = openai
      return { ...options, openai: rest }
    }),
  )
}

/** What shaping the transcript needs besides the member: the turn's model and whether OpenAI stores items. */
export interface TranscriptContext {
  turn: MemberModel
  store: boolean
}

/**
 * The transcript as stock OpenCode would send it to `member`. OpenCode already shaped it for the turn's model
 * as seen through the pool module (rules keyed on ids only); this undoes what was meant for that model alone,
 * replays other members' parts as another model's, and applies the member's own rules.
 */
export function shapeTranscript(
  prompt: LanguageModelV3Prompt,
  member: MemberModel,
  context: TranscriptContext,
): LanguageModelV3Prompt {
  const { turn } = context
  let shaped = replayForeign(prompt, member, turn.member).map((message) => mapOptions(message, withoutReport))
  const before = cacheMode(turn, undefined)
  const after = cacheMode(member, member.npm)
  // Breakpoints set for the turn's model move to where this member takes them, unless they are there already.
  const moveBreakpoints = before !== after || turn.member !== member.member
  if (moveBreakpoints) shaped = shaped.map((message) => mapOptions(message, withoutBreakpoint))
  if (member.npm === "@ai-sdk/anthropic") shaped = anthropicContent(shaped)
  // The Anthropic API takes only these characters in ids; OpenCode rewrites them for Claude ids, and the pool
  // for every member on the Anthropic package (a valid id is left as it is).
  if (isClaude(member.apiID) || member.npm === "@ai-sdk/anthropic")
    shaped = mapToolIds(shaped, (id) => id.replace(/[^a-zA-Z0-9_-]/g, "_"))
  if (isMistral(member.providerID, member.apiID) && !isMistral(turn.providerID, turn.apiID))
    shaped = mistralTranscript(shaped)
  if (moveBreakpoints) shaped = addBreakpoints(shaped, after)
  const key = optionsKey(member.npm, member.providerID)
  shaped = rekey(shaped, member.providerID, key)
  if (member.npm === "@ai-sdk/openai" && !context.store) shaped = withoutItemIds(shaped)
  return shaped
}
