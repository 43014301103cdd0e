// The real TUI, driven in tmux as a person would see it: the fallback toast must be on the screen.
import { describe, expect, test } from "bun:test"
import { opencodeBinary } from "./opencode.ts"
import { scenario } from "./scenario.ts"

function tmux(...args: string[]): string {
  const result = Bun.spawnSync(["tmux", ...args], { stdout: "pipe", stderr: "pipe" })
  if (result.exitCode !== 0) throw new Error(`tmux ${args[0]} failed: ${result.stderr.toString()}`)
  return result.stdout.toString()
}

// tmux is a Debian package, not an npm one: `.ci/run` installs it; elsewhere the test says it was skipped.
const HAS_TMUX = Bun.which("tmux") !== null

describe("the TUI", () => {
  test.skipIf(!HAS_TMUX)(
    "shows a toast saying from -> to (reason) when the turn falls back",
    async () => {
      await using s = await scenario(
        {
          "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
          "claude-sonnet-4-5": { kind: "text", text: "the TUI got its answer" },
          "*": { kind: "text" },
        },
        { TERM: "xterm-256color" },
      )
      s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } } })
      const session = `ocmp-tui-${process.pid}`
      const env = Object.entries(s.box.env).map(([name, value]) => `${name}=${value}`)
      tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "200",
        "-y",
        "50",
        "-c",
        s.box.project,
        "env",
        ...env,
        opencodeBinary(),
        "--prompt",
        "hello",
      )
      try {
        let screen = ""
        for (
          let tries = 0;
          tries < 480 && !(screen.includes("the TUI got its answer") && screen.includes("Model pool"));
          tries++
        ) {
          await Bun.sleep(250)
          screen = tmux("capture-pane", "-p", "-t", session)
        }
        const text = screen.replace(/[┃│\s]+/g, " ")
        expect(text).toContain("the TUI got its answer")
        expect(text).toContain("Model pool")
        expect(text).toContain("alpha/gpt-main -> anthropic/claude-sonnet-4-5 (")
        expect(text).toContain("rate_limit)")
      } finally {
        tmux("kill-session", "-t", session)
      }
    },
    180_000,
  )
})
