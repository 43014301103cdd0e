#!/usr/bin/env node
// `opencode-model-pool doctor` checks the pools of the OpenCode config in the current folder;
// `opencode-model-pool reset [member]` clears cooldowns. `--opencode PATH` names the opencode binary.
import { spawnSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import { loadProviderPackages } from "./build-model.ts"
import { doctorReport, pluginEntry, type ResolvedConfig } from "./doctor/report.ts"
import { openHealthStore } from "./health-store.ts"
import { READ_ONLY_ENV } from "./index.ts"
import { SUPPORTED_NPM } from "./member-source.ts"
import { readPoolConfig } from "./read-config.ts"
import { defaultStatePath } from "./state-path.ts"

const USAGE = `usage: opencode-model-pool <command> [--opencode PATH]

commands:
  doctor                  list each pool's members in the order the next turn would try them, and any problem
  reset [provider/model]  clear the cooldowns of every member, or of one

options:
  --opencode PATH         the opencode binary that reads the config (default: $OPENCODE_BIN, else opencode)
  -h, --help              print this help
  --version               print the version`

/** What the command line asks for, or why it asks for nothing this CLI does. */
type Request =
  | { run: "help" }
  | { run: "version" }
  | { run: "doctor" | "reset"; binary: string; member: string | undefined }
  | { run: "usage"; problem: string }

function request(argv: string[]): Request {
  const parsed = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          help: { type: "boolean", short: "h" },
          version: { type: "boolean" },
          opencode: { type: "string" },
        },
      })
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  })()
  if (parsed instanceof Error) return { run: "usage", problem: parsed.message }
  if (parsed.values.help) return { run: "help" }
  if (parsed.values.version) return { run: "version" }
  const [command, member, ...rest] = parsed.positionals
  if (command === undefined) return { run: "usage", problem: "no command given" }
  if (command !== "doctor" && command !== "reset") return { run: "usage", problem: `unknown command "${command}"` }
  const extra = command === "doctor" ? [member, ...rest].filter((arg) => arg !== undefined) : rest
  if (extra.length > 0) return { run: "usage", problem: `${command}: unexpected argument "${extra[0]}"` }
  const binary = parsed.values.opencode ?? process.env.OPENCODE_BIN ?? "opencode"
  return { run: command, binary, member }
}

/** The package's own version: its package.json is one folder up from src/ (under Bun) and from dist/ (Node). */
function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
  return manifest.version
}

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

const asked = request(process.argv.slice(2))
if (asked.run === "usage") {
  console.error(`opencode-model-pool: ${asked.problem}\n\n${USAGE}`)
  process.exit(2)
}
if (asked.run === "help") {
  console.log(USAGE)
  process.exit(0)
}
if (asked.run === "version") {
  console.log(version())
  process.exit(0)
}
const { binary, member } = asked
const command = asked.run

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
