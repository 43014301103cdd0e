import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"

/** An input kind beyond text, as model catalogs list them (`modalities.input`). */
export type InputKind = "image" | "pdf" | "audio" | "video"

/** What a call asks of the member that serves it. */
export interface CallFacts {
  /** Estimated prompt size in tokens: the messages, the system prompt and the tool definitions. */
  tokens: number
  /** The kinds of file the prompt carries. */
  inputs: ReadonlySet<InputKind>
  /** True when the call offers tools. */
  tools: boolean
  /** The output the call asks room for, when it says. */
  maxOutputTokens?: number
}

/**
 * Characters per token when nothing better is known. Four is the usual figure for English prose; code and JSON run
 * nearer three, so this estimate is low for them: a member is then judged by a call smaller than the real one, and
 * a member that would fit is never skipped on the estimate's account.
 */
export const CHARS_PER_TOKEN = 4

function inputKind(mediaType: string): InputKind | undefined {
  if (mediaType.startsWith("image/")) return "image"
  if (mediaType === "application/pdf") return "pdf"
  if (mediaType.startsWith("audio/")) return "audio"
  if (mediaType.startsWith("video/")) return "video"
  return undefined
}

function json(value: unknown): number {
  return value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0)
}

/** The characters of a call that count towards its prompt: every text, tool input and result, and the tools. */
export function promptCharacters(options: Pick<LanguageModelV3CallOptions, "prompt" | "tools">): number {
  let characters = json(options.tools)
  for (const message of options.prompt) {
    if (message.role === "system") {
      characters += message.content.length
      continue
    }
    for (const part of message.content) {
      if (part.type === "text" || part.type === "reasoning") characters += part.text.length
      else if (part.type === "tool-call") characters += json(part.input)
      else if (part.type === "tool-result") characters += json(part.output)
    }
  }
  return characters
}

/**
 * The facts of a call that decide which members can serve it. `tokens` is the host's estimate when it has a better
 * one (the session's last reported input tokens); otherwise the prompt's characters over `CHARS_PER_TOKEN`. Files
 * are not counted towards the size: what an image costs differs by vendor.
 */
export function callFacts(options: LanguageModelV3CallOptions, tokens?: number): CallFacts {
  const inputs = new Set<InputKind>()
  for (const message of options.prompt) {
    if (message.role === "system") continue
    for (const part of message.content) {
      const kind = part.type === "file" ? inputKind(part.mediaType) : undefined
      if (kind !== undefined) inputs.add(kind)
    }
  }
  return {
    tokens: tokens ?? Math.ceil(promptCharacters(options) / CHARS_PER_TOKEN),
    inputs,
    tools: (options.tools?.length ?? 0) > 0,
    ...(options.maxOutputTokens === undefined ? {} : { maxOutputTokens: options.maxOutputTokens }),
  }
}
