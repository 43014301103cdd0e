import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamResult,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider"
import { setTimeout as sleep } from "node:timers/promises"
import { classify } from "../classify/index.ts"
import type { Classification } from "../condition.ts"
import type { ResolvedPolicy } from "../config/defaults.ts"
import { MixedSpecificationError, type SpecificationVersion } from "../language-model.ts"
import type { Candidate, FallbackObserver } from "./candidate.ts"
import { attemptJson, attemptOf, type Attempt } from "./attempt.ts"
import { runCallLoop } from "./call-loop.ts"
import { committedStream } from "./committed-stream.ts"
import { DrillError } from "./drill.ts"
import { FirstTokenTimeoutError, type MemberSignal, type Schedule } from "./deadline.ts"
import { emptyAnswer } from "./empty-answer.ts"
import { readToFirstOutput } from "./first-output.ts"
import type { Outcome } from "./hedge.ts"
import { Pending } from "./pending.ts"
import { preparedCalls } from "./prepared-calls.ts"

export type { Candidate, FallbackObserver } from "./candidate.ts"

/** The key under which results carry the pool report in `providerMetadata`. */
export const METADATA_KEY = "modelPool"

/** Settings of a fallback model. */
export interface FallbackSettings {
  /** Names the pool in metadata and errors. */
  name: string
  /** Identity reported by the wrapper; defaults to `pool` and `name`. */
  provider?: string
  modelId?: string
  policy: Pick<ResolvedPolicy, "fallbackOn" | "firstTokenTimeoutMs" | "retries"> &
    Partial<Pick<ResolvedPolicy, "hedgeAfterMs">>
  /** The members to try for this call, in order. */
  candidates: (options: LanguageModelV3CallOptions) => readonly Candidate[] | PromiseLike<readonly Candidate[]>
  observer?: FallbackObserver
  /**
   * The specification the model serves, and every candidate's model must have: `v3` (AI SDK 6, the default) or `v4`
   * (AI SDK 7).
   */
  specificationVersion?: SpecificationVersion
  /** URL patterns every member accepts; the default (none) makes the AI SDK inline files, which every member takes. */
  supportedUrls?: LanguageModelV3["supportedUrls"]
  /** Timers, injected by tests that move time by hand: the first-token deadline, and the wait before a retry. */
  timers?: { deadline?: Schedule; wait?: (ms: number, signal: AbortSignal | undefined) => Promise<unknown> }
  /** Wall clock in epoch ms, against which a failure's reset times and Retry-After dates are read. */
  clock?: () => number
}

/**
 * A skip holds only while some candidate is not skipped: a call every candidate would pass by tries them all, as it
 * would without the check.
 */
function withSkips(candidates: readonly Candidate[]): readonly Candidate[] {
  if (candidates.some((candidate) => candidate.skip === undefined)) return candidates
  return candidates.map(({ skip: _skip, ...candidate }) => candidate)
}

/**
 * Wraps an ordered set of models into one `LanguageModelV3` that tries them in turn. The call commits to a
 * member at its first output part (or its result, for `doGenerate`); before that, a failure whose condition is
 * in `fallback_on` moves on, after the member's retry budget. After it, nothing is switched: output is never
 * duplicated and a tool call never runs twice. The caller's abort stops everything at once.
 */
