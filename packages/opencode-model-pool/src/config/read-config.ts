// What the plugin reads from OpenCode's config: its options and every agent's pool, checked, and the source of
// each pool member (its provider, model and package).
import type { PoolSpec } from "@model-pool/core"
import { parseMemberId } from "../host/member-id.ts"
import { memberSource, type MemberSource } from "../host/member-source.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { misspeltKeys } from "./misspelt.ts"
import { parseAgentPool, parseOptions, type ParsedOptions } from "./parse.ts"
import { AGENT_POOL_KEYS } from "./schema.ts"

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
      named(member, `plugin options.pools.${parseMemberId(pool.name).modelID}.models[${index}]`),
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
