// The command line of `opencode-model-pool`: what it asks for, its usage, and the package's version.
import { readFileSync } from "node:fs"
import { parseArgs } from "node:util"
import type { ProbeScope } from "./probe.ts"

export const USAGE = `usage: opencode-model-pool <command> [--opencode PATH]

commands:
  doctor                  list each pool's members in the order the next turn would try them, and any problem
  doctor --probe          also send each member one short real request (a few tokens each) and say how it answered;
                          --pool NAME or --agent NAME probes one pool
  reset [provider/model]  clear the cooldowns of every member, or of one

options:
  --opencode PATH         the opencode binary that reads the config (default: $OPENCODE_BIN, else opencode)
  -h, --help              print this help
  --version               print the version`

/** What the command line asks for, or why it asks for nothing this CLI does. */
export type Request =
  | { run: "help" }
  | { run: "version" }
  | { run: "doctor" | "reset"; binary: string; member: string | undefined; probe?: ProbeScope }
  | { run: "usage"; problem: string }

export function request(argv: string[]): Request {
  const parsed = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          help: { type: "boolean", short: "h" },
          version: { type: "boolean" },
          opencode: { type: "string" },
          probe: { type: "boolean" },
          pool: { type: "string" },
          agent: { type: "string" },
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
  const { probe, pool, agent } = parsed.values
  if (probe && command !== "doctor") return { run: "usage", problem: "--probe is an option of doctor" }
  if (!probe && (pool !== undefined || agent !== undefined))
    return { run: "usage", problem: "--pool and --agent narrow --probe; add --probe" }
  if (pool !== undefined && agent !== undefined) return { run: "usage", problem: "give --pool or --agent, not both" }
  const binary = parsed.values.opencode ?? process.env.OPENCODE_BIN ?? "opencode"
  const scope = { ...(pool === undefined ? {} : { pool }), ...(agent === undefined ? {} : { agent }) }
  return { run: command, binary, member, ...(probe ? { probe: scope } : {}) }
}

/** The package's own version: its package.json is two folders up from src/doctor/ (under Bun) and from dist/doctor/ (Node). */
export function version(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string
  }
  return manifest.version
}