export function createFallbackModel(settings: FallbackSettings): LanguageModelV3 {
  const observer = settings.observer ?? {}
  const clock = settings.clock ?? Date.now
  const specificationVersion = settings.specificationVersion ?? "v3"
  const wait =
    settings.timers?.wait ??
    ((ms: number, signal: AbortSignal | undefined) => sleep(ms, undefined, signal ? { signal } : undefined))

  function classifyFailure(error: unknown, signal: MemberSignal): Classification {
    if (signal.expired() && settings.policy.firstTokenTimeoutMs !== undefined) {
      const timeout = new FirstTokenTimeoutError(settings.policy.firstTokenTimeoutMs)
      return { condition: "timeout", quota: false, message: timeout.message, retryable: true }
    }
    if (DrillError.isInstance(error)) return error.classification
    return classify(error, clock())
  }

  function report(candidate: Candidate, attempts: readonly Attempt[]): SharedV3ProviderMetadata {
    return {
      [METADATA_KEY]: {
        pool: settings.name,
        member: candidate.member,
        ...(candidate.key === undefined ? {} : { key: candidate.key }),
        attempts: attempts.map(attemptJson),
      },
    }
  }

  /** Runs one try; the deadline stops at its end either way, and a failure is classified. */
  async function settle<T>(attempt: () => Promise<T>, signal: MemberSignal): Promise<Outcome<T>> {
    try {
      const value = await attempt()
      signal.commit()
      return { ok: true, value }
    } catch (error) {
      signal.commit()
      return { ok: false, error, classification: classifyFailure(error, signal) }
    }
  }

  async function run<T>(
    options: LanguageModelV3CallOptions,
    pending: Pending,
    once: (candidate: Candidate, call: LanguageModelV3CallOptions, signal: MemberSignal) => Promise<T>,
    headersOf: (value: T) => Record<string, string | undefined> | undefined,
    release: (value: T) => void,
  ): Promise<{ value: T; candidate: Candidate; attempts: Attempt[] }> {
    const prepared = preparedCalls(options)
    const candidates = withSkips(await settings.candidates(options))
    const mixed = candidates.find((candidate) => candidate.model.specificationVersion !== specificationVersion)
    if (mixed !== undefined)
      throw new MixedSpecificationError(
        settings.name,
        mixed.member,
        String(mixed.model.specificationVersion),
        specificationVersion,
      )
    try {
      return await runCallLoop({
        name: settings.name,
        candidates,
        caller: options.abortSignal,
        policy: { hedgeAfterMs: undefined, ...settings.policy },
        observer,
        pending,
        schedule: settings.timers?.deadline,
        wait,
        attempt: (candidate, signal) => settle(() => once(candidate, prepared.of(candidate), signal), signal),
        ahead: (candidate) => prepared.ahead(candidate),
        headersOf,
        release,
      })
    } catch (error) {
      await pending.settle()
      throw error
    }
  }

  return {
    // A v4 pool is the same object: its calls and parts are passed through as its members make them.
    specificationVersion: specificationVersion as "v3",
    provider: settings.provider ?? "pool",
    modelId: settings.modelId ?? settings.name,
    supportedUrls: settings.supportedUrls ?? {},

    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      const pending = new Pending()
      const result = await run(
        options,
        pending,
        (candidate, call, signal) =>
          Promise.race([candidate.model.doGenerate({ ...call, abortSignal: signal.signal }), signal.cut]),
        (value) => value.response?.headers,
        () => undefined,
      )
      await pending.settle()
      return {
        ...result.value,
        providerMetadata: { ...result.value.providerMetadata, ...report(result.candidate, result.attempts) },
      }
    },

    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const pending = new Pending()
      const result = await run(
        options,
        pending,
        async (candidate, call, signal) => {
          // Raw chunks are the only place where some packages leave a stream's error (older @ai-sdk/google parses
          // `data: {"error": ...}` as an empty chunk), so members always send them; the caller gets them only if it
          // asked.
          const started = await Promise.race([
            candidate.model.doStream({ ...call, abortSignal: signal.signal, includeRawChunks: true }),
            signal.cut,
          ])
          const first = await readToFirstOutput(started.stream, signal.cut)
          // An error part before any output is a failure of this member, like a thrown one.
          if (first.type === "error") throw first.error
          const empty = emptyAnswer(first.parts)
          if (empty !== undefined) {
            first.reader.cancel().catch(() => undefined)
            throw empty
          }
          return { started, parts: first.parts, reader: first.reader }
        },
        (value) => value.started.response?.headers,
        (value) => void value.reader.cancel().catch(() => undefined),
      )
      const { candidate, attempts } = result
      const { started, parts, reader } = result.value
      const stream = committedStream({
        parts,
        reader,
        report: report(candidate, attempts),
        includeRawChunks: options.includeRawChunks === true,
        abortSignal: options.abortSignal,
        failed(error) {
          const classification = classify(error, clock())
          const attempt = attemptOf(candidate.member, candidate.key, classification, 0)
          pending.add(() => observer.failure?.(candidate, classification, attempt))
        },
        pending,
      })
      return { ...started, stream }
    },
  }
}
