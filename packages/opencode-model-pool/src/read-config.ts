import { derivedVariants } from "./shape/variants.ts"
import type { PoolSpec } from "@model-pool/core"
import { misspeltKeys, parseAgentPool, parseOptions, POOL_PREFIX, type ParsedOptions } from "./config/parse.ts"
import { AGENT_POOL_KEYS } from "./config/schema.ts"
import { memberSource, type MemberSource, type ModelConfig, type ProviderConfig } from "./member-source.ts"
import { RUNTIME_OPTION } from "./runtime.ts"

/** The part of OpenCode's config the plugin reads and edits. */
export interface OpenCodeConfig {
  agent?: Record<string, Record<string, unknown> | undefined>
  provider?: Record<string, (ProviderConfig & Record<string, unknown>) | undefined>
}

/** Everything the plugin learned from the config: the pools, who uses them, how to build their members. */
export interface PoolConfig {
  options: ParsedOptions
  pools: Map<string, PoolSpec>
  /** Agent name -> name of its pool. */
  agentPools: Map<string, string>
  sources: Map<string, MemberSource>
  /** Problems to show the user, each naming the key at fault. */
  issues: string[]
}

const NO_OPTIONS: ParsedOptions = {
  pools: {},
  defaults: {},
  apiKeys: {},
  authProfiles: {},
  stateFile: undefined,
  health: { store: "file" },
}

/** Removes our keys from an agent so OpenCode never sends them to a provider. */
function stripPoolKeys(agent: Record<string, unknown>): void {
  const options = agent.options as Record<string, unknown> | undefined
  for (const key of AGENT_POOL_KEYS) {
    delete agent[key]
    if (options && typeof options === "object") delete options[key]
  }
}

/**
 * Reads the pools from the plugin options and the agents, and removes our keys from the agents. An invalid
 * pool is reported and its agent keeps working on its primary model; a member that cannot be built is reported
 * and left out of its pool.
 */
export function readPoolConfig(config: OpenCodeConfig, rawOptions: unknown): PoolConfig {
  const issues: string[] = []
  const parsedOptions = parseOptions(rawOptions)
  if (!parsedOptions.ok) issues.push(...parsedOptions.issues.map((issue) => issue.message))
  const options = parsedOptions.ok ? parsedOptions.value : NO_OPTIONS
  const pools = new Map<string, PoolSpec>(Object.values(options.pools).map((pool) => [pool.name, pool]))
  const agentPools = new Map<string, string>()
  // Member -> the keys that name it, for what is told about the member later.
  const paths = new Map<string, string[]>()
  const named = (member: string, path: string) => paths.set(member, [...(paths.get(member) ?? []), path])
  for (const pool of Object.values(options.pools))
    pool.members.forEach((member, index) =>
      named(member, `plugin options.pools.${pool.name.slice(POOL_PREFIX.length)}.models[${index}]`),
    )
  for (const [name, agent] of Object.entries(config.agent ?? {})) {
    if (!agent) continue
    issues.push(...misspeltKeys(name, agent).map((issue) => issue.message))
    const parsed = parseAgentPool(name, agent, options.defaults)
    const form = agent.models === undefined ? "fallbacks" : "models"
    stripPoolKeys(agent)
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((issue) => `${issue.message} (agent ${name} keeps its model without a pool)`))
      continue
    }
    if (!parsed.value) continue
    parsed.value.members.forEach((member, index) =>
      named(
        member,
        form === "models"
          ? `agent.${name}.models[${index}]`
          : index === 0
            ? `agent.${name}.model`
            : `agent.${name}.fallbacks[${index - 1}]`,
      ),
    )
    // With the models[] form OpenCode must still know the agent's model: the primary.
    agent.model = parsed.value.members[0]
    pools.set(parsed.value.name, parsed.value)
    agentPools.set(name, parsed.value.name)
  }
  const sources = new Map<string, MemberSource>()
  for (const [name, pool] of pools) {
    const members = pool.members.filter((member) => {
      const source = sources.get(member) ?? memberSource(member, config.provider ?? {}, options.authProfiles)
      if ("error" in source) {
        issues.push(`${name}: member ${source.error}; it is left out of the pool`)
        return false
      }
      sources.set(member, { ...source, paths: paths.get(member) ?? [] })
      return true
    })
    pools.set(name, { ...pool, members })
  }
  addProfileModels(config, options.authProfiles, sources, issues)
  return { options, pools, agentPools, sources, issues }
}

/**
 * Every model of an auth profile goes through the module, in a pool or not: OpenCode knows neither the package of
 * a profile (its ID is no catalog provider, so OpenCode would speak openai-compatible to it) nor its login (no auth
 * plugin declares that ID). Outside a pool the module then builds it as a single model (the agent's model without
 * fallbacks, `-m`, `small_model`).
 */
