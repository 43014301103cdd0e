import type { LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { rawError } from "./empty-answer.ts"

/**
 * Parts that carry output the caller will show or act on; the first one commits the call to its member. `custom`
 * and `reasoning-file` are parts of AI SDK 7 (`LanguageModelV4`) streams.
 */
const OUTPUT_PARTS: ReadonlySet<string> = new Set([
  "text-start",
  "text-delta",
  "reasoning-start",
  "reasoning-delta",
  "tool-input-start",
  "tool-input-delta",
  "tool-call",
  "tool-result",
  "tool-approval-request",
  "file",
  "source",
  "custom",
  "reasoning-file",
  "finish",
])

/** What reading a stream up to its first output part found. */
type FirstOutput =
  | {
      type: "output"
      parts: LanguageModelV3StreamPart[]
      reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>
    }
  | { type: "error"; error: unknown }

/**
 * Reads a member's stream until its first output part, holding back what comes before it (stream-start,
 * response metadata, raw chunks). An `error` part or a thrown error before that point is a failure of the
 * member, which the caller may still replace; nothing has reached the user yet.
 */
export async function readToFirstOutput(
  stream: ReadableStream<LanguageModelV3StreamPart>,
  cut: Promise<never>,
): Promise<FirstOutput> {
  const reader = stream.getReader()
  const parts: LanguageModelV3StreamPart[] = []
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), cut])
      if (next.done) return { type: "output", parts, reader }
      if (next.value.type === "error") {
        reader.cancel().catch(() => undefined)
        // Some packages (openai-compatible) keep only the message of a vendor's error frame; the raw chunk
        // before it still has the vendor's type and code, which tell a rate limit from an outage.
        const error = next.value.error
        return { type: "error", error: typeof error === "string" ? (rawError(parts) ?? error) : error }
      }
      parts.push(next.value)
      if (OUTPUT_PARTS.has(next.value.type)) return { type: "output", parts, reader }
    }
  } catch (error) {
    reader.cancel().catch(() => undefined)
    return { type: "error", error }
  }
}
