// Every `json` example of the README and the user guide is a whole opencode.json: each is loaded and run with
// the real opencode binary, its providers pointed at the loopback provider, and each pool is made to fall back.
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { PLUGIN } from "./opencode.ts"
import { scenario, type Scenario } from "./scenario.ts"
import { forgetHealth } from "./health-state.ts"
import { projectFolder, RUN_SESSION, startServer, type Server } from "./serve.ts"
import { REDIS_SERVER, startRedisServer } from "@model-pool/fake-provider/redis-server"

const ROOT = join(import.meta.dir, "..", "..", "..")
const DOCUMENTS = ["README.md", join("docs", "guide.md")]

type Config = Record<string, unknown> & {
  plugin?: unknown[]
  agent?: Record<string, Record<string, unknown>>
  provider?: Record<string, Record<string, unknown>>
}

const ROUTES: Record<string, string> = {
  openai: "openai/v1",
  anthropic: "anthropic/v1",
  google: "google/v1beta",
  openrouter: "openrouter/v1",
}

function examples(): { name: string; config: Config }[] {
  return DOCUMENTS.flatMap((document) =>
    [...readFileSync(join(ROOT, document), "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map((block, index) => ({
      name: `${document} example ${index + 1}`,
      config: JSON.parse(block[1] ?? "") as Config,
    })),
  )
}

/** The plugin entry from this checkout instead of the npm name or placeholder path, options kept. */
function withLocalPlugin(config: Config): Config {
  const plugin = (config.plugin ?? []).map((entry) => {
    const spec = Array.isArray(entry) ? entry[0] : entry
    if (typeof spec !== "string" || !spec.includes("opencode-model-pool")) return entry
    return Array.isArray(entry) ? [PLUGIN, entry[1]] : PLUGIN
  })
  return { ...config, plugin: plugin.length > 0 ? plugin : [PLUGIN] }
}

/** The runs an example asks for: each primary agent with a pool, or the default agent. */
function runs(config: Config): { agent: string | undefined; members: string[] }[] {
  const pools =
    (
      (config.plugin ?? []).find(Array.isArray) as
        [string, { pools?: Record<string, { models: string[] }> }] | undefined
    )?.[1]?.pools ?? {}
  const membersOf = (model: unknown, agent: Record<string, unknown> = {}): string[] => {
    if (typeof model === "string" && model.startsWith("pool/")) return pools[model.slice(5)]?.models ?? []
    if (Array.isArray(agent.models)) return agent.models as string[]
    return typeof model === "string" ? [model, ...((agent.fallbacks as string[] | undefined) ?? [])] : []
  }
  const agents = Object.entries(config.agent ?? {})
    .filter(([, agent]) => agent.mode !== "subagent")
    .map(([name, agent]) => ({ agent: name, members: membersOf(agent.model ?? config.model, agent) }))
  if (agents.length > 0) return agents
  return [{ agent: undefined, members: membersOf(config.model) }]
}

function envFor(text: string): Record<string, string> {
  const names = [...text.matchAll(/\{env:([A-Za-z0-9_]+)\}/g)].map((match) => match[1] ?? "")
  return Object.fromEntries(
    [...names, "OPENAI_API_KEY", "OPENROUTER_API_KEY"].map((name, index) => [name, `example-key-${index}`]),
  )
}

/** The variable an example's Redis health store takes its url from (`"url": "{env:NAME}"`), if it has one. */
function redisUrlVariable(config: Config): string | undefined {
  const options = (
    (config.plugin ?? []).find(Array.isArray) as [string, { health?: { url?: string } }] | undefined
  )?.[1]
  return /^\{env:([A-Za-z0-9_]+)\}$/.exec(options?.health?.url ?? "")?.[1]
}

/** What the plugin says at start-up when a config has a mistake; none of it may appear for an example. */
const CONFIG_PROBLEM =
  /is not one of|is not a known key|is required|must start with|left out of the pool|reserved for named pools|does not answer|unknown key; did you mean|configured or known to OpenCode|the config does not list it|in the config has no/

/**
 * One `opencode serve` for every example, each in a project folder of its own with the example as its
 * opencode.json, as a user would place it; the sandbox's own config holds no plugin. Each run of an example (an
 * agent's turn, then its fallback) is a new session in its folder, as each `opencode run` would be. The health state
 * is cleared before each example, so no example meets another's cooldowns.
 */
