// One `opencode serve` process holds an instance per directory, each with its own config and its own plugin
// instance: each directory's pools must run with that directory's runtime, and a session keeps no pool of an
// earlier turn once its agent has none.
import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { projectFolder, startServer } from "./serve.ts"
import { scenario, type Scenario } from "./scenario.ts"

const E2E = 150_000

/** A project folder with its own opencode.json, as a second checkout on the same machine would have. */
function project(s: Scenario, name: string, agent: Record<string, unknown>): string {
  return projectFolder(join(s.box.root, name), { agent })
}

describe("one opencode server, several directories", () => {
  test(
    "each directory's pool falls back with its own members, whichever directory was configured last",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_s: 60 },
        "gpt-b": { kind: "text", text: "pool of A" },
        "gpt-cheap": { kind: "rate_limit", retry_after_s: 60 },
        "gpt-tiny": { kind: "text", text: "pool of B" },
      })
      s.configure({})
      const a = project(s, "a", { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } })
      const b = project(s, "b", { build: { model: "alpha/gpt-cheap", fallbacks: ["beta/gpt-tiny"] } })
      await using server = await startServer(s)
      // Both instances exist before either turn runs, so the later one has configured last.
      const [inA, inB] = [await server.session(a), await server.session(b)]
      expect(await server.prompt(a, inA, "build", "hello")).toBe("pool of A")
      expect(await server.prompt(b, inB, "build", "hello")).toBe("pool of B")
      expect(s.calls().filter((call) => !call.includes("small"))).toEqual([
        "openai:gpt-main",
        "openai:gpt-b",
        "openai:gpt-cheap",
        "openai:gpt-tiny",
      ])
    },
    E2E,
  )

  test(
    "a later turn of the session on an agent without a pool runs its model alone, though that model is in the earlier turn's pool",
    async () => {
      await using s = await scenario({ "gpt-main": { kind: "text", text: "pooled turn" } })
      s.configure({})
      const dir = project(s, "a", {
        build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] },
        // No pool: one of build's fallbacks, alone.
        plan: { model: "beta/gpt-b" },
      })
      await using server = await startServer(s)
      const session = await server.session(dir)
      expect(await server.prompt(dir, session, "build", "hello")).toBe("pooled turn")
      s.fake.setScript({ "gpt-b": { kind: "model_not_found" }, "gpt-main": { kind: "text", text: "the old pool" } })
      const before = s.calls().length
      // As in stock OpenCode: the model's own failure, and no fallback into the pool of the earlier turn.
      await server.prompt(dir, session, "plan", "again").catch(() => "")
      expect(s.calls().slice(before)).toEqual(["openai:gpt-b"])
    },
    E2E,
  )
})
