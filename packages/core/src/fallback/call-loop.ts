import type { ResolvedPolicy } from "../config/defaults.ts"
import { attemptOf, hedgedAttempt, skippedAttempt, type Attempt } from "./attempt.ts"
import { memberSignal, realTimer, type MemberSignal, type Schedule } from "./deadline.ts"
import type { Candidate, FallbackObserver } from "./fallback-model.ts"
import { hedge, type HedgedTry, type Outcome } from "./hedge.ts"
import { finalError, hedgePartner, nextStep, NOTHING_RULED_OUT, type Failure, type RuledOut } from "./next-step.ts"
import type { Pending } from "./pending.ts"

/** Everything one call's loop over its candidates needs. */
export interface CallLoop<T> {
  name: string
  candidates: readonly Candidate[]
  caller: AbortSignal | undefined
  policy: Pick<ResolvedPolicy, "fallbackOn" | "firstTokenTimeoutMs" | "retries" | "hedgeAfterMs">
  observer: FallbackObserver
  pending: Pending
  /** The timer of first-token deadlines and hedges; tests move it by hand. */
  schedule: Schedule | undefined
  wait: (ms: number, signal: AbortSignal | undefined) => Promise<unknown>
  /** One try of a candidate, settled: resolves with its outcome, never rejects. */
  attempt: (candidate: Candidate, signal: MemberSignal) => Promise<Outcome<T>>
  /** Work for a candidate the call may reach next, done while a try waits on the network (its call's shaping). */
  ahead?: (candidate: Candidate) => void
  /** The response headers of a try's value, where providers report their rate-limit state. */
  headersOf: (value: T) => Record<string, string | undefined> | undefined
  /** Lets go of a value nobody will read (a hedge's loser that produced output too late). */
  release: (value: T) => void
}

/** What a call that found its member returns. */
export interface Answered<T> {
  value: T
  candidate: Candidate
  attempts: Attempt[]
}

/** A try that can be hedged: started on demand, with its own signal and start time. */
function hedgedTry<T>(loop: CallLoop<T>, candidate: Candidate) {
  let signal: MemberSignal | undefined
  let started = 0
  const run: HedgedTry<T> & { elapsed(): number } = {
    start() {
      started = performance.now()
      signal = memberSignal(loop.caller, loop.policy.firstTokenTimeoutMs, loop.schedule)
      return loop.attempt(candidate, signal)
    },
    cancel(value) {
      signal?.abort(new Error(`hedge: ${candidate.member} cancelled, another member answered first`))
      if (value !== undefined) loop.release(value)
    },
    elapsed: () => performance.now() - started,
  }
  return run
}

/**
 * Tries the candidates in turn until one produces output, as `nextStep` decides after each failure. With
 * `hedgeAfterMs`, a try that has produced nothing by then is joined by the next usable candidate; the first of the
 * two to produce output is the call's member and the other is cancelled (its request aborted), and both are in the
 * attempts. Throws `finalError` when no candidate answers, the caller's reason when the caller aborts.
 */
export async function runCallLoop<T>(loop: CallLoop<T>): Promise<Answered<T>> {
  const { candidates, caller, policy, observer, pending } = loop
  const attempts: Attempt[] = []
  const failures: Failure[] = []
  // Candidates the call passes by are in its attempts, in order, as the call reaches them.
  const passBy = (from: number, to: number) => {
    for (const skipped of candidates.slice(from, to))
      if (skipped.skip !== undefined) attempts.push(skippedAttempt(skipped.member, skipped.key, skipped.skip))
  }
  const failed = (candidate: Candidate, failure: Failure, ms: number) => {
    const attempt = attemptOf(candidate.member, candidate.key, failure.classification, ms)
    attempts.push(attempt)
    failures.push(failure)
    pending.add(() => observer.failure?.(candidate, failure.classification, attempt))
  }
  const answered = (candidate: Candidate, value: T): Answered<T> => {
    const headers = loop.headersOf(value)
    pending.add(() => observer.success?.(candidate, attempts, headers))
    return { value, candidate, attempts }
  }
  let index = Math.max(
    0,
    candidates.findIndex((candidate) => candidate.skip === undefined),
  )
  passBy(0, index)
  let retry = 0
  let ruledOut: RuledOut = NOTHING_RULED_OUT
  for (;;) {
    const candidate = candidates[index]
    // Only an empty pool gets here without a failure: every step points at a candidate that exists.
    if (candidate === undefined) break
    caller?.throwIfAborted()
    const partner = policy.hedgeAfterMs === undefined || retry > 0 ? -1 : hedgePartner(candidates, index, ruledOut)
    const mate = candidates[partner]
    // The failure the loop decides on, and the index it failed at.
    let last: { failure: Failure; at: number }
    if (mate !== undefined && policy.hedgeAfterMs !== undefined) {
      const first = hedgedTry(loop, candidate)
      const second = hedgedTry(loop, mate)
      const result = await hedge(first, second, policy.hedgeAfterMs, loop.schedule ?? realTimer)
      if (caller?.aborted) throw caller.reason
      const tries = { first: { candidate, run: first }, second: { candidate: mate, run: second } }
      if (result.winner !== undefined) {
        for (const { of, failure } of result.failures) failed(tries[of].candidate, failure, tries[of].run.elapsed())
        const won = tries[result.winner]
        const lost = tries[result.winner === "first" ? "second" : "first"]
        if (result.cancelled) {
          passBy(index + 1, partner)
          attempts.push(
            hedgedAttempt(
              lost.candidate,
              won.candidate,
              result.winner === "second",
              policy.hedgeAfterMs,
              lost.run.elapsed(),
            ),
          )
        }
        return answered(won.candidate, result.value)
      }
      failed(candidate, result.first, first.elapsed())
      if (result.second === undefined) last = { failure: result.first, at: index }
      else {
        // Both failed: what the first rules out holds, and the loop goes on from the second.
        ruledOut = nextStep({ ...stepOf(result.first, index), candidates, retry, policy, ruledOut }).ruledOut
        passBy(index + 1, partner)
        failed(mate, result.second, second.elapsed())
        last = { failure: result.second, at: partner }
      }
    } else {
      const started = performance.now()
      const signal = memberSignal(caller, policy.firstTokenTimeoutMs, loop.schedule)
      const trying = loop.attempt(candidate, signal)
      // On the next turn of the event loop, once this try's request is out (building one never yields to the loop).
      const likely = candidates.find((next, at) => at > index && next.skip === undefined)
      const ahead = likely && loop.ahead ? setImmediate(loop.ahead, likely) : undefined
      const outcome = await trying
      clearImmediate(ahead)
      if (outcome.ok) return answered(candidate, outcome.value)
      // The caller's own abort is never a failure of the member: stop at once, report nothing.
      if (caller?.aborted) throw caller.reason ?? outcome.error
      failed(candidate, outcome, performance.now() - started)
      last = { failure: outcome, at: index }
    }
    const from = candidates[last.at]!
    const classification = last.failure.classification
    const decision = nextStep({ ...stepOf(last.failure, last.at), candidates, retry, policy, ruledOut })
    ruledOut = decision.ruledOut
    const step = decision.step
    if (step.type === "stop") break
    if (step.type === "retry") {
      await loop.wait(step.delayMs, caller)
      index = last.at
      retry++
      continue
    }
    const next = candidates[step.index]
    if (next !== undefined) pending.add(() => observer.fallback?.(from, next, classification))
    passBy(last.at + 1, step.index)
    index = step.index
    retry = 0
  }
  throw finalError(loop.name, failures, attempts)
}

function stepOf(failure: Failure, index: number) {
  return { classification: failure.classification, index }
}
