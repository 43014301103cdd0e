import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3StreamPart,
  LanguageModelV3StreamResult,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider"
import { setTimeout as sleep } from "node:timers/promises"
import { classify as classifyError } from "../classify/index.ts"
import type { Classification, FallbackCondition } from "../condition.ts"
import type { ResolvedPolicy } from "../config/defaults.ts"
import { attemptJson, attemptOf, type Attempt } from "./attempt.ts"
import { FirstTokenTimeoutError, memberSignal, type MemberSignal, type Schedule } from "./deadline.ts"
import { emptyAnswer } from "./empty-answer.ts"
import { readToFirstOutput } from "./first-output.ts"
import { reporter } from "./part-report.ts"
import { PoolExhaustedError } from "./pool-error.ts"

/** The key under which results carry the pool report in `providerMetadata`. */
export const METADATA_KEY = "modelPool"

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
  /** A member produced output (stream) or a result (generate): the call is committed to it. */
  success?(candidate: Candidate, attempts: readonly Attempt[]): void | Promise<void>
}

/** Settings of a fallback model. */
export interface FallbackSettings {
  /** Names the pool in metadata and errors. */
  name: string
  /** Identity reported by the wrapper; defaults to `pool` and `name`. */
  provider?: string
  modelId?: string
  policy: Pick<ResolvedPolicy, "fallbackOn" | "firstTokenTimeoutMs" | "retries">
  /** The members to try for this call, in order. */
  candidates: (options: LanguageModelV3CallOptions) => readonly Candidate[] | PromiseLike<readonly Candidate[]>
  observer?: FallbackObserver
  /** URL patterns every member accepts; the default (none) makes the AI SDK inline files, which every member takes. */
  supportedUrls?: LanguageModelV3["supportedUrls"]
  now?: () => number
  classify?: (error: unknown) => Classification
  /** Timers, injected by tests that move time by hand: the first-token deadline, and the wait before a retry. */
  timers?: { deadline?: Schedule; wait?: (ms: number, signal: AbortSignal | undefined) => Promise<unknown> }
}

/** A short transient failure that is worth repeating on the same member, when retries are allowed. */
const SHORT_WAIT_MS = 5_000

function retryDelay(classification: Classification, retry: number): number | undefined {
  // Repeating a missing model or an exhausted daily quota cannot help.
  if (classification.lasting !== undefined) return undefined
  if (classification.condition === "timeout" || classification.condition === "provider_unavailable")
    return Math.min(4_000, 500 * 2 ** retry)
  if (classification.condition !== "rate_limit" || classification.quota) return undefined
  const wait = classification.retryAfterMs ?? Math.min(4_000, 500 * 2 ** retry)
  return wait <= SHORT_WAIT_MS ? wait : undefined
}

/** API-key rotation inside one member happens on these, whatever `fallback_on` says. */
const KEY_ROTATION: ReadonlySet<string> = new Set(["rate_limit", "auth"])

function mayMoveOn(
  classification: Classification,
  from: Candidate,
  to: Candidate | undefined,
  fallbackOn: ReadonlySet<string>,
): boolean {
  if (fallbackOn.has(classification.condition)) return true
  return (
    to !== undefined && to.member === from.member && to.key !== from.key && KEY_ROTATION.has(classification.condition)
  )
}

/**
 * The observers' work during one call: each piece starts on the next turn of the event loop, so after the next
 * member's request has been handed to `fetch` (building a request never yields to the loop), and all of it is
 * settled before the call completes.
 */
class Pending {
  private readonly work: Promise<void>[] = []

  /** Schedules `run`; an observer must never break the call it observes, by throwing or by rejecting. */
  add(run: () => void | Promise<void>): void {
    this.work.push(new Promise<void>((resolve) => setImmediate(resolve)).then(run).catch(() => undefined))
  }

  /** Waits for everything started so far. */
  async settle(): Promise<void> {
    while (this.work.length > 0) await Promise.all(this.work.splice(0))
  }
}

