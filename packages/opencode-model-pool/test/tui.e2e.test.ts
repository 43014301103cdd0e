// The real TUI, driven in tmux as a person would see it: the fallback toast must be on the screen.
import { describe, expect, test } from "bun:test"
import { scenario } from "./scenario.ts"
import { HAS_TMUX, screenWith, startTui, tmux } from "./tmux.ts"

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
      startTui(s, session, ["--prompt", "hello"])
      try {
        const text = await screenWith(session, "the TUI got its answer", "Model pool")
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
