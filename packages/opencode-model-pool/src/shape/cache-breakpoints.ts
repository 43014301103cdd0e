// OpenCode 1.18.33's prompt-cache breakpoints (`ProviderTransform.message`): on the first two system messages and
// the last two others, for Claude and Anthropic-speaking models, under every key a package reads one from.
import type { LanguageModelV3Message, LanguageModelV3Prompt, SharedV3ProviderOptions } from "@ai-sdk/provider"
import type { SupportedNpm } from "../host/provider-packages.ts"
import type { MemberModel } from "./member-model.ts"
import { speaksAnthropic } from "./packages.ts"

type Part = Exclude<LanguageModelV3Message["content"], string>[number]

/** None, on the message itself, or on its last part. */
export type CacheMode = "none" | "message" | "part"

const BREAKPOINT: Record<string, Record<string, { type: string }>> = {
  anthropic: { cacheControl: { type: "ephemeral" } },
  openrouter: { cacheControl: { type: "ephemeral" } },
  bedrock: { cachePoint: { type: "default" } },
  openaiCompatible: { cache_control: { type: "ephemeral" } },
  copilot: { copilot_cache_control: { type: "ephemeral" } },
  alibaba: { cacheControl: { type: "ephemeral" } },
}

/** What the cache rule reads of a model, and whether its options set `cacheControl` themselves. */
export interface CacheTraits {
  model: Pick<MemberModel, "providerID" | "apiID" | "modelID">
  /** The model's package, or undefined for what OpenCode sees through the pool module. */
  npm: SupportedNpm | undefined
  cacheControl: boolean
}

/** Where OpenCode puts cache breakpoints for a model. */
export function cacheMode({ model, npm, cacheControl }: CacheTraits): CacheMode {
  // The gateway caches by itself (`caching: "auto"`), and an Anthropic model given `cacheControl` caches as told.
  if (npm === "@ai-sdk/gateway" || (cacheControl && speaksAnthropic(npm))) return "none"
  const ids = [model.apiID, model.modelID]
  const named =
    ["anthropic", "google-vertex-anthropic"].includes(model.providerID) ||
    ids.some((id) => id.includes("anthropic") || id.includes("claude"))
  if (!named && npm !== "@ai-sdk/anthropic" && npm !== "@ai-sdk/alibaba") return "none"
  const whole =
    model.providerID === "anthropic" || model.providerID.includes("bedrock") || npm === "@ai-sdk/amazon-bedrock"
  return whole ? "message" : "part"
}

/** Provider options without any breakpoint, to undo those set for another model. */
export function withoutBreakpoint(options: SharedV3ProviderOptions | undefined): SharedV3ProviderOptions | undefined {
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

/** A tool approval carries no provider options: a breakpoint for one goes on its message. */
const takesBreakpoint = (part: Part | undefined) => part !== undefined && part.type !== "tool-approval-response"

/** Breakpoints on the first two system messages and the last two others, as OpenCode sets them. */
export function addBreakpoints(prompt: LanguageModelV3Prompt, mode: CacheMode): LanguageModelV3Prompt {
  if (mode === "none") return prompt
  const systems = prompt.filter((message) => message.role === "system").slice(0, 2)
  const others = prompt.filter((message) => message.role !== "system").slice(-2)
  const marked = new Set<LanguageModelV3Message>([...systems, ...others])
  return prompt.map((message) => {
    if (!marked.has(message)) return message
    const parts = Array.isArray(message.content) ? (message.content as Part[]) : []
    if (mode === "part" && takesBreakpoint(parts.at(-1))) {
      const content = [...parts]
      const last = content.length - 1
      content[last] = { ...content[last], providerOptions: withBreakpoint(content[last]!.providerOptions) } as Part
      return { ...message, content } as LanguageModelV3Message
    }
    return { ...message, providerOptions: withBreakpoint(message.providerOptions) }
  })
}