const NO_MEMBERS: Classification = {
  condition: "other",
  quota: false,
  message: "the pool has no members",
  retryable: false,
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown; classification: Classification }

/**
 * Wraps an ordered set of models into one `LanguageModelV3` that tries them in turn. The call commits to a
 * member at its first output part (or its result, for `doGenerate`); before that, a failure whose condition is
 * in `fallback_on` moves on, after the member's retry budget. After it, nothing is switched: output is never
 * duplicated and a tool call never runs twice. The caller's abort stops everything at once.
 */
export function createFallbackModel(settings: FallbackSettings): LanguageModelV3 {
  const now = settings.now ?? (() => performance.now())
  const classify = settings.classify ?? classifyError
  const fallbackOn: ReadonlySet<FallbackCondition> = new Set(settings.policy.fallbackOn)
  const observer = settings.observer ?? {}
  const wait =
    settings.timers?.wait ??
    ((ms: number, signal: AbortSignal | undefined) => sleep(ms, undefined, signal ? { signal } : undefined))

  function classifyFailure(error: unknown, signal: MemberSignal): Classification {
    if (signal.expired() && settings.policy.firstTokenTimeoutMs !== undefined) {
      const timeout = new FirstTokenTimeoutError(settings.policy.firstTokenTimeoutMs)
      return { condition: "timeout", quota: false, message: timeout.message, retryable: true }
    }
    return classify(error)
  }

  function optionsFor(
    candidate: Candidate,
    options: LanguageModelV3CallOptions,
    signal: AbortSignal,
  ): LanguageModelV3CallOptions {
    const prepared = candidate.prepare ? candidate.prepare(options) : options
    return { ...prepared, abortSignal: signal }
  }

  // Raw chunks are the only place where some packages leave a stream's error (older @ai-sdk/google parses
  // `data: {"error": ...}` as an empty chunk), so members always send them; the caller gets them only if it asked.
  function streamOptionsFor(
    candidate: Candidate,
    options: LanguageModelV3CallOptions,
    signal: AbortSignal,
  ): LanguageModelV3CallOptions {
    return { ...optionsFor(candidate, options, signal), includeRawChunks: true }
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
    once: (candidate: Candidate, signal: MemberSignal) => Promise<T>,
  ): Promise<{ value: T; candidate: Candidate; attempts: Attempt[] }> {
    try {
      return await tryInTurn(options, pending, once)
    } catch (error) {
      await pending.settle()
      throw error
    }
  }

  async function tryInTurn<T>(
    options: LanguageModelV3CallOptions,
    pending: Pending,
    once: (candidate: Candidate, signal: MemberSignal) => Promise<T>,
  ): Promise<{ value: T; candidate: Candidate; attempts: Attempt[] }> {
    const caller = options.abortSignal
    const candidates = await settings.candidates(options)
    const attempts: Attempt[] = []
    const failures: { error: unknown; classification: Classification }[] = []
    // A failure that is not about the key (outage, timeout, overflow) rules out the member's other keys too.
    const spent = new Set<string>()
    // After a context overflow only a larger window can help, never a known smaller one.
    const overflow = { window: undefined as number | undefined }
    const usable = (candidate: Candidate) =>
      !spent.has(candidate.member) &&
      !(
        candidate.contextWindow !== undefined &&
        overflow.window !== undefined &&
        candidate.contextWindow <= overflow.window
      )
    for (const [index, candidate] of candidates.entries()) {
      if (!usable(candidate)) continue
      for (let retry = 0; ; retry++) {
        caller?.throwIfAborted()
        const started = now()
        const signal = memberSignal(caller, settings.policy.firstTokenTimeoutMs, settings.timers?.deadline)
        const outcome = await settle(() => once(candidate, signal), signal)
        if (outcome.ok) {
          pending.add(() => observer.success?.(candidate, attempts))
          return { value: outcome.value, candidate, attempts }
        }
        // The caller's own abort is never a failure of the member: stop at once, report nothing.
        if (caller?.aborted) throw caller.reason ?? outcome.error
        const attempt = attemptOf(candidate.member, candidate.key, outcome.classification, now() - started)
        attempts.push(attempt)
        failures.push(outcome)
        pending.add(() => observer.failure?.(candidate, outcome.classification, attempt))
        if (!KEY_ROTATION.has(outcome.classification.condition)) spent.add(candidate.member)
        if (outcome.classification.condition === "token_limit")
          overflow.window = Math.max(overflow.window ?? 0, candidate.contextWindow ?? 0) || undefined
        const next = candidates.slice(index + 1).find(usable)
        if (!mayMoveOn(outcome.classification, candidate, next, fallbackOn)) throw finalError(failures, attempts)
        const delay = retry < settings.policy.retries ? retryDelay(outcome.classification, retry) : undefined
        if (delay === undefined) {
          if (next) pending.add(() => observer.fallback?.(candidate, next, outcome.classification))
          break
        }
        await wait(delay, caller)
      }
    }
    throw finalError(failures, attempts)
  }

  function finalError(
    failures: readonly { error: unknown; classification: Classification }[],
    attempts: readonly Attempt[],
  ): unknown {
    const last = failures.at(-1)
    if (!last) return new PoolExhaustedError(settings.name, attempts, undefined, NO_MEMBERS)
    // One attempt, or an overflow nobody could take: surface the provider's own error as a lone model would,
    // so the caller's handling (retry, compaction) is exactly what it is without a pool.
    if (failures.length === 1 || last.classification.condition === "token_limit") return last.error
    return new PoolExhaustedError(settings.name, attempts, last.error, last.classification)
  }

  return {
    specificationVersion: "v3",
    provider: settings.provider ?? "pool",
    modelId: settings.modelId ?? settings.name,
    supportedUrls: settings.supportedUrls ?? {},

    async doGenerate(options): Promise<LanguageModelV3GenerateResult> {
      const pending = new Pending()
      const result = await run(options, pending, (candidate, signal) =>
        Promise.race([candidate.model.doGenerate(optionsFor(candidate, options, signal.signal)), signal.cut]),
      )
      await pending.settle()
      return {
        ...result.value,
        providerMetadata: { ...result.value.providerMetadata, ...report(result.candidate, result.attempts) },
      }
    },

    async doStream(options): Promise<LanguageModelV3StreamResult> {
      const pending = new Pending()
      const result = await run(options, pending, async (candidate, signal) => {
        const started = await Promise.race([
          candidate.model.doStream(streamOptionsFor(candidate, options, signal.signal)),
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
      })
      const { candidate, attempts } = result
      const { started, parts, reader } = result.value
      const metadata = report(candidate, attempts)
      const failed = (error: unknown) => {
        const classification = classify(error)
        pending.add(() =>
          observer.failure?.(candidate, classification, attemptOf(candidate.member, candidate.key, classification, 0)),
        )
      }
      const withReport = reporter(metadata)
      const keepRaw = options.includeRawChunks === true
      // Pull in batches up to the queue's mark: one pull per batch instead of per part keeps the added cost
      // per part small on long streams.
      const stream = new ReadableStream<LanguageModelV3StreamPart>(
        {
          start(controller) {
            for (const part of parts) if (keepRaw || part.type !== "raw") controller.enqueue(withReport(part))
          },
          async pull(controller) {
            try {
              for (;;) {
                const next = await reader.read()
                if (next.done) {
                  await pending.settle()
                  return controller.close()
                }
                if (next.value.type === "raw" && !keepRaw) continue
                if (next.value.type === "error") failed(next.value.error)
                controller.enqueue(withReport(next.value))
                if ((controller.desiredSize ?? 0) <= 0) return
              }
            } catch (error) {
              if (!options.abortSignal?.aborted) failed(error)
              await pending.settle()
              controller.error(error)
            }
          },
          cancel(reason) {
            return reader.cancel(reason)
          },
        },
        { highWaterMark: 64 },
      )
      return { ...started, stream }
    },
  }
}
