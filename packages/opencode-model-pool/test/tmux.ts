// Drives the real TUI in tmux, as a person would: start it, type into it, read the screen.
import { rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { opencodeBinary } from "./opencode.ts"
import type { Scenario } from "./scenario.ts"

/** tmux is a Debian package, not an npm one: `.ci/run` installs it; elsewhere the TUI tests are skipped. */
export const HAS_TMUX = Bun.which("tmux") !== null

let servers = 0

/**
 * A tmux server of the test's own, on its own socket, that stays up with no session in it. tmux's default
 * server exits with its last session, and a session started while it exits fails ("server exited
 * unexpectedly"); a private server that outlives its sessions has no such race, and never touches the
 * user's own tmux.
 */
export class TmuxServer implements Disposable {
  readonly socket = join(tmpdir(), `ocmp-tmux-${process.pid}-${++servers}`)

  constructor() {
    this.run("-f", "/dev/null", "start-server", ";", "set-option", "-g", "exit-empty", "off")
  }

  run(...args: string[]): string {
    const result = Bun.spawnSync(["tmux", "-S", this.socket, ...args], { stdout: "pipe", stderr: "pipe" })
    if (result.exitCode !== 0) throw new Error(`tmux ${args.join(" ")} failed: ${result.stderr.toString()}`)
    return result.stdout.toString()
  }

  /** Starts the TUI of the scenario's sandbox in a detached session of 200x50. */
  startTui(s: Scenario, name: string, args: string[]): void {
    const env = Object.entries(s.box.env).map(([key, value]) => `${key}=${value}`)
    this.run(
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

  /** Types a line into the session and presses Enter. */
  type(name: string, line: string): void {
    this.run("send-keys", "-t", name, line, "Enter")
  }

  /** Ends a session and the TUI in it; the server stays up. */
  kill(name: string): void {
    this.run("kill-session", "-t", name)
  }

  /**
   * Polls the screen until every `wanted` text is on it (bounded by tries, not by a time the assertion depends
   * on), and returns the screen's text with the borders and line breaks of boxes folded into spaces.
   */
  async screenWith(name: string, ...wanted: string[]): Promise<string> {
    let screen = ""
    for (let tries = 0; tries < 480 && !wanted.every((text) => screen.includes(text)); tries++) {
      await Bun.sleep(250)
      screen = this.run("capture-pane", "-p", "-t", name).replace(/[┃│\s]+/g, " ")
    }
    return screen
  }

  [Symbol.dispose](): void {
    Bun.spawnSync(["tmux", "-S", this.socket, "kill-server"], { stdout: "ignore", stderr: "ignore" })
    rmSync(this.socket, { force: true })
  }
}
