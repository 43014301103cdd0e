// The commands themselves: `doctor` prints the report of the pools OpenCode's config holds, `reset` clears
// cooldowns. Each asks OpenCode for the config, opens the health store the plugin options choose, and closes it.
import { readPoolConfig, type PoolConfig } from "../config/read-config.ts"
import { authFilePath, readAuthEntries } from "../host/auth-file.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { ownEntry } from "../host/plugin-entry.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { SUPPORTED_NPM } from "../host/provider-packages.ts"
import { defaultStatePath } from "../host/state-path.ts"
import { loadProviderPackages } from "../module/build-model.ts"
import { openHealthStore, type OpenedHealthStore } from "../state/health-store.ts"
import { catalogOf, configOf, providersOf, withOpenCode, type Ask } from "./ask-opencode.ts"
import { poolsInScope, probeMembers, verdictLine, type ProbeScope } from "./probe.ts"
import { doctorReport } from "./report.ts"

/** What the doctor reads of OpenCode: its config, and its provider list. */
interface Answers {
  config: OpenCodeConfig
  read: PoolConfig
  providers: Promise<Map<string, ProviderInfo>>
}

/** Probes the members of the pools in `scope`; the exit code is 1 when one fails or the scope names no pool. */
async function probe(answers: Answers, scope: ProbeScope): Promise<number> {
  const { pools, problem } = poolsInScope(answers.read, scope)
  console.log("")
  if (problem !== undefined) {
    console.log(`probe: ${problem}`)
    return 1
  }
  const members = new Set(pools.flatMap((pool) => pool.members)).size
  console.log(`probe: one short request to each of ${members} member(s); each spends a few tokens`)
  const verdicts = await probeMembers(pools, {
    read: answers.read,
    providers: await answers.providers,
    logins: readAuthEntries(authFilePath()),
  })
  for (const { member, verdict } of verdicts) console.log(verdictLine(member, verdict))
  const failed = verdicts.filter(({ verdict }) => verdict.ok === false).length
  console.log(failed === 0 ? "probe: every probed member answered" : `probe: ${failed} member(s) failed`)
  return failed === 0 ? 0 : 1
}

/** Prints the doctor's report; its exit code is 1 when it found a problem. */
async function doctor(ask: Ask, answers: Answers, health: OpenedHealthStore): Promise<number> {
  console.log("opencode-model-pool doctor")
  const [answer, providers] = await Promise.all([health.ping(), answers.providers, loadProviderPackages(SUPPORTED_NPM)])
  // OpenCode lists a catalog provider only once it found credentials for it: the variables it would read for the
  // others are in its whole catalog, which is large, so it is asked for only when a member's provider is missing.
  const unlisted = [...answers.read.sources.values()].some((source) => !providers.has(source.providerID))
  const catalog = unlisted ? await catalogOf(ask) : new Map<string, string[]>()
  await health.store.sync?.()
  const view = {
    description: health.description,
    state: health.store.read(),
    problem: answer.reachable
      ? undefined
      : `the health store does not answer (${answer.reason ?? "no reason given"}): cooldowns are not shared; the cooldowns shown are this machine's`,
  }
  const report = doctorReport({
    config: answers.config,
    providers,
    catalog,
    logins: readAuthEntries(authFilePath()),
    env: process.env,
    health: view,
    now: Date.now(),
  })
  for (const line of report.lines) console.log(line)
  return report.problems.length === 0 ? 0 : 1
}

/** Clears the cooldowns of every member, or of `member` (each of its keys included). */
async function reset(health: OpenedHealthStore, member: string | undefined): Promise<number> {
  const cleared = await health.store.update((state) => {
    const ids = Object.keys(state.members).filter((id) => !member || id === member || id.startsWith(`${member}#`))
    for (const id of ids) delete state.members[id]
    return ids
  })
  console.log(cleared.length === 0 ? "no cooldowns to clear" : `cleared: ${cleared.join(", ")}`)
  return 0
}

/** Runs `command` against the config the OpenCode binary `binary` resolves; returns the exit code. */
export function run(
  command: "doctor" | "reset",
  binary: string,
  member: string | undefined,
  scope?: ProbeScope,
): Promise<number> {
  return withOpenCode(binary, async (ask) => {
    // The provider list is asked for at once: OpenCode resolves it while the config is read.
    const providers = command === "doctor" ? providersOf(ask) : undefined
    providers?.catch(() => {})
    const config = await configOf(ask)
    const read = readPoolConfig(structuredClone(config), ownEntry(config.plugin).options)
    const health = openHealthStore(read.options.health, read.options.stateFile ?? defaultStatePath())
    try {
      if (!providers) return await reset(health, member)
      const answers = { config, read, providers }
      const found = await doctor(ask, answers, health)
      return scope === undefined ? found : Math.max(found, await probe(answers, scope))
    } finally {
      await health.close()
    }
  })
}
