import { FALLBACK_CONDITIONS, type FallbackCondition } from "../condition.ts"
import type { Policy, Strategy } from "./schema.ts"

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
  cooldown: CooldownPolicy
  quality: Readonly<Record<string, number>>
}

/** The documented defaults; the config reference is generated from the schema, which states them too. */
export const DEFAULT_POLICY: ResolvedPolicy = {
  fallbackOn: FALLBACK_CONDITIONS,
  strategy: "sequential",
  firstTokenTimeoutMs: 60_000,
  retries: 0,
  cooldown: { initialMs: 30_000, factor: 4, maxMs: 1_800_000, quotaMs: 3_600_000 },
  quality: {},
}

/** Fills a policy from the pool's own keys, then the shared defaults, then the built-in defaults. */
export function resolvePolicy(own: Policy, defaults: Policy = {}): ResolvedPolicy {
  const timeout = own.first_token_timeout_ms ?? defaults.first_token_timeout_ms
  return {
    fallbackOn: own.fallback_on ?? defaults.fallback_on ?? DEFAULT_POLICY.fallbackOn,
    strategy: own.strategy ?? defaults.strategy ?? DEFAULT_POLICY.strategy,
    firstTokenTimeoutMs: timeout === false ? undefined : (timeout ?? DEFAULT_POLICY.firstTokenTimeoutMs),
    retries: own.retries ?? defaults.retries ?? DEFAULT_POLICY.retries,
    cooldown: {
      initialMs: own.cooldown?.initial_ms ?? defaults.cooldown?.initial_ms ?? DEFAULT_POLICY.cooldown.initialMs,
      factor: own.cooldown?.factor ?? defaults.cooldown?.factor ?? DEFAULT_POLICY.cooldown.factor,
      maxMs: own.cooldown?.max_ms ?? defaults.cooldown?.max_ms ?? DEFAULT_POLICY.cooldown.maxMs,
      quotaMs: own.cooldown?.quota_ms ?? defaults.cooldown?.quota_ms ?? DEFAULT_POLICY.cooldown.quotaMs,
    },
    quality: { ...defaults.quality, ...own.quality },
  }
}
