// The real TUI, driven in tmux as a person would see it: the notice of who answered must be on the screen.
import { describe, expect, test } from "bun:test"
import { scenario } from "./scenario.ts"
import { HAS_TMUX, TmuxServer } from "./tmux.ts"

describe("the TUI", () => {
  test.skipIf(!HAS_TMUX)(
    "after a two-hop fallback, one notice names the member that answered and each failed member with its reason",
    async () => {
      await using s = await scenario(
        {
          "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
          "claude-sonnet-4-5": { kind: "overloaded" },
          "gpt-b": { kind: "text", text: "the TUI got its answer" },
          "*": { kind: "text" },
        },
        { TERM: "xterm-256color" },
      )
      s.configure({
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5", "beta/gpt-b"] } },
      })
      using tmux = new TmuxServer()
      tmux.startTui(s, "tui", ["--prompt", "hello"])
      const text = await tmux.screenWith("tui", "the TUI got its answer", "Model pool", "answered by")
      expect(text).toContain("the TUI got its answer")
      expect(text).toContain("Model pool")
      expect(text).toContain("answered by beta/gpt-b;")
      expect(text).toContain("alpha/gpt-main rate limit,")
      expect(text).toContain("anthropic/claude-sonnet-4-5 overloaded")
      // The hops are in the log, not in toasts that replace each other.
      expect(text).not.toContain(" -> ")
    },
    180_000,
  )
})
