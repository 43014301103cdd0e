import { AGENT_POOL_KEYS, parseAgentPool, parseOptions, type ParsedOptions, type PoolSpec } from "@model-pool/core"
import { memberSource, type MemberSource, type ProviderConfig } from "./member-source.ts"

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

const NO_OPTIONS: ParsedOptions = { pools: {}, defaults: {}, apiKeys: {}, stateFile: undefined }

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
  for (const [name, agent] of Object.entries(config.agent ?? {})) {
    if (!agent) continue
    const parsed = parseAgentPool(name, agent, options.defaults)
    stripPoolKeys(agent)
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((issue) => `${issue.message} (agent ${name} keeps its model without a pool)`))
      continue
    }
    if (!parsed.value) continue
    // With the models[] form OpenCode must still know the agent's model: the primary.
    agent.model = parsed.value.members[0]
    pools.set(parsed.value.name, parsed.value)
    agentPools.set(name, parsed.value.name)
  }
  const sources = new Map<string, MemberSource>()
  for (const [name, pool] of pools) {
    const members = pool.members.filter((member) => {
      const source = sources.get(member) ?? memberSource(member, config.provider ?? {})
      if ("error" in source) {
        issues.push(`${name}: member ${source.error}; it is left out of the pool`)
        return false
      }
      sources.set(member, source)
      return true
    })
    pools.set(name, { ...pool, members })
  }
  return { options, pools, agentPools, sources, issues }
}

/** Points every pool member at the plugin's model module, so OpenCode builds members through it. */
export function routeMembers(config: OpenCodeConfig, sources: Iterable<MemberSource>, moduleUrl: string): void {
  config.provider ??= {}
  for (const source of sources) {
    const provider = (config.provider[source.providerID] ??= {})
    const models = (provider.models ??= {})
    const model = (models[source.modelID] ??= {})
    model.provider = { ...model.provider, npm: moduleUrl }
  }
}
