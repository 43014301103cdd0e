import {
  formatIssues,
  memberIssues,
  resolvePolicy,
  type ConfigIssue,
  type Policy,
  type PoolSpec,
} from "@model-pool/core"
import type { z } from "zod"
import { AGENT_POOL_KEYS, AgentPool, PluginOptions } from "./schema.ts"

/** The provider that holds the named pools, so `pool/<name>` is a model everywhere OpenCode takes one. */
export const POOL_PROVIDER = "pool"

/** Model strings that name a pool from the plugin options. */
export const POOL_PREFIX = `${POOL_PROVIDER}/`

/** Results are data inside the plugin; callers decide how to surface issues. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] }

/** The plugin options after validation, with named pools resolved. */
export interface ParsedOptions {
  pools: Record<string, PoolSpec>
  defaults: Policy
  apiKeys: Record<string, readonly string[]>
  /** Profile provider ID -> the provider it is a further login of. */
  authProfiles: Record<string, string>
  stateFile: string | undefined
  health: HealthStoreChoice
}

/** Where health is shared: the state file alone, or a Redis server with the state file for when it is down. */
export type HealthStoreChoice =
  { store: "file" } | { store: "redis"; url: string; namespace: string; timeoutMs: number }

/** Defaults of the Redis health store. */
const REDIS_DEFAULTS = { namespace: "default", timeoutMs: 500 } as const

const SECRET_SECTIONS = new Set(["api_keys"])

/** Values that may carry a credential: API keys, and the Redis URL (`redis://user:password@host`). */
function isSecret(path: readonly PropertyKey[]): boolean {
  if (path.some((key) => SECRET_SECTIONS.has(String(key)))) return true
  return path.length >= 2 && String(path.at(-2)) === "health" && String(path.at(-1)) === "url"
}

/** Validates the plugin options; every problem names its path under `root`. */
export function parseOptions(input: unknown, root = "plugin options"): Parsed<ParsedOptions> {
  const result = PluginOptions.safeParse(input ?? {}, { reportInput: true })
  if (!result.success) return { ok: false, issues: formatIssues(root, PluginOptions, result.error.issues, isSecret) }
  const options = result.data
  const defaults = options.defaults ?? {}
  const issues = Object.entries(options.pools ?? {}).flatMap(([name, pool]) =>
    memberIssues(`${root}.pools.${name}.models`, pool.models, { reject: poolMember }),
  )
  issues.push(
    ...Object.entries(options.auth_profiles ?? {}).flatMap(([profile, { provider }]): ConfigIssue[] =>
      provider === profile || options.auth_profiles?.[provider] !== undefined
        ? [profileIssue(`${root}.auth_profiles.${profile}.provider`, provider)]
        : [],
    ),
  )
  issues.push(...healthIssues(`${root}.health`, options.health))
  if (issues.length > 0) return { ok: false, issues }
  const pools = Object.fromEntries(
    Object.entries(options.pools ?? {}).map(([name, pool]) => [
      name,
      { name: `pool/${name}`, members: pool.models, policy: resolvePolicy(pool, defaults) },
    ]),
  )
  return {
    ok: true,
    value: {
      pools,
      defaults,
      apiKeys: options.api_keys ?? {},
      authProfiles: Object.fromEntries(
        Object.entries(options.auth_profiles ?? {}).map(([profile, { provider }]) => [profile, provider]),
      ),
      stateFile: options.state_file,
      health: healthChoice(options.health),
    },
  }
}

function healthIssues(path: string, health: PluginOptions["health"]): ConfigIssue[] {
  if (health?.store === "redis" && health.url === undefined)
    return [{ path: `${path}.url`, message: `${path}.url: is required when ${path}.store is redis` }]
  if (health?.store !== "redis" && health?.url !== undefined)
    return [{ path: `${path}.url`, message: `${path}.url: is set, but ${path}.store is not redis (set it to "redis")` }]
  return []
}

function healthChoice(health: PluginOptions["health"]): HealthStoreChoice {
  if (health?.store !== "redis" || health.url === undefined) return { store: "file" }
  return {
    store: "redis",
    url: health.url,
    namespace: health.namespace ?? REDIS_DEFAULTS.namespace,
    timeoutMs: health.timeout_ms ?? REDIS_DEFAULTS.timeoutMs,
  }
}

function profileIssue(path: string, provider: string): ConfigIssue {
  return { path, message: `${path}: "${provider}" is a profile itself; name the provider it is a login of` }
}

/** A pool cannot be a member of another pool: its members are what `pool/<name>` runs. */
function poolMember(member: string): string | undefined {
  if (!member.startsWith(POOL_PREFIX)) return undefined
  return "is a pool; a pool member must be a provider/model"
}

/** True when an agent entry carries any of the keys this project adds. */
function hasPoolKeys(agent: Record<string, unknown>): boolean {
  return AGENT_POOL_KEYS.some((key) => agent[key] !== undefined)
}

/**
 * Reads the pool of one agent entry. Returns `undefined` for an agent without pool keys, so a single-model
 * agent stays exactly as stock OpenCode has it. Only our keys are checked; OpenCode's own keys are not ours
 * to judge.
 */
export function parseAgentPool(name: string, agent: unknown, defaults: Policy = {}): Parsed<PoolSpec | undefined> {
  const root = `agent.${name}`
  if (typeof agent !== "object" || agent === null) return { ok: true, value: undefined }
  const entry = agent as Record<string, unknown>
  if (!hasPoolKeys(entry)) return { ok: true, value: undefined }
  const ours = Object.fromEntries(
    ["model", ...AGENT_POOL_KEYS].filter((key) => key in entry).map((key) => [key, entry[key]]),
  )
  const result = AgentPool.safeParse(ours, { reportInput: true })
  if (!result.success) return { ok: false, issues: formatIssues(root, AgentPool, result.error.issues, isSecret) }
  return poolOf(root, result.data, defaults)
}

function poolOf(root: string, agent: z.output<typeof AgentPool>, defaults: Policy): Parsed<PoolSpec | undefined> {
  const { model, models, fallbacks } = agent
  if (models && fallbacks)
    return fail(`${root}.fallbacks`, "cannot be used together with models; list every member in models instead")
  if (models && model !== undefined && model !== models[0])
    return fail(
      `${root}.model`,
      `${JSON.stringify(model)} differs from models[0] ${JSON.stringify(models[0])}; give either models or model + fallbacks`,
    )
  if (fallbacks && model === undefined)
    return fail(`${root}.fallbacks`, "needs a model to fall back from; set model, or use models")
  if (fallbacks && model?.startsWith(POOL_PREFIX))
    return fail(
      `${root}.model`,
      `${JSON.stringify(model)} is a pool; a pool cannot have fallbacks, add members to the pool instead`,
    )
  const members = models ?? (model === undefined ? [] : [model, ...(fallbacks ?? [])])
  if (members.length === 0) return { ok: true, value: undefined }
  const issues = models
    ? memberIssues(`${root}.models`, members, { reject: poolMember })
    : memberIssues(`${root}.fallbacks`, members, { offset: 1, reject: poolMember })
  if (issues.length > 0) return { ok: false, issues }
  return { ok: true, value: { name: root, members, policy: resolvePolicy(agent, defaults) } }
}

function fail(path: string, message: string): Parsed<never> {
  return { ok: false, issues: [{ path, message: `${path}: ${message}` }] }
}
