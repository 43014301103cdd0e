import type { LimitWindow } from "./limit-windows.ts"

/** A cooldown taken before any request fails: until when, and why, in words for the log. */
export interface AheadOfLimit {
  /** Epoch ms at which the last window that stops the next call resets. */
  until: number
  /** `x-ratelimit-remaining-requests: 0`, `anthropic-ratelimit-tokens-remaining: 1000 < ~20000 tokens` */
  reason: string
  /** True when a subscription window (a 5-hour or weekly share of a login) is used up, not a per-minute limit. */
  subscription: boolean
}

/** Why a window stops the next call, or undefined when it lets it through. */
function stops(window: LimitWindow, nextTokens: number | undefined): string | undefined {
  if (window.spent) return window.remaining === undefined ? `${window.header} used up` : `${window.header}: 0`
  const counted = window.kind === "tokens" || window.kind === "input_tokens"
  if (!counted || window.remaining === undefined || nextTokens === undefined) return undefined
  return window.remaining < nextTokens ? `${window.header}: ${window.remaining} < ~${nextTokens} tokens` : undefined
}

/**
 * Decides, from the windows a member's last answer reported, whether its next call would be refused: a window with
 * nothing left, or a token window with fewer tokens left than the next call needs (`nextTokens`, the estimated size
 * of the call just answered: the next call of a session carries at least as much). The member then cools until the
 * last such window resets. A window without a reset time, or one already reset by `now`, stops nothing: only the
 * provider's own word is acted on, never a guess.
 */
export function aheadOfLimit(
  windows: readonly LimitWindow[],
  nextTokens: number | undefined,
  now: number,
): AheadOfLimit | undefined {
  const stopping = windows.flatMap((window) => {
    const reason = stops(window, nextTokens)
    return reason === undefined || window.resetAt === undefined || window.resetAt <= now
      ? []
      : [{ reason, until: window.resetAt, subscription: window.kind === "subscription" }]
  })
  if (stopping.length === 0) return undefined
  return {
    until: Math.max(...stopping.map((stop) => stop.until)),
    reason: stopping.map((stop) => stop.reason).join(", "),
    subscription: stopping.some((stop) => stop.subscription),
  }
}
