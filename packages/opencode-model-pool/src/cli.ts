#!/usr/bin/env node
// `opencode-model-pool doctor` checks the pools of the OpenCode config in the current folder;
// `opencode-model-pool reset [member]` clears cooldowns. `--opencode PATH` names the opencode binary.
import { spawnSync } from "node:child_process"
import { loadProviderPackages } from "./build-model.ts"
import { doctorReport, pluginEntry, type ResolvedConfig } from "./doctor/report.ts"
import { openHealthStore } from "./health-store.ts"
import { READ_ONLY_ENV } from "./index.ts"
import { SUPPORTED_NPM } from "./member-source.ts"
import { readPoolConfig } from "./read-config.ts"
import { defaultStatePath } from "./state-path.ts"

const USAGE = "usage: opencode-model-pool doctor | reset [provider/model] [--opencode PATH]"

/** OpenCode's resolved config (global, project and agent files, with {env:} and {file:} applied). */
function resolvedConfig(binary: string): ResolvedConfig {
  const result = spawnSync(binary, ["debug", "config"], {
    env: { ...process.env, [READ_ONLY_ENV]: "1" },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error) throw new Error(`cannot run \`${binary} debug config\`: ${result.error.message}`)
  if (result.status !== 0)
    throw new Error(`\`${binary} debug config\` failed (${result.status}): ${result.stderr.slice(0, 500)}`)
  const text = result.stdout
  return JSON.parse(text.slice(text.indexOf("{"))) as ResolvedConfig
}

const args = process.argv.slice(2)
const flag = args.indexOf("--opencode")
const binary = flag >= 0 ? args[flag + 1] : (process.env.OPENCODE_BIN ?? "opencode")
const [command, member] = flag >= 0 ? args.filter((_, index) => index !== flag && index !== flag + 1) : args
if (!binary || (command !== "doctor" && command !== "reset")) {
  console.error(USAGE)
  process.exit(2)
}

try {
  const config = resolvedConfig(binary)
  const read = readPoolConfig(structuredClone(config), pluginEntry(config).options)
  const statePath = read.options.stateFile ?? defaultStatePath()
  const health = openHealthStore(read.options.health, statePath)
  try {
    if (command === "doctor") {
      console.log("opencode-model-pool doctor")
      const [answer] = await Promise.all([health.ping(), loadProviderPackages(SUPPORTED_NPM)])
      await health.store.sync?.()
      const view = {
        description: health.description,
        state: health.store.read(),
        problem: answer.reachable
          ? undefined
          : `the health store does not answer (${answer.reason ?? "no reason given"}): cooldowns are not shared; the cooldowns shown are this machine's`,
      }
      const report = doctorReport(config, process.env, view, Date.now())
      for (const line of report.lines) console.log(line)
      process.exitCode = report.problems.length === 0 ? 0 : 1
    } else {
      const cleared = await health.store.update((state) => {
        const ids = Object.keys(state.members).filter((id) => !member || id === member || id.startsWith(`${member}#`))
        for (const id of ids) delete state.members[id]
        return ids
      })
      console.log(cleared.length === 0 ? "no cooldowns to clear" : `cleared: ${cleared.join(", ")}`)
    }
  } finally {
    await health.close()
  }
} catch (error) {
  console.error(`opencode-model-pool: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
