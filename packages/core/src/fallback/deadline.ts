import { hasMarker } from "./marker.ts"

const marker = Symbol.for("model-pool.error.FirstTokenTimeoutError")

/** Raised inside a member call when it sent no output before the first-token deadline. */
export class FirstTokenTimeoutError extends Error {
  private readonly [marker] = true
  override readonly name = "FirstTokenTimeoutError"
  constructor(readonly timeoutMs: number) {
    super(`no output within ${timeoutMs} ms (first_token_timeout_ms)`)
  }

  /** True for a FirstTokenTimeoutError, even from another copy of this package. */
  static isInstance(error: unknown): error is FirstTokenTimeoutError {
    return hasMarker(error, marker)
  }
}

/** The abort signal of one member call: the caller's signal, plus our own deadline until the first output. */
export interface MemberSignal {
  signal: AbortSignal
  /** Stops the deadline once the member has produced output. */
  commit(): void
  /** True when the deadline, not the caller, cut the call. */
  expired(): boolean
  /** Rejects as soon as the call is cut, by the caller or the deadline. */
  cut: Promise<never>
  /** Cuts the call now, with `reason` (a hedge whose other try answered first). */
  abort(reason: unknown): void
}

/** Starts a timer that calls `fire` after `ms`; returns what cancels it. */
export type Schedule = (fire: () => void, ms: number) => () => void

/** The machine's own timer, for whatever a test does not schedule by hand. */
export const realTimer: Schedule = (fire, ms) => {
  const timer = setTimeout(fire, ms)
  return () => clearTimeout(timer)
}

/** Links the caller's signal with a deadline; the deadline stays off when `timeoutMs` is undefined. */
export function memberSignal(
  caller: AbortSignal | undefined,
  timeoutMs: number | undefined,
  schedule: Schedule = realTimer,
): MemberSignal {
  const own = new AbortController()
  const signal = caller ? AbortSignal.any([caller, own.signal]) : own.signal
  const cancel =
    timeoutMs === undefined
      ? () => undefined
      : schedule(() => own.abort(new FirstTokenTimeoutError(timeoutMs)), timeoutMs)
  const cut = new Promise<never>((_, reject) => {
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener("abort", () => reject(signal.reason), { once: true })
  })
  // Nobody may await `cut` (the call can finish first); that must not count as an unhandled rejection.
  cut.catch(() => undefined)
  let cancelled = false
  return {
    signal,
    commit: cancel,
    expired: () => own.signal.aborted && !cancelled,
    cut,
    abort(reason) {
      cancelled = true
      cancel()
      own.abort(reason)
    },
  }
}
