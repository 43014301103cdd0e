import { homedir } from "node:os"
import { join } from "node:path"

/** Where cooldowns are kept when `state_file` is not set: `$XDG_STATE_HOME/opencode-model-pool/health.json`. */
export function defaultStatePath(env: Record<string, string | undefined> = process.env): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), ".local", "state")
  return join(base, "opencode-model-pool", "health.json")
}
