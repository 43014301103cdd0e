// OpenCode's Mistral build keeps Mistral's native `thinking` chunks as the reasoning's provider metadata
// (`mistral.thinking`, all the chunks of a block merged) and sends an assistant message with reasoning back as a
// chunk array; the npm release reads and sends plain text. These give a member built from the release the same.
import type {
  JSONValue,
  LanguageModelV3Content,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider"
import { isObject, type Options } from "../shape/member-model.ts"

/** What a Mistral thinking chunk is: `{type: "thinking", thinking: [...], closed?, signature?}`. */
type Thinking = { type: "thinking"; thinking: unknown[]; closed?: boolean; signature?: string | null }

const isThinking = (value: unknown): value is Thinking =>
  isObject(value) && value.type === "thinking" && Array.isArray(value.thinking)

/**
 * The content of each assistant message of the prompt, in order, as OpenCode's Mistral build sends it: a chunk
 * array when the message has reasoning, else undefined (the release's string is the same).
 */
export function mistralAssistantContents(prompt: LanguageModelV3Prompt): (unknown[] | undefined)[] {
  return prompt
    .filter((message) => message.role === "assistant")
    .map((message) => {
      if (!message.content.some((part) => part.type === "reasoning")) return undefined
      return message.content.flatMap((part): unknown[] => {
        if (part.type === "text") return [{ type: "text", text: part.text }]
        if (part.type !== "reasoning") return []
        const native = (part.providerOptions?.mistral as Options | undefined)?.thinking
        return [isThinking(native) ? native : { type: "thinking", thinking: [{ type: "text", text: part.text }] }]
      })
    })
}

/** One thinking chunk more, merged into the block's: its pieces appended, `closed` and `signature` the latest. */
function mergeThinking(current: Thinking | undefined, next: Thinking): Thinking {
  const closed = next.closed ?? current?.closed
  const signature = next.signature === undefined ? current?.signature : next.signature
  return {
    type: "thinking",
    thinking: [...(current?.thinking ?? []), ...next.thinking],
    ...(closed === undefined ? {} : { closed }),
    ...(signature === undefined ? {} : { signature }),
  }
}

/** The thinking chunks of one raw Mistral stream chunk (`choices[0].delta.content`, when it is an array). */
function thinkingOf(raw: unknown): Thinking[] {
  const choices = isObject(raw) && Array.isArray(raw.choices) ? raw.choices : []
  const delta = isObject(choices[0]) ? choices[0].delta : undefined
  const content = isObject(delta) ? delta.content : undefined
  return Array.isArray(content) ? content.filter(isThinking) : []
}

function thinkingMetadata(
  thinking: Thinking | undefined,
  metadata: SharedV3ProviderMetadata | undefined,
): SharedV3ProviderMetadata | undefined {
  if (thinking === undefined) return metadata
  return { ...metadata, mistral: { ...metadata?.mistral, thinking: thinking as unknown as JSONValue } }
}

/**
 * A Mistral stream with each reasoning part carrying its block's native thinking so far, read from the raw chunks
 * (the stream must have been asked for them); raw chunks stay only if the caller asked for them.
 */
export function withMistralThinking(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  keepRaw: boolean,
): ReadableStream<LanguageModelV3StreamPart> {
  let block: Thinking | undefined
  return stream.pipeThrough(
    new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
      transform(part, controller) {
        if (part.type === "raw") {
          for (const thinking of thinkingOf(part.rawValue)) block = mergeThinking(block, thinking)
          if (keepRaw) controller.enqueue(part)
          return
        }
        if (part.type === "reasoning-start" || part.type === "reasoning-delta" || part.type === "reasoning-end") {
          controller.enqueue({ ...part, providerMetadata: thinkingMetadata(block, part.providerMetadata) })
          if (part.type === "reasoning-end") block = undefined
          return
        }
        controller.enqueue(part)
      },
    }),
  )
}

/**
 * A Mistral answer with its reasoning and text as OpenCode's build reads them from the message's chunk array: every
 * thinking chunk a reasoning part (an empty one too) with the chunk as its metadata, then the texts, in order.
 */
export function withMistralGeneratedThinking(result: LanguageModelV3GenerateResult): LanguageModelV3GenerateResult {
  const body = result.response?.body
  const choices = isObject(body) && Array.isArray(body.choices) ? body.choices : []
  const message = isObject(choices[0]) ? choices[0].message : undefined
  const chunks = isObject(message) ? message.content : undefined
  if (!Array.isArray(chunks)) return result
  const read = chunks.flatMap((chunk): LanguageModelV3Content[] => {
    if (isThinking(chunk)) {
      const text = chunk.thinking
        .filter((piece) => isObject(piece) && piece.type === "text")
        .map((piece) => String((piece as Options).text))
        .join("")
      return [{ type: "reasoning", text, providerMetadata: { mistral: { thinking: chunk as unknown as JSONValue } } }]
    }
    if (isObject(chunk) && chunk.type === "text" && typeof chunk.text === "string" && chunk.text !== "")
      return [{ type: "text", text: chunk.text }]
    return []
  })
  const rest = result.content.filter((part) => part.type !== "reasoning" && part.type !== "text")
  return { ...result, content: [...read, ...rest] }
}
