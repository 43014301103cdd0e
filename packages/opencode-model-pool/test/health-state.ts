// The sandbox's health state as a test rewrites it: time moves through the state the test writes, never a wait.
import { emptyState, type HealthState } from "@model-pool/core"
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

/**
 * Applies `change` to the health state in `file` (an empty state when there is none yet) and writes it as the
 * plugin does: beside the file, then renamed over it, so a running OpenCode sees a new file on its next read.
 */
export function rewriteHealth(file: string, change: (state: HealthState) => void): void {
  const state = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as HealthState) : emptyState()
  change(state)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(`${file}.test`, JSON.stringify(state))
  renameSync(`${file}.test`, file)
}

/** Every cooldown over, as if each window had reset. */
export function expireCooldowns(file: string): void {
  rewriteHealth(file, (state) => {
    for (const record of Object.values(state.members)) record.until = 1
  })
}

/** A healthy pool from scratch: no cooldown, no round-robin position. */
export function forgetHealth(file: string): void {
  rewriteHealth(file, (state) => {
    state.members = {}
    state.cursors = {}
  })
}
