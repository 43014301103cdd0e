// Cooldowns shared across machines: OpenCode processes with separate state folders (as on two machines) share
// one Redis server, and a Redis that dies or hangs mid-run never fails or holds up a call.
import { afterEach, beforeEach, describe, expect, test } from "bun:test"
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { REDIS_SERVER, startRedisServer, type RedisServer } from "@model-pool/fake-provider/redis-server"
import { answerOf, opencodeBinary } from "./opencode.ts"
import { KEYS, scenario, type Scenario } from "./scenario.ts"

const E2E = 120_000
const PASSWORD = "redis-e2e-password-7c1f09"

let redis: RedisServer | undefined

beforeEach(async () => {
  if (REDIS_SERVER) redis = await startRedisServer({ password: PASSWORD })
})

afterEach(async () => {
  await redis?.stop()
  redis = undefined
})

/** A pooled build agent whose plugin options put health on the test's Redis server. */
function configure(s: Scenario) {
  s.configure({
    plugin: [
      [
        new URL("../src/index.ts", import.meta.url).href,
        // A generous bound: the machine running the suite may be loaded; a hung server still fails over.
        { health: { store: "redis", url: "{env:MODEL_POOL_REDIS_URL}", namespace: "e2e", timeout_ms: 2_000 } },
      ],
    ],
    agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } },
  })
}

function machine(script: Parameters<typeof scenario>[0]) {
  return scenario(script, { MODEL_POOL_REDIS_URL: redis!.url })
}

/** The notices a run told the user (`[model-pool] ...` on stderr, what the TUI shows as toasts) that say `text`. */
function toasts(stderr: string, text: string): string[] {
  return stderr.split("\n").filter((line) => line.startsWith("[model-pool]") && line.includes(text))
}

/** Every file under `dir`, read as text. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
}

/** Every key the server holds, with its value, as text (through redis-cli, which comes with redis-server). */
function dump(server: RedisServer): string {
  const cli = (...args: string[]) =>
    spawnSync("redis-cli", ["-p", String(server.port), "-a", PASSWORD, "--no-auth-warning", ...args], {
      encoding: "utf8",
    }).stdout
  const keys = cli("--scan").split("\n").filter(Boolean)
  expect(keys.length).toBeGreaterThan(0)
  return keys
    .map((key) => {
      const type = cli("TYPE", key).trim()
      const value = type === "hash" ? cli("HGETALL", key) : type === "set" ? cli("SMEMBERS", key) : cli("GET", key)
      return `${key} ${value}`
    })
    .join("\n")
}

const describeRedis = REDIS_SERVER ? describe : describe.skip

describeRedis("a Redis health store shared by OpenCode processes on different machines", () => {
  test(
    "the second machine sends nothing to the member the first saw rate-limited",
    async () => {
      await using first = await machine({
        "gpt-main": { kind: "rate_limit", retry_after_s: 600 },
        "gpt-b": { kind: "text", text: "first machine" },
      })
      configure(first)
      const one = await first.ask("hello")
      expect(one.code).toBe(0)
      expect(answerOf(one)).toBe("first machine")
      expect(first.calls()).toEqual(["openai:gpt-main", "openai:gpt-b"])

      // Its own state folder, its own fake provider: only Redis connects the two.
      await using second = await machine({
        "gpt-main": { kind: "text", text: "the primary" },
        "gpt-b": { kind: "text", text: "second machine" },
      })
      configure(second)
      const two = await second.ask("hello")
      expect(two.code).toBe(0)
      expect(answerOf(two)).toBe("second machine")
      expect(second.calls()).toEqual(["openai:gpt-b"])
      expect(two.stderr).toContain("alpha/gpt-main is cooling down")

      // No credential in Redis, in either machine's files, or in what they printed.
      const stored = dump(redis!)
      for (const secret of [PASSWORD, ...Object.values(KEYS)]) {
        expect(stored).not.toContain(secret)
        for (const box of [first.box, second.box]) {
          for (const text of filesUnder(join(box.root, "state"))) expect(text).not.toContain(secret)
          for (const text of filesUnder(box.logDir)) expect(text).not.toContain(PASSWORD)
        }
        expect(one.stdout + one.stderr + two.stdout + two.stderr).not.toContain(PASSWORD)
      }
    },
    E2E,
  )

  test(
    "killed mid-run, Redis fails no call: the pool carries on with the local state file and says so once",
    async () => {
      await using s = await machine({
        "gpt-main": [
          { kind: "text", text: "while Redis is up" },
          { kind: "rate_limit", retry_after_s: 600 },
        ],
        "gpt-b": { kind: "text", text: "after Redis died" },
      })
      configure(s)
      const before = await s.ask("hello")
      expect(answerOf(before)).toBe("while Redis is up")
      await redis!.stop()
      const after = await s.ask("again")
      expect(after.code).toBe(0)
      expect(answerOf(after)).toBe("after Redis died")
      const told = toasts(after.stderr, "does not answer")
      expect(told).toHaveLength(1)
      expect(told[0]).not.toContain(PASSWORD)
      const local = JSON.parse(readFileSync(s.box.stateFile, "utf8")) as { members: Record<string, unknown> }
      expect(Object.keys(local.members)).toContain("alpha/gpt-main")
    },
    E2E,
  )

  test(
    "a Redis that hangs holds up no call: each waits at most its bound, then the state file stands in",
    async () => {
      await using s = await machine({
        "gpt-main": { kind: "rate_limit", retry_after_s: 600 },
        "gpt-b": { kind: "text", text: "despite a hung Redis" },
      })
      configure(s)
      redis!.pause()
      try {
        const result = await s.ask("hello")
        expect(result.code).toBe(0)
        expect(answerOf(result)).toBe("despite a hung Redis")
        expect(toasts(result.stderr, "does not answer")).toHaveLength(1)
      } finally {
        redis!.resume()
      }
    },
    E2E,
  )

  test(
    "the doctor names the Redis store without its password, says whether it answers, and shows its cooldowns",
    async () => {
      await using first = await machine({
        "gpt-main": { kind: "rate_limit", retry_after_s: 600 },
        "gpt-b": { kind: "text", text: "first machine" },
      })
      configure(first)
      expect((await first.ask("hello")).code).toBe(0)
      // Another machine's doctor: its own state folder, the same Redis.
      await using second = await machine({})
      configure(second)
      const cli = join(import.meta.dir, "..", "src", "cli.ts")
      const doctor = () => second.box.command([process.execPath, cli, "doctor", "--opencode", opencodeBinary()])
      const up = await doctor()
      expect(up.code).toBe(0)
      expect(up.stdout).toContain(`health store: redis redis://127.0.0.1:${redis!.port} (namespace e2e)`)
      expect(up.stdout).toMatch(/\d\. alpha\/gpt-main  cooling \d+s \(rate_limit/)
      expect(up.stdout + up.stderr).not.toContain(PASSWORD)
      await redis!.stop()
      const down = await doctor()
      expect(down.code).toBe(1)
      expect(down.stdout).toContain("the health store does not answer (")
      expect(down.stdout + down.stderr).not.toContain(PASSWORD)
    },
    E2E,
  )
})
