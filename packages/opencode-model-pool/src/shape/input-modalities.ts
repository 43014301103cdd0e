// OpenCode 1.18.33 replaces each file a model cannot read by a note (`ProviderTransform.message`, its first rule).
// It runs that rule for the turn's model only, so a fallback member would get files only the turn's model reads.
import type { LanguageModelV3Message, LanguageModelV3Prompt } from "@ai-sdk/provider"

/** The kinds of input OpenCode tells apart by media type; text is always sent. */
export type Modality = "image" | "audio" | "video" | "pdf"

/** Which kinds of input a model reads, as OpenCode derives them from the config's `modalities.input`. */
export type InputModalities = Record<Modality, boolean>

type Part = Exclude<LanguageModelV3Message["content"], string>[number]

/** The kind of input a media type is, or undefined for one OpenCode never replaces (text, JSON, ...). */
function modalityOf(mediaType: string): Modality | undefined {
  if (mediaType.startsWith("image/")) return "image"
  if (mediaType.startsWith("audio/")) return "audio"
  if (mediaType.startsWith("video/")) return "video"
  if (mediaType === "application/pdf") return "pdf"
  return undefined
}

/**
 * The prompt with each file of a user message that the model cannot read replaced by the note stock OpenCode
 * sends that model instead. Tool results keep theirs: OpenCode moves the media a package cannot carry there into
 * a user message before this rule runs.
 */
export function withoutUnreadable(prompt: LanguageModelV3Prompt, input: InputModalities): LanguageModelV3Prompt {
  return prompt.map((message) => {
    if (message.role !== "user") return message
    const content = message.content.map((part): Part => {
      if (part.type !== "file") return part
      const modality = modalityOf(part.mediaType)
      if (!modality || input[modality]) return part
      const name = part.filename ? `"${part.filename}"` : modality
      return {
        type: "text",
        text: `ERROR: Cannot read ${name} (this model does not support ${modality} input). Inform the user.`,
      }
    })
    return { ...message, content } as LanguageModelV3Message
  })
}
