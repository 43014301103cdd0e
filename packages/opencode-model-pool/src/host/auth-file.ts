import { readFileSync } from "node:fs"
import { join } from "node:path"

/** OpenCode's auth.json, where `opencode auth login` and auth plugins keep credentials. */
export function authFilePath(env: Record<string, string | undefined> = process.env): string {
  const data = env.XDG_DATA_HOME || join(env.HOME ?? "", ".local", "share")
  return join(data, "opencode", "auth.json")
}

/** One login of auth.json: `type` is `api`, `oauth`, ...; the rest is the credential. */
export type AuthEntry = Record<string, unknown>

/**
 * Every entry of an auth.json, by provider ID, read fresh each time (an auth plugin writes a refreshed token
 * there); none when the file is missing or damaged.
 */
export function readAuthEntries(file: string): Record<string, AuthEntry | undefined> {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, AuthEntry | undefined>
  } catch {
    return {}
  }
}
