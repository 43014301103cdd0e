import { MemberRef, Policy } from "@model-pool/core"
import { z } from "zod"

/** A named pool in the plugin options, usable as the model `pool/<name>`. */
export const NamedPool = z
  .strictObject({
    models: z.array(MemberRef).min(1).describe("Members in order; the first is the primary."),
    ...Policy.shape,
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
    ...Policy.shape,
  })
  .meta({ id: "AgentPool" })
  .describe("Pool keys of an OpenCode agent entry. Other agent keys belong to OpenCode and are left alone.")

export type AgentPool = z.input<typeof AgentPool>

const POOL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** A Redis namespace: it becomes part of every key, so keep it to a plain word. */
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

export const HealthStoreOptions = z
  .strictObject({
    store: z
      .enum(["file", "redis"])
      .optional()
      .describe(
        "Where cooldowns and round-robin positions live: file (default; the state file, shared by the processes of one machine) or redis (shared by every machine that names the same server and namespace).",
      ),
    url: z
      .string()
      // `{env:...}` and `{file:...}` are what the user types; OpenCode puts their value in before the plugin reads it.
      .regex(/^(rediss?:\/\/|\{(env|file):[^}]+\}$)/, { error: "must start with redis:// or rediss://" })
      .optional()
      .describe(
        'The Redis (or Valkey) server, e.g. "{env:MODEL_POOL_REDIS_URL}". Its credentials are treated like API keys: never logged or shown.',
      ),
    namespace: z
      .string()
      .regex(NAMESPACE, { error: "namespaces use letters, digits, '.', '_' and '-'" })
      .optional()
      .describe("Prefix of every key, so several teams or fleets can share one server. Default default."),
    timeout_ms: z
      .int()
      .min(1)
      .max(10_000)
      .optional()
      .describe(
        "Bound on every Redis call. A call that takes longer, or a server that is down, makes the plugin use the state file until Redis answers again. Default 500.",
      ),
  })
  .meta({ id: "HealthStore" })
  .describe("Where member health is shared.")

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
        "Where member health (cooldowns) is kept, shared by every OpenCode process of the machine; with a Redis health store, the local copy used while Redis is unreachable. Default $XDG_STATE_HOME/opencode-model-pool/health.json.",
      ),
    health: HealthStoreOptions.optional(),
  })
  .meta({ id: "PluginOptions" })
  .describe("Options of the opencode-model-pool plugin.")

export type PluginOptions = z.input<typeof PluginOptions>

/** The keys this project adds to an agent entry; OpenCode must never send them to a provider. */
export const AGENT_POOL_KEYS = ["fallbacks", "models", ...Object.keys(Policy.shape)] as const

/**
 * Names other fallback plugins give to what a pool key does (snake_case): those the guide's migration section lists,
 * and the singular of `fallback_models`. An agent carrying one is told the key this plugin reads.
 */
export const POOL_KEY_ALIASES: Readonly<Record<string, (typeof AGENT_POOL_KEYS)[number]>> = {
  fallback_models: "fallbacks",
  fallback_model: "fallbacks",
  retry_on: "fallback_on",
}
