// Drives the real TUI in tmux, as a person would: start it, type into it, read the screen.
import { opencodeBinary } from "./opencode.ts"
import type { Scenario } from "./scenario.ts"

/** tmux is a Debian package, not an npm one: `.ci/run` installs it; elsewhere the TUI tests are skipped. */
export const HAS_TMUX = Bun.which("tmux") !== null

export function tmux(...args: string[]): string {
  const result = Bun.spawnSync(["tmux", ...args], { stdout: "pipe", stderr: "pipe" })
  if (result.exitCode !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr.toString()}`)
  return result.stdout.toString()
}

/** Starts the TUI of the scenario's sandbox in a detached tmux session of 200x50. */
export function startTui(s: Scenario, name: string, args: string[]): void {
  const env = Object.entries(s.box.env).map(([key, value]) => `${key}=${value}`)
  tmux(
    "new-session",
    "-d",
    "-s",
    name,
    "-x",
    "200",
    "-y",
    "50",
    "-c",
    s.box.project,
    "env",
    ...env,
    opencodeBinary(),
    ...args,
  )
}

/**
 * Polls the screen until every `wanted` text is on it (bounded by tries, not by a time the assertion depends
 * on), and returns the screen's text with the borders and line breaks of boxes folded into spaces.
 */
export async function screenWith(name: string, ...wanted: string[]): Promise<string> {
  let screen = ""
  for (let tries = 0; tries < 480 && !wanted.every((text) => screen.includes(text)); tries++) {
    await Bun.sleep(250)
    screen = tmux("capture-pane", "-p", "-t", name).replace(/[┃│\s]+/g, " ")
  }
  return screen
}
