// The doctor's report: each pool's members in the order the next turn would try them, whether each can be built
// and has credentials (never shown), and every configuration problem. Pure: the caller supplies what OpenCode
// resolved, the environment, the health state and the clock.
import { planTurn, type HealthState, type PlannedAttempt, type PoolSpec } from "@model-pool/core"
import { keyLabels } from "../config/api-keys.ts"
import { DRILL_ENV, drillNotice, parseDrill } from "../config/drill.ts"
import { readPoolConfig, type PoolConfig } from "../config/read-config.ts"
import type { AuthEntry } from "../host/auth-file.ts"
import { credentialSource, needsCredentials, type CredentialFacts } from "../host/credentials.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { ownEntry, PLUGIN_NAME } from "../host/plugin-entry.ts"
import { memberInfo, modelIn, type ProviderInfo } from "../host/provider-info.ts"
import { buildModel } from "../module/build-model.ts"

/** What the doctor found: the lines to print and the problems among them. */
export interface DoctorReport {
  lines: string[]
  problems: string[]
}

/** The health store as the doctor found it: what it is, what it holds, and why it does not answer, if it does not. */
export interface HealthView {
  description: string
  state: HealthState
  problem?: string
}

/** What the doctor reads: what OpenCode resolved, the environment, the health store and the clock. */
export interface DoctorInput {
  /** OpenCode's resolved config, read with this plugin leaving it untouched. */
  config: OpenCodeConfig
  /** OpenCode's resolved providers (`GET /config/providers`). */
  providers: ReadonlyMap<string, ProviderInfo>
  /** The variables OpenCode's catalog (`GET /provider`) reads each provider's key from. */
  catalog: ReadonlyMap<string, readonly string[]>
  /** OpenCode's auth.json, by provider. */
  logins: Record<string, AuthEntry | undefined>
  env: Record<string, string | undefined>
  health: HealthView
  now: number
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

/** One member's line in the plan, and the problems found with it. */
function memberLine(
  input: DoctorInput,
  read: PoolConfig,
  attempt: PlannedAttempt,
  index: number,
): { line: string; problems: string[] } | undefined {
  const source = read.sources.get(attempt.member)
  if (!source) return undefined
  const problems: string[] = []
  const facts: CredentialFacts = { ...input, resolved: input.providers, apiKeys: read.options.apiKeys }
  const credential = credentialSource(source.providerID, facts)
  if (!credential.found && needsCredentials(source))
    problems.push(`${attempt.member}: no API key found (looked in ${credential.looked})`)
  const baseURL = input.config.provider?.[source.providerID]?.options?.baseURL
  try {
    buildModel(source.npm, source.providerID, source.apiID, {
      apiKey: "doctor",
      baseURL: typeof baseURL === "string" ? baseURL : undefined,
    })
  } catch (error) {
    problems.push(`${attempt.member}: cannot be built with ${source.npm}: ${String(error)}`)
  }
  const state = input.health.state
  const health =
    attempt.coolingUntil === undefined
      ? "ready"
      : describeCooling(state, attempt.healthId, attempt.coolingUntil, input.now)
  const key = credential.found ? `key from ${credential.where}` : "no key"
  const label = attempt.key === undefined ? attempt.member : `${attempt.member} (${attempt.key})`
  return { line: `  ${index + 1}. ${label}  ${health}  ${source.npm}, ${key}`, problems }
}

/** Checks the user's pools as OpenCode resolved the config. */
export function doctorReport(input: DoctorInput): DoctorReport {
  const { config, health, now } = input
  const problems: string[] = []
  const entry = ownEntry(config.plugin)
  if (!entry.present) problems.push(`the plugin is not in the "plugin" list of opencode.json (add "${PLUGIN_NAME}")`)
  const read = readPoolConfig(structuredClone(config), entry.options)
  problems.push(...read.issues)
  if (health.problem) problems.push(health.problem)
  const lines = [`health store: ${health.description}`, ""]
  // A drill in the doctor's environment is the one OpenCode started from this shell would play.
  const drill = parseDrill(input.env[DRILL_ENV], new Set([...read.pools.values()].flatMap((pool) => pool.members)))
  problems.push(...drill.problems)
  const drilling = drillNotice(drill)
  if (drilling) lines.push(drilling, "")
  const describePool = (pool: PoolSpec) => {
    const title = pool.name.startsWith("agent.") ? `agent ${pool.name.slice("agent.".length)}` : pool.name
    lines.push(
      `${title}: strategy ${pool.policy.strategy}, fallback_on ${pool.policy.fallbackOn.join(", ") || "(none)"}`,
    )
    // Planned as the next turn plans it: by OpenCode's catalog data, the cooldowns and the extra keys.
    const plan = planTurn({
      pool,
      state: health.state,
      now,
      catalog: (member) => memberInfo(modelIn(input.providers, member)?.model),
      keys: (member) => keyLabels(read.options.apiKeys, read.sources.get(member)?.providerID ?? ""),
    }).attempts
    for (const [index, attempt] of plan.entries()) {
      const found = memberLine(input, read, attempt, index)
      if (!found) continue
      lines.push(found.line)
      problems.push(...found.problems)
    }
    lines.push("")
  }
  for (const pool of read.pools.values()) describePool(pool)
  if (read.pools.size === 0) lines.push("no pools configured", "")
  lines.push(problems.length === 0 ? "no problems found" : `${problems.length} problem(s):`)
  lines.push(...problems.map((problem) => `  - ${problem}`))
  return { lines, problems }
}
