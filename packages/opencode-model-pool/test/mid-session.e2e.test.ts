import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { forgetHealth } from "./health-state.ts"
import { answerOf } from "./opencode.ts"
import { scenario, type Scenario } from "./scenario.ts"
import { RUN_SESSION, startServer, type Server } from "./serve.ts"

const E2E = 120_000

const FORMATS = {
  openai: "alpha/gpt-main",
  anthropic: "anthropic/claude-sonnet-4-5",
  google: "google/gemini-2.5-flash",
} as const

const apiID = (member: string) => member.slice(member.indexOf("/") + 1)

describe("fallback at any step of a tool loop, across wire formats", () => {
  const names = Object.keys(FORMATS) as (keyof typeof FORMATS)[]
  const orders = names.flatMap((from) =>
    names
      .filter((to) => to !== from)
      .map((to) => ({ from, to, last: names.find((name) => name !== from && name !== to)! })),
  )
  // One served OpenCode for the six orders, an agent and a fresh session each, the health state cleared between.
  let s: Scenario
  let server: Server
  beforeAll(async () => {
    s = await scenario({}, {}, { strict: true })
    s.configure({
      agent: Object.fromEntries(
        orders.map(({ from, to, last }) => [
          `${from}-${to}`,
          { mode: "primary", models: [FORMATS[from], FORMATS[to], FORMATS[last]] },
        ]),
      ),
    })
    server = await startServer(s, { logs: true })
    // Bun's hook timeout is 5 s; a loaded machine starts OpenCode more slowly than that.
  }, 60_000)
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]()
    await s?.[Symbol.asyncDispose]()
  })

  for (const { from, to, last } of orders)
    test(
      `${from} -> ${to}: a 429 at step 2 and an in-stream error at step 3 are answered, each tool runs once`,
      async () => {
        const [primary, second, third] = [FORMATS[from], FORMATS[to], FORMATS[last]]
        const bash = (command: string) => ({
          kind: "tool_call" as const,
          reasoning: `run ${command}`,
          name: "bash",
          input: { command, description: command },
        })
        forgetHealth(s.box.stateFile)
        s.fake.setScript({
          [apiID(primary)]: [bash("echo one"), { kind: "rate_limit", retry_after_s: 600 }],
          [apiID(second)]: [bash("echo two"), { kind: "stream_error" }],
          [apiID(third)]: { kind: "text", reasoning: "done", text: "all steps answered" },
        })
        s.fake.reset()
        const session = await server.session(s.box.project, RUN_SESSION)
        const reply = await server.reply(s.box.project, session, `${from}-${to}`, "run the commands")
        expect(reply.text).toBe("all steps answered")
        // Every member has its key (Google's comes from one of its two environment variables).
        expect(server.logs()).not.toContain("has no credentials")
        const format = (member: string) =>
          member.startsWith("alpha") ? "openai" : member.slice(0, member.indexOf("/"))
        const call = (member: string) => `${format(member)}:${apiID(member)}`
        expect(s.calls()).toEqual([call(primary), call(primary), call(second), call(second), call(third)])
        expect(s.fake.requests.filter((request) => request.rejected)).toEqual([])
        const tools = (await server.messages(s.box.project, session)).flatMap((message) =>
          message.parts
            .filter((part) => part.type === "tool")
            .map((part) => (part.state as { output?: string }).output),
        )
        expect(tools).toEqual(["one\n", "two\n"])
      },
      E2E,
    )
})

describe("a member taking over another's transcript", () => {
  test(
    "a Gemini 3 member takes over a tool loop another model started",
    async () => {
      await using s = await scenario(
        {
          "gpt-main": [
            { kind: "tool_call", name: "bash", input: { command: "echo one", description: "one" } },
            { kind: "rate_limit", retry_after_s: 600 },
          ],
          "gemini-3.1-pro-preview": { kind: "text", reasoning: "done", text: "gemini 3 finished it" },
        },
        {},
        { strict: true },
      )
      s.configure({ agent: { build: { models: ["alpha/gpt-main", "google/gemini-3.1-pro-preview"] } } })
      const result = await s.ask("run it")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("gemini 3 finished it")
      expect(s.fake.requests.filter((request) => request.rejected)).toEqual([])
    },
    E2E,
  )

  test(
    "a transcript a member still rejects after shaping ends the turn with an error naming that member and why",
    async () => {
      const id = `toolu_${"a".repeat(45)}`
      await using s = await scenario(
        {
          "claude-sonnet-4-5": [
            { kind: "tool_call", id, name: "bash", input: { command: "echo one", description: "one" } },
            { kind: "rate_limit", retry_after_s: 600 },
          ],
          "*": { kind: "text" },
        },
        {},
        { strict: true },
      )
      s.configure({ agent: { build: { models: ["anthropic/claude-sonnet-4-5", "alpha/gpt-main"] } } })
      const result = await s.ask("run it")
      expect(result.code).not.toBe(0)
      const rejected = s.fake.requests.find((request) => request.rejected)
      expect(rejected?.model).toBe("gpt-main")
      expect(result.stdout + result.stderr).toContain(`alpha/gpt-main: other (400)`)
      expect(result.stdout + result.stderr).toContain(rejected!.rejected!.slice(0, 40))
      // The session and its first step are kept.
      const session = await s.exportOf(result)
      const outputs = session.messages.flatMap((message) =>
        message.parts.filter((part) => part.type === "tool").map((part) => (part.state as { output?: string }).output),
      )
      expect(outputs).toEqual(["one\n"])
    },
    E2E,
  )
})