function addProfileModels(
  config: OpenCodeConfig,
  profiles: Record<string, string>,
  sources: Map<string, MemberSource>,
  issues: string[],
): void {
  for (const profile of Object.keys(profiles)) {
    for (const model of Object.keys(config.provider?.[profile]?.models ?? {})) {
      const member = `${profile}/${model}`
      if (sources.has(member)) continue
      const source = memberSource(member, config.provider ?? {}, profiles)
      if ("error" in source) issues.push(`auth_profiles.${profile}: ${source.error}`)
      else sources.set(member, source)
    }
  }
}

/** The provider that holds the named pools, so `pool/<name>` is a model everywhere OpenCode takes one. */
export const POOL_PROVIDER = "pool"

/**
 * What OpenCode is told about `pool/<name>`: the smallest context window and output limit of its members (so
 * compaction starts before any member overflows) and the highest price of each kind (so cost is never
 * under-reported). A value stays unset when a member's is not in the config (catalog models): OpenCode then uses
 * its defaults. Turns started on `pool/<name>` are moved to the planned member, whose own values then apply.
 */
function poolModelInfo(pool: PoolSpec, config: OpenCodeConfig): Pick<ModelConfig, "limit" | "cost"> {
  const models = pool.members.map((member) => {
    const slash = member.indexOf("/")
    return config.provider?.[member.slice(0, slash)]?.models?.[member.slice(slash + 1)]
  })
  const limits = models.map((model) => model?.limit)
  const costs = models.map((model) => model?.cost)
  const known = <T>(values: (T | undefined)[]): values is T[] => values.every((value) => value !== undefined)
  return {
    ...(known(limits) && limits.length > 0
      ? {
          limit: {
            context: Math.min(...limits.map((limit) => limit.context)),
            output: Math.min(...limits.map((limit) => limit.output)),
          },
        }
      : {}),
    ...(known(costs) && costs.length > 0
      ? {
          cost: {
            input: Math.max(...costs.map((cost) => cost.input)),
            output: Math.max(...costs.map((cost) => cost.output)),
            cache_read: Math.max(...costs.map((cost) => cost.cache_read ?? cost.input)),
            cache_write: Math.max(...costs.map((cost) => cost.cache_write ?? cost.input)),
          },
        }
      : {}),
  }
}

/** Adds the `pool` provider with one model per named pool; returns a problem when the name is taken. */
export function addPoolProvider(
  config: OpenCodeConfig,
  pools: Iterable<PoolSpec>,
  moduleUrl: string,
  runtime: string,
): string | undefined {
  const named = [...pools].filter((pool) => pool.name.startsWith(`${POOL_PROVIDER}/`))
  if (named.length === 0) return undefined
  config.provider ??= {}
  if (config.provider[POOL_PROVIDER])
    return `provider.${POOL_PROVIDER}: the provider ID "${POOL_PROVIDER}" is reserved for named pools; rename your provider to use pool/<name> models`
  const models = Object.fromEntries(
    named.map((pool) => {
      const name = pool.name.slice(POOL_PROVIDER.length + 1)
      return [name, { name: `Pool ${name}: ${pool.members.join(", ")}`, ...poolModelInfo(pool, config) }]
    }),
  )
  config.provider[POOL_PROVIDER] = {
    name: "Model pools",
    npm: moduleUrl,
    options: { [RUNTIME_OPTION]: runtime },
    models,
  }
  return undefined
}

/**
 * OpenCode derives a model's variants from its package, and sees the pool module's instead: it would list none,
 * and ignore `--variant` and the TUI's cycling. So the config names the variants the member's real package has
 * (empty, so OpenCode adds nothing itself); the model module applies their options for whichever member answers.
 * The catalog's capabilities are not known yet at this point: a model the config does not say anything of is
 * taken to reason, so a non-reasoning catalog model may list variants that then change nothing.
 */
function announceVariants(model: ModelConfig, source: MemberSource): void {
  const names = Object.keys(
    derivedVariants({
      ...source,
      reasoning: model.reasoning ?? true,
      outputLimit: model.limit?.output ?? 32_000,
      releaseDate: model.release_date ?? "",
    }),
  )
  if (names.length === 0) return
  const variants = (model.variants ??= {})
  for (const name of names) variants[name] ??= {}
}

/**
 * Points every pool member at the plugin's model module, so OpenCode builds members through it, and names this
 * OpenCode instance's runtime in the member's provider options, where the module finds it.
 */
export function routeMembers(
  config: OpenCodeConfig,
  sources: Iterable<MemberSource>,
  moduleUrl: string,
  runtime: string,
): void {
  config.provider ??= {}
  for (const source of sources) {
    const provider = (config.provider[source.providerID] ??= {})
    provider.options = { ...provider.options, [RUNTIME_OPTION]: runtime }
    const models = (provider.models ??= {})
    const model = (models[source.modelID] ??= {})
    model.provider = { ...model.provider, npm: moduleUrl }
    announceVariants(model, source)
  }
}
