import { DEFAULT_POLICY, type ResolvedPolicy } from "./defaults.ts"
import type { Policy } from "./policy-schema.ts"

/** Fills a policy from the pool's own keys, then the shared defaults, then the built-in defaults. */
export function resolvePolicy(own: Policy, defaults: Policy = {}): ResolvedPolicy {
  const timeout = own.first_token_timeout_ms ?? defaults.first_token_timeout_ms
  return {
    fallbackOn: own.fallback_on ?? defaults.fallback_on ?? DEFAULT_POLICY.fallbackOn,
    strategy: own.strategy ?? defaults.strategy ?? DEFAULT_POLICY.strategy,
    firstTokenTimeoutMs: timeout === false ? undefined : (timeout ?? DEFAULT_POLICY.firstTokenTimeoutMs),
    retries: own.retries ?? defaults.retries ?? DEFAULT_POLICY.retries,
    hedgeAfterMs: own.hedge_after_ms ?? defaults.hedge_after_ms ?? DEFAULT_POLICY.hedgeAfterMs,
    cooldown: {
      initialMs: own.cooldown?.initial_ms ?? defaults.cooldown?.initial_ms ?? DEFAULT_POLICY.cooldown.initialMs,
      factor: own.cooldown?.factor ?? defaults.cooldown?.factor ?? DEFAULT_POLICY.cooldown.factor,
      maxMs: own.cooldown?.max_ms ?? defaults.cooldown?.max_ms ?? DEFAULT_POLICY.cooldown.maxMs,
      quotaMs: own.cooldown?.quota_ms ?? defaults.cooldown?.quota_ms ?? DEFAULT_POLICY.cooldown.quotaMs,
    },
    quality: { ...defaults.quality, ...own.quality },
  }
}
