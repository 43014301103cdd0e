#!/usr/bin/env node
// Runs a root script with Bun on a machine that may have only Node and npm: installs Bun from npm into
// .tools/ when none is on the PATH, installs the workspace from the frozen lockfile, then runs the script.
// Usage: node scripts/bun.mjs <script> [args...]
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"
import { delimiter, dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const BUN_VERSION = "1.4.5"
const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const localBun = join(root, ".tools", "node_modules", ".bin", process.platform === "win32" ? "bun.cmd" : "bun")

function works(command) {
  const result = spawnSync(command, ["--version"], { encoding: "utf8" })
  return result.status === 0
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env })
  if (result.error) throw result.error
  return result.status ?? 1
}

function findBun() {
  if (works("bun")) return "bun"
  if (existsSync(localBun) && works(localBun)) return localBun
  console.error(`Bun is not installed: installing bun@${BUN_VERSION} from npm into .tools/`)
  const status = run("npm", [
    "install",
    "--no-save",
    "--no-package-lock",
    "--no-audit",
    "--no-fund",
    "--prefix",
    ".tools",
    `bun@${BUN_VERSION}`,
  ])
  if (status !== 0 || !works(localBun)) {
    console.error("Could not install Bun from npm; install it by hand (npm install -g bun) and run again.")
    process.exit(status || 1)
  }
  return localBun
}

const [script, ...args] = process.argv.slice(2)
if (!script) {
  console.error("usage: node scripts/bun.mjs <script> [args...]")
  process.exit(2)
}
const bun = findBun()
const env = {
  ...process.env,
  PATH: bun === "bun" ? process.env.PATH : `${dirname(localBun)}${delimiter}${process.env.PATH ?? ""}`,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
}
const installed = run(bun, ["install", "--frozen-lockfile"], env)
if (installed !== 0) process.exit(installed)
process.exit(run(bun, ["run", script, ...args], env))
