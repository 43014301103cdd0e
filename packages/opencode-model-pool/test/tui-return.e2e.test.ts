// The TUI returns to the primary once its cooldown is over, in a live session and in one entered again. The
// cooldown is written to the state file by the test, so no step waits for real time to pass.
import { describe, expect, test } from "bun:test"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { scenario, type Scenario } from "./scenario.ts"
import { HAS_TMUX, TmuxServer } from "./tmux.ts"

const PRIMARY = "alpha/gpt-main"

/** Writes the health state: the primary cooling down for an hour, or healthy. */
function primaryCooling(s: Scenario, cooling: boolean): void {
  const now = Date.now()
  const members = cooling
    ? { [PRIMARY]: { until: now + 3_600_000, condition: "rate_limit", failures: 1, quota: false, at: now } }
    : {}
  mkdirSync(dirname(s.box.stateFile), { recursive: true })
  writeFileSync(s.box.stateFile, JSON.stringify({ version: 1, members, cursors: {} }))
}

/** Waits (bounded by tries) until the fake provider has more than `count` requests. */
async function requestsAfter(s: Scenario, count: number): Promise<void> {
  for (let tries = 0; tries < 480 && s.fake.requests.length <= count; tries++) await Bun.sleep(250)
}

const lastModel = (s: Scenario) => s.fake.requests.filter((request) => request.model !== "small").at(-1)?.model

describe("the TUI after a cooldown", () => {
  test.skipIf(!HAS_TMUX)(
    "the next turn starts on the primary again, in the live session and after the session is entered again",
    async () => {
      await using s = await scenario(
        { "gpt-main": { kind: "text", text: "primary answered" }, "gpt-b": { kind: "text", text: "backup answered" } },
        { TERM: "xterm-256color" },
      )
      s.configure({ agent: { build: { model: PRIMARY, fallbacks: ["beta/gpt-b"] } } })
      using tmux = new TmuxServer()
      primaryCooling(s, true)
      tmux.startTui(s, "first", ["--prompt", "first turn"])
      expect(await tmux.screenWith("first", "backup answered")).toContain("backup answered")
      expect(lastModel(s)).toBe("gpt-b")
      // Live session: the cooldown is over before the next turn.
      primaryCooling(s, false)
      tmux.type("first", "second turn")
      expect(await tmux.screenWith("first", "primary answered")).toContain("primary answered")
      expect(lastModel(s)).toBe("gpt-main")
      // A turn moved to the backup is the session's last turn when the TUI closes.
      primaryCooling(s, true)
      const before = s.fake.requests.length
      tmux.type("first", "third turn")
      expect(await tmux.screenWith("first", "is cooling down")).toContain("alpha/gpt-main is cooling down")
      await requestsAfter(s, before)
      expect(lastModel(s)).toBe("gpt-b")
      tmux.kill("first")
      // Entered again once the cooldown is over: the TUI sends the last turn's model, the pool plans again.
      primaryCooling(s, false)
      const requests = s.fake.requests.length
      tmux.startTui(s, "again", ["--continue"])
      await tmux.screenWith("again", "third turn")
      tmux.type("again", "fourth turn")
      // The toast shows for a few seconds: watch for it while the turn runs.
      expect(await tmux.screenWith("again", "available again")).toContain("alpha/gpt-main is available again")
      await requestsAfter(s, requests)
      expect(lastModel(s)).toBe("gpt-main")
    },
    240_000,
  )
})
