import { describe, expect, test } from "bun:test"
import { answerOf } from "./opencode.ts"
import { scenario } from "./scenario.ts"

const E2E = 120_000

const FORMATS = {
  openai: "alpha/gpt-main",
  anthropic: "anthropic/claude-sonnet-4-5",
  google: "google/gemini-2.5-flash",
} as const

const apiID = (member: string) => member.slice(member.indexOf("/") + 1)

describe("fallback at any step of a tool loop, across wire formats", () => {
  const names = Object.keys(FORMATS) as (keyof typeof FORMATS)[]
  for (const from of names)
    for (const to of names.filter((name) => name !== from)) {
      const last = names.find((name) => name !== from && name !== to)!
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
          await using s = await scenario(
            {
              [apiID(primary)]: [bash("echo one"), { kind: "rate_limit", retry_after_s: 600 }],
              [apiID(second)]: [bash("echo two"), { kind: "stream_error" }],
              [apiID(third)]: { kind: "text", reasoning: "done", text: "all steps answered" },
            },
            {},
            { strict: true },
          )
          s.configure({ agent: { build: { models: [primary, second, third] } } })
          const result = await s.ask("run the commands")
          expect(result.code).toBe(0)
          expect(answerOf(result)).toBe("all steps answered")
          // Every member has its key (Google's comes from one of its two environment variables).
          expect(result.stderr).not.toContain("has no credentials")
          const format = (member: string) =>
            member.startsWith("alpha") ? "openai" : member.slice(0, member.indexOf("/"))
          const call = (member: string) => `${format(member)}:${apiID(member)}`
          expect(s.calls()).toEqual([call(primary), call(primary), call(second), call(second), call(third)])
          expect(s.fake.requests.filter((request) => request.rejected)).toEqual([])
          const session = await s.exportOf(result)
          const tools = session.messages.flatMap((message) =>
            message.parts
              .filter((part) => part.type === "tool")
              .map((part) => (part.state as { output?: string }).output),
          )
          expect(tools).toEqual(["one\n", "two\n"])
        },
        E2E,
      )
    }

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
