// How big a session's next call is, from what its provider last reported: the input tokens of the session's last
// answered call, plus the characters added since over the core's characters per token. Better than characters
// alone, which miss how a vendor counts (code and JSON run near three characters a token, not four).
import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { CHARS_PER_TOKEN, promptCharacters } from "@model-pool/core"
import type { ModelMiddleware } from "./wrap-model.ts"

/** How many sessions' last sizes are kept in this process. */
const KEPT = 200

interface Reported {
  /** Input tokens the provider reported for the call. */
  tokens: number
  /** The call's prompt characters, as the core counts them. */
  characters: number
}

/** Each session's last reported call size, and the estimate of its next call. */
export interface SessionSizes {
  /** Estimated tokens of this call of `session`; undefined when the session reported nothing yet in this process. */
  estimate(session: string | undefined, options: LanguageModelV3CallOptions): number | undefined
  /** Notes the input tokens the provider reported for a call of `session`. */
  middleware(session: (options: LanguageModelV3CallOptions) => string | undefined): ModelMiddleware
}

export function createSessionSizes(): SessionSizes {
  const sizes = new Map<string, Reported>()
  // A call's characters are counted once: its estimate and its report read the same call options.
  const counted = new WeakMap<LanguageModelV3CallOptions, number>()
  const charactersOf = (options: LanguageModelV3CallOptions) => {
    const known = counted.get(options)
    if (known !== undefined) return known
    const characters = promptCharacters(options)
    counted.set(options, characters)
    return characters
  }

  function note(session: string, reported: Reported): void {
    sizes.delete(session)
    sizes.set(session, reported)
    if (sizes.size > KEPT) sizes.delete(sizes.keys().next().value as string)
  }

  return {
    estimate(session, options) {
      const last = session === undefined ? undefined : sizes.get(session)
      if (last === undefined) return undefined
      const added = charactersOf(options) - last.characters
      // A shorter prompt (after compaction) shares little with the last one: characters alone say more.
      if (added < 0) return undefined
      return last.tokens + Math.ceil(added / CHARS_PER_TOKEN)
    },
    middleware(sessionOf) {
      const noted = (options: LanguageModelV3CallOptions, tokens: number | undefined) => {
        const session = sessionOf(options)
        if (session !== undefined && tokens !== undefined && tokens > 0)
          note(session, { tokens, characters: charactersOf(options) })
      }
      return {
        async wrapGenerate({ doGenerate, params }) {
          const result = await doGenerate()
          noted(params, result.usage.inputTokens.total)
          return result
        },
        async wrapStream({ doStream, params }) {
          const result = await doStream()
          const stream = result.stream.pipeThrough(
            new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
              transform(part, controller) {
                if (part.type === "finish") noted(params, part.usage.inputTokens.total)
                controller.enqueue(part)
              },
            }),
          )
          return { ...result, stream }
        },
      }
    },
  }
}
