import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { Classification } from "../condition.ts"
import type { Attempt } from "./attempt.ts"

/** One model the pool may try for a call. */
export interface Candidate {
  /** `provider/model` */
  member: string
  /** Non-secret label of the API key, when the provider has several. */
  key?: string
  model: LanguageModelV3
  /** Context window in tokens; after a context overflow only larger windows are tried. */
  contextWindow?: number
  /**
   * Why the call passes this member by without a request (it cannot serve the call, and a later candidate can):
   * `context 8000 < ~21000 tokens`. The pass is in the call's attempts.
   */
  skip?: string
  /**
   * Adapts the call for this member (provider options keyed for its package, package defaults); by default the
   * call's options pass through unchanged. The abort signal is set after this runs.
   */
  prepare?: (options: LanguageModelV3CallOptions) => LanguageModelV3CallOptions
}

/**
 * What happened, for health tracking and notifications. A returned promise never delays the next member or the
 * output; the call settles every one before it completes (the stream closes or errors, the result or the error
 * is returned), so a cooldown is saved before the process may exit. A listener's error is swallowed and never
 * breaks the call.
 */
export interface FallbackObserver {
  /** A member failed (before output, or after it during a stream). */
  failure?(candidate: Candidate, classification: Classification, attempt: Attempt): void | Promise<void>
  /** The call moves from one member to the next. */
  fallback?(from: Candidate, to: Candidate, classification: Classification): void | Promise<void>
  /**
   * A member produced output (stream) or a result (generate): the call is committed to it. `headers` are its
   * response's headers, where providers report their rate-limit state.
   */
  success?(
    candidate: Candidate,
    attempts: readonly Attempt[],
    headers: Record<string, string | undefined> | undefined,
  ): void | Promise<void>
}
