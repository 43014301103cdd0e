import { join } from "node:path"

/** OpenCode's auth.json, where `opencode auth login` and auth plugins keep credentials. */
export function authFilePath(env: Record<string, string | undefined> = process.env): string {
  const data = env.XDG_DATA_HOME || join(env.HOME ?? "", ".local", "share")
  return join(data, "opencode", "auth.json")
}
