import { FALLBACK_CONDITIONS, type FallbackCondition } from "../condition.ts"

/** The strategies that order a pool's members for a call. */
export const STRATEGIES = ["sequential", "round_robin", "cost_first", "quality_first"] as const

export type Strategy = (typeof STRATEGIES)[number]

/** Cooldown settings with every default filled in. */
export interface CooldownPolicy {
  initialMs: number
  factor: number
  maxMs: number
  quotaMs: number
}

/** A pool policy with every default filled in, as the decisions read it. */
export interface ResolvedPolicy {
  fallbackOn: readonly FallbackCondition[]
  strategy: Strategy
  /** Undefined when the deadline is turned off. */
  firstTokenTimeoutMs: number | undefined
  retries: number
  /**
   * Undefined when hedging is off: otherwise a member with no output after this long is joined by the next
   * member, and the first to produce output answers.
   */
  hedgeAfterMs: number | undefined
  cooldown: CooldownPolicy
  quality: Readonly<Record<string, number>>
}

/** The built-in defaults; the schema's descriptions, and so the generated reference, quote them from here. */
export const DEFAULT_POLICY: ResolvedPolicy = {
  fallbackOn: FALLBACK_CONDITIONS,
  strategy: "sequential",
  firstTokenTimeoutMs: 60_000,
  retries: 0,
  hedgeAfterMs: undefined,
  cooldown: { initialMs: 30_000, factor: 4, maxMs: 1_800_000, quotaMs: 3_600_000 },
  quality: {},
}
