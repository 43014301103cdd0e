import type { Schedule } from "./deadline.ts"
import type { Failure } from "./next-step.ts"

/** How one try ended: its value, or its failure as classified. */
export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Failure)

/** One of the two tries of a hedge: how to start it, and how to stop it once the other has won. */
export interface HedgedTry<T> {
  start(): Promise<Outcome<T>>
  /** Stops the try: aborts its request, and releases what it produced when it won too late. */
  cancel(value?: T): void
}

/** How a hedge ended. */
export type HedgeResult<T> =
  /** A try produced output first; the other was cancelled when it had started, or failed before. */
  | {
      winner: "first" | "second"
      value: T
      failures: { of: "first" | "second"; failure: Failure }[]
      cancelled: boolean
    }
  /** No try produced output: every started try failed (`second` undefined when it never started). */
  | { winner: undefined; first: Failure; second: Failure | undefined }

/**
 * Starts `first`; when it has produced nothing after `delayMs`, starts `second` alongside it. The first try to
 * produce output wins and the other is cancelled at once, so only one try's output is ever used. A try that fails
 * while the other runs leaves the other to finish. When `first` fails before `delayMs`, `second` never starts: the
 * caller moves on as it would without a hedge.
 */
export function hedge<T>(first: HedgedTry<T>, second: HedgedTry<T>, delayMs: number, schedule: Schedule) {
  return new Promise<HedgeResult<T>>((resolve) => {
    const failures: { of: "first" | "second"; failure: Failure }[] = []
    let started = false
    let settled = 0
    let winner: "first" | "second" | undefined
    const tries = { first, second }
    const other = (of: "first" | "second") => (of === "first" ? "second" : "first")

    const finish = (of: "first" | "second", outcome: Outcome<T>) => {
      settled++
      if (outcome.ok) {
        if (winner !== undefined) return tries[of].cancel(outcome.value)
        winner = of
        stopTimer()
        const loser = other(of)
        const running = started && !failures.some((failure) => failure.of === loser)
        if (running) tries[loser].cancel()
        return resolve({ winner: of, value: outcome.value, failures, cancelled: running })
      }
      if (winner !== undefined) return
      failures.push({ of, failure: { error: outcome.error, classification: outcome.classification } })
      if (of === "first" && !started) {
        stopTimer()
        return resolve({ winner: undefined, first: failures[0]!.failure, second: undefined })
      }
      if (settled === 2) {
        const failed = (which: "first" | "second") => failures.find((entry) => entry.of === which)?.failure
        resolve({ winner: undefined, first: failed("first")!, second: failed("second") })
      }
    }

    const stopTimer = schedule(() => {
      if (winner !== undefined || settled > 0) return
      started = true
      void second.start().then((outcome) => finish("second", outcome))
    }, delayMs)
    void first.start().then((outcome) => finish("first", outcome))
  })
}
