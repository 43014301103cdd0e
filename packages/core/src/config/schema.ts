import { z } from "zod"
import { FALLBACK_CONDITIONS } from "../condition.ts"
import { DEFAULT_POLICY, STRATEGIES } from "./defaults.ts"

const MEMBER_PATTERN = /^[^/\s]+\/\S+$/

/** A pool member: a `provider/model` string as OpenCode writes models. */
export const MemberRef = z
  .string()
  .regex(MEMBER_PATTERN, { error: "must be a provider/model string" })
  .describe('A model as "provider/model", for example "anthropic/claude-sonnet-4-5".')

export const FallbackOn = z
  .array(z.enum(FALLBACK_CONDITIONS))
  .describe(
    `Failures that move the call to the next member. An empty list never falls back (the pool then only routes by strategy and cooldown). Default: all of ${FALLBACK_CONDITIONS.join(", ")}.`,
  )

export const StrategyField = z
  .enum(STRATEGIES)
  .describe(`How members are ordered for each call. Default ${DEFAULT_POLICY.strategy}.`)

export const Cooldown = z
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

/** Keys that shape a pool's behaviour; shared by agent pools, named pools and the plugin defaults. */
export const PolicyFields = {
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
  cooldown: Cooldown.optional(),
  quality: z
    .record(MemberRef, z.number())
    .optional()
    .describe(
      "Scores for `quality_first` (higher is tried first). Members without a score rank below scored ones, by blended catalog price, highest first (price as a proxy for capability).",
    ),
}

export const Policy = z.strictObject(PolicyFields).meta({ id: "PoolPolicy" }).describe("Pool policy.")

export type Policy = z.input<typeof Policy>

/** A named pool in the plugin options, usable as the model `pool/<name>`. */
export const NamedPool = z
  .strictObject({
    models: z.array(MemberRef).min(1).describe("Members in order; the first is the primary."),
    ...PolicyFields,
  })
  .meta({ id: "NamedPool" })
  .describe("A named pool, used as the model string pool/<name>.")

export type NamedPool = z.input<typeof NamedPool>

/** The pool keys an OpenCode agent entry (opencode.json or markdown frontmatter) may carry. */
export const AgentPool = z
  .object({
    model: z.string().optional().describe("The agent's model, as in stock OpenCode; the primary of its pool."),
    fallbacks: z.array(MemberRef).optional().describe("Members tried after `model`, in order."),
    models: z
      .array(MemberRef)
      .min(1)
      .optional()
      .describe("The whole pool in order, primary first; an alternative to model + fallbacks."),
    ...PolicyFields,
  })
  .meta({ id: "AgentPool" })
  .describe("Pool keys of an OpenCode agent entry. Other agent keys belong to OpenCode and are left alone.")

export type AgentPool = z.input<typeof AgentPool>

const POOL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** Options of the plugin entry `["opencode-model-pool", { ... }]`. */
export const PluginOptions = z
  .strictObject({
    pools: z
      .record(z.string().regex(POOL_NAME, { error: "pool names use letters, digits, '.', '_' and '-'" }), NamedPool)
      .optional()
      .describe("Named pools, each usable as the model string pool/<name>."),
    defaults: Policy.optional().describe(
      "Policy applied to every pool (agent pools and named pools) unless it sets its own.",
    ),
    api_keys: z
      .record(z.string().min(1), z.array(z.string().min(1)).min(1))
      .optional()
      .describe(
        'Several API keys per provider ID, tried in order; a key that is rate-limited or rejected cools down and the next one is used before the pool moves to another model. Use "{env:NAME}" values.',
      ),
    auth_profiles: z
      .record(
        z.string().min(1),
        z
          .strictObject({
            provider: z
              .string()
              .min(1)
              .describe("The provider whose package and auth plugin this profile uses, e.g. anthropic."),
          })
          .describe("A second login for a provider, under its own provider ID."),
      )
      .optional()
      .describe(
        "Provider IDs that are further logins of another provider: each has its own auth.json entry (an API key or an OAuth login) and its own cooldowns, and its members use the other provider's package and auth plugin.",
      ),
    state_file: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Where member health (cooldowns) is kept, shared by every OpenCode process. Default $XDG_STATE_HOME/opencode-model-pool/health.json.",
      ),
  })
  .meta({ id: "PluginOptions" })
  .describe("Options of the opencode-model-pool plugin.")

export type PluginOptions = z.input<typeof PluginOptions>

/** The keys this project adds to an agent entry; OpenCode must never send them to a provider. */
export const AGENT_POOL_KEYS = ["fallbacks", "models", ...Object.keys(PolicyFields)] as const
