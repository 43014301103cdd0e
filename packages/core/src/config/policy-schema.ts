import { z } from "zod"
import { FALLBACK_CONDITIONS } from "../condition.ts"
import { DEFAULT_POLICY, STRATEGIES } from "./defaults.ts"

const MEMBER_PATTERN = /^[^/\s]+\/\S+$/

/** A pool member: a `provider/model` string, as provider registries and gateways name models. */
export const MemberRef = z
  .string()
  .regex(MEMBER_PATTERN, { error: "must be a provider/model string" })
  .describe('A model as "provider/model", for example "anthropic/claude-sonnet-4-5".')

const FallbackOn = z
  .array(z.enum(FALLBACK_CONDITIONS))
  .describe(
    `Failures that move the call to the next member. An empty list never falls back (the pool then only routes by strategy and cooldown). Default: all of ${FALLBACK_CONDITIONS.join(", ")}.`,
  )

const StrategyField = z
  .enum(STRATEGIES)
  .describe(`How members are ordered for each call. Default ${DEFAULT_POLICY.strategy}.`)

const Cooldown = z
  .strictObject({
    initial_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        `First cooldown of a member that failed without saying how long to wait. Default ${DEFAULT_POLICY.cooldown.initialMs}.`,
      ),
    factor: z
      .number()
      .min(1)
      .optional()
      .describe(
        `Each further failure in a row multiplies the cooldown by this factor. Default ${DEFAULT_POLICY.cooldown.factor}.`,
      ),
    max_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(`Upper bound of an escalated cooldown. Default ${DEFAULT_POLICY.cooldown.maxMs} (30 min).`),
    quota_ms: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        `Cooldown after a quota or billing failure that gives no reset time (daily quota, no credits). Default ${DEFAULT_POLICY.cooldown.quotaMs} (1 h).`,
      ),
  })
  .describe("How long a failing member is skipped while a healthy one exists.")

/**
 * The keys that shape a pool's behaviour, each described for a generated JSON schema. A host spreads
 * `Policy.shape` into its own pool entries and uses `Policy` itself for shared defaults.
 */
export const Policy = z
  .strictObject({
    fallback_on: FallbackOn.optional(),
    strategy: StrategyField.optional(),
    first_token_timeout_ms: z
      .union([z.number().int().positive(), z.literal(false)])
      .optional()
      .describe(
        `A member that sends no output within this many milliseconds fails with \`timeout\`; false turns the deadline off. For non-streaming calls it covers the whole response. Default ${DEFAULT_POLICY.firstTokenTimeoutMs}.`,
      ),
    retries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .optional()
      .describe(
        `How many times a member is retried after a short transient failure (timeout, provider_unavailable, or a rate limit asking to wait at most 5 s) before the next member is tried. Default ${DEFAULT_POLICY.retries}.`,
      ),
    hedge_after_ms: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "Off by default. A member that has sent no output after this many milliseconds is joined by the next member; the first to send output answers and the other request is cancelled at once. A cancelled request may still be billed for its input: use it where waiting costs more than a duplicate prompt.",
      ),
    cooldown: Cooldown.optional(),
    quality: z
      .record(MemberRef, z.number())
      .optional()
      .describe(
        "Scores for `quality_first` (higher is tried first). Members without a score rank below scored ones, by blended catalog price, highest first (price as a proxy for capability).",
      ),
  })
  .meta({ id: "PoolPolicy" })
  .describe("Pool policy.")

export type Policy = z.input<typeof Policy>
