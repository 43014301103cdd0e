import type { LanguageModelV3FinishReason, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { hasMarker } from "./marker.ts"

const marker = Symbol.for("model-pool.error.EmptyAnswerError")

// Finish reasons that explain an empty answer away; `other` and `error` do not (Gemini's stream error frame, which
// older @ai-sdk/google releases parse as an empty chunk, ends as `other` with no output at all), nor AI SDK 7's
// `interrupted` (the stream ended without the provider's completion signal).
const EMPTY_IS_FAILURE: ReadonlySet<string> = new Set(["other", "error", "interrupted"])

/**
 * A member finished with no output and a finish reason that explains nothing (`other`, `error`): a failure of the
 * member, not an answer. `cause` is the vendor error found in the member's raw chunks, when there was one.
 */
export class EmptyAnswerError extends Error {
  private readonly [marker] = true
  override readonly name = "EmptyAnswerError"
  readonly finishReason: LanguageModelV3FinishReason

  constructor(finishReason: LanguageModelV3FinishReason, cause: unknown) {
    const detail = describe(cause)
    super(`empty answer (finish reason ${finishReason.unified})${detail === undefined ? "" : `: ${detail}`}`, {
      cause,
    })
    this.finishReason = finishReason
  }

  /** True for an EmptyAnswerError, even from another copy of this package. */
  static isInstance(error: unknown): error is EmptyAnswerError {
    return hasMarker(error, marker)
  }
}

function describe(cause: unknown): string | undefined {
  if (typeof cause !== "object" || cause === null || !("message" in cause)) return undefined
  return typeof cause.message === "string" && cause.message !== "" ? cause.message : undefined
}

/**
 * The failure hidden in parts read up to the first output part, when that part is a `finish` that explains no
 * output; undefined for a real answer (an empty `stop`, `length`, `tool-calls` or `content-filter` is one).
 */
export function emptyAnswer(parts: readonly LanguageModelV3StreamPart[]): EmptyAnswerError | undefined {
  const last = parts.at(-1)
  if (last?.type !== "finish" || !EMPTY_IS_FAILURE.has(last.finishReason.unified)) return undefined
  return new EmptyAnswerError(last.finishReason, rawError(parts))
}

/** The last `error` object a raw chunk carried (`data: {"error": {...}}`), the vendor's own account of the failure. */
export function rawError(parts: readonly LanguageModelV3StreamPart[]): unknown {
  for (let index = parts.length - 1; index >= 0; index--) {
    const part = parts[index]
    if (part?.type !== "raw" || typeof part.rawValue !== "object" || part.rawValue === null) continue
    if (!("error" in part.rawValue)) continue
    const error: unknown = part.rawValue.error
    if (error !== undefined && error !== null) return error
  }
  return undefined
}
