// Content the Anthropic and Bedrock APIs reject or cannot verify, which OpenCode 1.18.33 removes first
// (`ProviderTransform.message`, keyed on @ai-sdk/anthropic and @ai-sdk/amazon-bedrock).
import type { LanguageModelV3Message, LanguageModelV3Prompt } from "@ai-sdk/provider"

type Part = Exclude<LanguageModelV3Message["content"], string>[number]
type Reasoning = Extract<Part, { type: "reasoning" }>

/** Without empty text and the reasoning `keep` rejects; messages left empty are dropped. */
function withoutUnsendable(prompt: LanguageModelV3Prompt, keep: (part: Reasoning) => boolean): LanguageModelV3Prompt {
  return prompt.flatMap((message): LanguageModelV3Message[] => {
    if (typeof message.content === "string") return message.content === "" ? [] : [message]
    const content = (message.content as Part[]).filter((part) => {
      if (part.type === "text") return part.text !== ""
      if (part.type !== "reasoning") return true
      return keep(part)
    })
    return content.length === 0 ? [] : [{ ...message, content } as LanguageModelV3Message]
  })
}

/** Anthropic rejects empty text blocks; reasoning is kept when it has text, a signature or redacted data. */
export function anthropicContent(prompt: LanguageModelV3Prompt): LanguageModelV3Prompt {
  return withoutUnsendable(prompt, (part) => {
    const anthropic = part.providerOptions?.anthropic
    return part.text.trim().length > 0 || anthropic?.signature != null || anthropic?.redactedData != null
  })
}

/**
 * Bedrock also rejects empty text, and takes back only reasoning it signed or redacted (under the provider's key
 * or `bedrock`): unsigned reasoning is dropped even when it has text.
 */
export function bedrockContent(prompt: LanguageModelV3Prompt, providerID: string): LanguageModelV3Prompt {
  return withoutUnsendable(prompt, (part) => {
    const signed = part.providerOptions?.[providerID] ?? part.providerOptions?.bedrock
    return signed?.signature != null || signed?.redactedContent != null || signed?.redactedData != null
  })
}
