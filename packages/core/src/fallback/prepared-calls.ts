import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { Candidate } from "./candidate.ts"

/** A call's options as each candidate takes them, prepared once per candidate. */
export interface PreparedCalls {
  /** The call as `candidate` takes it (without the abort signal, which each try sets); throws what `prepare` throws. */
  of(candidate: Candidate): LanguageModelV3CallOptions
  /**
   * Prepares `candidate`'s call ahead of its try, while an earlier try waits on the network, so a fallback starts the
   * next request without that work in between. A `prepare` that throws is left for the try itself to meet.
   */
  ahead(candidate: Candidate): void
}

/** The prepared calls of one call with `options`. */
export function preparedCalls(options: LanguageModelV3CallOptions): PreparedCalls {
  const done = new Map<Candidate, LanguageModelV3CallOptions>()
  const of = (candidate: Candidate) => {
    const known = done.get(candidate)
    if (known !== undefined) return known
    const prepared = candidate.prepare ? candidate.prepare(options) : options
    done.set(candidate, prepared)
    return prepared
  }
  return {
    of,
    ahead(candidate) {
      try {
        of(candidate)
      } catch {
        // Thrown again, and told, when the candidate's own try prepares it.
      }
    },
  }
}