describe("every example in the README and the user guide runs", () => {
  const all = examples()
  const needsRedis = all.some(({ config }) => redisUrlVariable(config) !== undefined)
  let s: Scenario
  let server: Server
  let redis: (AsyncDisposable & { url: string }) | undefined

  /** A project folder holding `config`, its providers pointed at the loopback provider. */
  function project(name: string, config: Config): string {
    const runnable = withLocalPlugin(config)
    const provider = { ...runnable.provider }
    for (const [id, route] of Object.entries(ROUTES))
      provider[id] = {
        ...provider[id],
        options: { ...(provider[id]?.options as object), baseURL: `${s.fake.url}/${route}` },
      }
    const dir = join(s.box.root, "examples", name.replaceAll(/[^a-z0-9]+/gi, "-"))
    return projectFolder(dir, { model: "anthropic/claude-haiku-4-5", ...runnable, provider })
  }

  /** Runs `ask` in a fresh project folder for `config`; returns the log lines the server wrote meanwhile. */
  async function served(
    name: string,
    config: Config,
    ask: (prompt: (agent: string | undefined, text: string) => Promise<string>) => Promise<void>,
  ): Promise<string> {
    forgetHealth(s.box.stateFile)
    s.fake.setScript({ "*": { kind: "text" } })
    const directory = project(name, config)
    const from = server.logs().length
    await ask(async (agent, text) => {
      const session = await server.session(directory, RUN_SESSION)
      return (await server.reply(directory, session, agent, text)).text
    })
    return server.logs().slice(from)
  }

  beforeAll(async () => {
    redis = needsRedis && REDIS_SERVER ? await startRedisServer() : undefined
    const env = Object.assign({}, ...all.map(({ config }) => envFor(JSON.stringify(config)))) as Record<string, string>
    for (const { config } of all) {
      const variable = redisUrlVariable(config)
      if (variable !== undefined && redis) env[variable] = redis.url
    }
    s = await scenario({ "*": { kind: "text" } }, env)
    s.box.writeConfig({ plugin: [] })
    server = await startServer(s, { logs: true })
  }, 60_000)
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]()
    await s?.[Symbol.asyncDispose]()
    await redis?.[Symbol.asyncDispose]()
  })

  // The check below is only as good as its pattern: a config with a misspelt pool key, served the same way, must
  // show a start-up problem in the logs it reads.
  test("a served config with a mistake shows it in the logs the examples are checked against", async () => {
    const config = {
      model: "openai/gpt-5",
      plugin: [["opencode-model-pool", { pools: { fast: { models: ["openai/gpt-5"], strategie: "sequential" } } }]],
    }
    const logs = await served("control", config, async (prompt) => {
      expect(await prompt(undefined, "hello")).toBe("ok from gpt-5")
    })
    expect(logs).toMatch(CONFIG_PROBLEM)
  }, 60_000)

  for (const { name, config } of all) {
    // An example that shares health on Redis runs against a real server; without redis-server it is reported as
    // skipped, with the reason in its name.
    const noRedis = redisUrlVariable(config) !== undefined && !REDIS_SERVER
    if (noRedis) console.warn(`redis-server is not installed: ${name} (a Redis example) is skipped`)
    test.skipIf(noRedis)(
      noRedis ? `${name} (skipped: redis-server is not installed)` : name,
      async () => {
        const logs = await served(name, config, async (prompt) => {
          for (const run of runs(withLocalPlugin(config))) {
            s.fake.setScript({ "*": { kind: "text" } })
            const answered = (await prompt(run.agent, "hello")).replace("ok from ", "")
            if (run.members.length === 0) continue
            expect(run.members.find((candidate) => candidate.endsWith(`/${answered}`))).toBeDefined()
            if (run.members.length < 2) continue
            // The member that answered is now rate-limited: the pool must answer from another member.
            s.fake.setScript({ [answered]: { kind: "rate_limit", retry_after_s: 60 }, "*": { kind: "text" } })
            const other = (await prompt(run.agent, "again")).replace("ok from ", "")
            expect(other).not.toBe(answered)
            expect(run.members.some((candidate) => candidate.endsWith(`/${other}`))).toBe(true)
          }
        })
        expect(logs).not.toMatch(CONFIG_PROBLEM)
      },
      120_000,
    )
  }
})
