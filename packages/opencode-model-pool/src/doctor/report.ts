import { planTurn, type HealthState, type MemberCatalog, type PoolSpec } from "@model-pool/core"
import { buildModel } from "../build-model.ts"
import { keyLabels } from "../member-models.ts"
import { readPoolConfig, type OpenCodeConfig } from "../read-config.ts"
import { credentialSource, storedProviders } from "./credentials.ts"

/** OpenCode's resolved config, as `opencode debug config` prints it. */
export type ResolvedConfig = OpenCodeConfig & { plugin?: unknown[] }

/** What the doctor found: the lines to print and the problems among them. */
export interface DoctorReport {
  lines: string[]
  problems: string[]
}

const PLUGIN_NAME = "opencode-model-pool"

/** The options of this plugin's entry in OpenCode's `plugin` list, and whether the entry is there at all. */
export function pluginEntry(config: ResolvedConfig): { present: boolean; options: unknown } {
  for (const entry of config.plugin ?? []) {
    const spec = Array.isArray(entry) ? entry[0] : entry
    if (typeof spec === "string" && spec.includes(PLUGIN_NAME))
      return { present: true, options: Array.isArray(entry) ? entry[1] : undefined }
  }
  return { present: false, options: undefined }
}

function catalogOf(config: OpenCodeConfig): MemberCatalog {
  return (member) => {
    const slash = member.indexOf("/")
    const model = config.provider?.[member.slice(0, slash)]?.models?.[member.slice(slash + 1)]
    if (!model) return undefined
    return { cost: model.cost, contextWindow: model.limit?.context }
  }
}

function describeCooling(state: HealthState, id: string, until: number, now: number): string {
  const entry = state.members[id]
  const reason = [
    entry?.condition,
    entry?.quota ? "quota" : undefined,
    entry ? `${entry.failures} in a row` : undefined,
  ]
  return `cooling ${Math.ceil((until - now) / 1000)}s (${reason.filter(Boolean).join(", ")})`
}

/** The health store as the doctor found it: what it is, what it holds, and why it does not answer, if it does not. */
export interface HealthView {
  description: string
  state: HealthState
  problem?: string
}

/**
 * Checks the user's pools as OpenCode resolved the config: each pool's members in the order the strategy and
 * the cooldowns would try them now, whether each member can be built and has a key (never showing it), and
 * every configuration problem. Pure: the caller supplies the config, the environment, the state and the clock.
 */
export function doctorReport(
  config: ResolvedConfig,
  env: Record<string, string | undefined>,
  health: HealthView,
  now: number,
): DoctorReport {
  const problems: string[] = []
  const entry = pluginEntry(config)
  if (!entry.present) problems.push(`the plugin is not in the "plugin" list of opencode.json (add "${PLUGIN_NAME}")`)
  const read = readPoolConfig(structuredClone(config), entry.options)
  problems.push(...read.issues)
  const state = health.state
  if (health.problem) problems.push(health.problem)
  const stored = storedProviders(env)
  const catalog = catalogOf(config)
  const lines = [`health store: ${health.description}`, ""]
  const describePool = (pool: PoolSpec) => {
    const title = pool.name.startsWith("agent.") ? `agent ${pool.name.slice("agent.".length)}` : pool.name
    lines.push(
      `${title}: strategy ${pool.policy.strategy}, fallback_on ${pool.policy.fallbackOn.join(", ") || "(none)"}`,
    )
    const plan = planTurn({
      pool,
      state,
      now,
      catalog,
      keys: (member) => keyLabels(read.options.apiKeys, read.sources.get(member)?.providerID ?? ""),
    }).attempts
    for (const [index, attempt] of plan.entries()) {
      const source = read.sources.get(attempt.member)
      if (!source) continue
      const provider = config.provider?.[source.providerID]
      const options = (provider as { options?: { apiKey?: unknown; baseURL?: string } } | undefined)?.options
      const credential = credentialSource(source.providerID, options, read.options.apiKeys, stored, env)
      // Hosts of your own behind openai-compatible may need no key; the catalog providers always do.
      if (!credential.found && attempt.key === undefined && source.npm !== "@ai-sdk/openai-compatible")
        problems.push(`${attempt.member}: no API key found (looked in ${credential.looked})`)
      try {
        buildModel(source.npm, source.providerID, source.apiID, { apiKey: "doctor", baseURL: options?.baseURL })
      } catch (error) {
        problems.push(`${attempt.member}: cannot be built with ${source.npm}: ${String(error)}`)
      }
      const health =
        attempt.coolingUntil === undefined
          ? "ready"
          : describeCooling(state, attempt.healthId, attempt.coolingUntil, now)
      const key = credential.found ? `key from ${credential.where}` : "no key"
      const label = attempt.key === undefined ? attempt.member : `${attempt.member} (${attempt.key})`
      lines.push(`  ${index + 1}. ${label}  ${health}  ${source.npm}, ${key}`)
    }
    lines.push("")
  }
  for (const pool of read.pools.values()) describePool(pool)
  if (read.pools.size === 0) lines.push("no pools configured", "")
  lines.push(problems.length === 0 ? "no problems found" : `${problems.length} problem(s):`)
  lines.push(...problems.map((problem) => `  - ${problem}`))
  return { lines, problems }
}
