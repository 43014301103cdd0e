// Failures the pool sees coming, with the real opencode binary against the loopback provider: a member whose last
// answer said its rate-limit window is spent is sent nothing until the window resets; a member that cannot serve a
// call (too small a window, no picture input) is passed by for a later one; round robin keeps a session on its member.
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import type { Step } from "@model-pool/fake-provider"
import { expireCooldowns } from "./health-state.ts"
import { reportIn, scenario, type Scenario } from "./scenario.ts"
import { RUN_SESSION, startServer, type FilePart, type Server } from "./serve.ts"

const E2E = 120_000

/** A 1x1 PNG. */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

/** The models of the fake's answers in `s` since `from`, in order. */
const modelsSince = (s: Scenario, from: number) => s.fake.requests.slice(from).map((request) => request.model)

/** One served OpenCode, a session per test, each turn's answer and pool report. */
async function turns(server: Server, s: Scenario, agent: string, prompts: string[], session?: string) {
  const id = session ?? (await server.session(s.box.project, RUN_SESSION))
  const replies = []
  for (const prompt of prompts) replies.push(await server.reply(s.box.project, id, agent, prompt))
  return { id, replies }
}

const spentWindows: Record<string, { primary: string; model: string; headers: () => Record<string, string> }> = {
  "OpenAI-style request window": {
    primary: "alpha/gpt-main",
    model: "gpt-main",
    headers: () => ({ "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1h0m0s" }),
  },
  "Anthropic-style request window": {
    primary: "anthropic/claude-sonnet-4-5",
    model: "claude-sonnet-4-5",
    headers: () => ({
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": new Date(Date.now() + 3_600_000).toISOString(),
    }),
  },
  "remaining tokens below the prompt's size": {
    primary: "alpha/gpt-cheap",
    model: "gpt-cheap",
    headers: () => ({ "x-ratelimit-remaining-tokens": "1000", "x-ratelimit-reset-tokens": "1h" }),
  },
}

describe("ahead of limits: a member whose answer said its window is spent is sent nothing until it resets", () => {
  let s: Scenario
  let server: Server
  beforeAll(async () => {
    s = await scenario({ "*": { kind: "text" } })
    s.configure({
      agent: Object.fromEntries(
        Object.entries(spentWindows).map(([name, window]) => [
          name.replaceAll(" ", "-"),
          { mode: "primary", model: window.primary, fallbacks: ["beta/gpt-b"] },
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

  for (const [name, window] of Object.entries(spentWindows))
    test(
      name,
      async () => {
        const agent = name.replaceAll(" ", "-")
        const script: Step[] = [{ kind: "text", headers: window.headers() }, { kind: "text" }]
        s.fake.setScript({ [window.model]: script, "*": { kind: "text" } })
        const from = s.fake.requests.length
        const { id, replies } = await turns(server, s, agent, ["one", "two"])
        // The second turn sends the primary nothing: no 429 was needed to learn that it would refuse.
        expect(modelsSince(s, from)).toEqual([window.model, "gpt-b"])
        expect(replies.map((reply) => reply.text)).toEqual([`ok from ${window.model}`, "ok from gpt-b"])
        expect(server.logs()).toContain(`${window.primary} cools ahead of its limit`)
        // Once the window has reset, the session is back on its primary.
        expireCooldowns(s.box.stateFile)
        const after = s.fake.requests.length
        const back = await turns(server, s, agent, ["three"], id)
        expect(modelsSince(s, after)).toEqual([window.model])
        expect(back.replies[0]?.text).toBe(`ok from ${window.model}`)
      },
      E2E,
    )
})

/** The standard providers, with `modalities.input` set on the members the image call is about. */
function withModalities(s: Scenario): Record<string, unknown> {
  const providers = s.providers()
  const reads = (provider: Record<string, unknown>, model: string, input: string[]) => {
    const models = provider.models as Record<string, object>
    return {
      ...provider,
      models: { ...models, [model]: { ...models[model], modalities: { input, output: ["text"] } } },
    }
  }
  return {
    ...providers,
    alpha: reads(providers.alpha!, "gpt-main", ["text", "image"]),
    beta: reads(providers.beta!, "gpt-b", ["text"]),
  }
}

describe("fit before the call: a member that cannot serve a call is passed by for a later one that can", () => {
  test(
    "a call of about 20,000 tokens skips the 8,000-token member; a picture skips the text-only member",
    async () => {
      await using s = await scenario({ "gpt-main": { kind: "rate_limit", retry_after_s: 1 }, "*": { kind: "text" } })
      s.configure({
        provider: withModalities(s),
        agent: {
          build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-tiny", "beta/gpt-b"] },
          look: { mode: "primary", model: "alpha/gpt-main", fallbacks: ["beta/gpt-b", "anthropic/claude-sonnet-4-5"] },
        },
      })
      await using server = await startServer(s)
      // OpenCode's system prompt and tools are about 30,000 characters; this prompt adds about 12,500 tokens.
      const big = await turns(server, s, "build", ["x ".repeat(25_000)])
      expect(modelsSince(s, 0)).toEqual(["gpt-main", "gpt-b"])
      const report = reportIn(big.replies[0]!.parts)
      expect(report?.member).toBe("beta/gpt-b")
      expect(report?.attempts).toMatchObject([
        { member: "alpha/gpt-main", condition: "rate_limit" },
        { member: "beta/gpt-tiny", skipped: expect.stringMatching(/^context 8000 < ~2\d{4} tokens$/) },
      ])

      // The primary's cooldown from that 429 ends, so the next call starts on it again and meets its 429 there.
      expireCooldowns(s.box.stateFile)
      const from = s.fake.requests.length
      const picture: FilePart = { mime: "image/png", url: `data:image/png;base64,${PIXEL}`, filename: "pixel.png" }
      const session = await server.session(s.box.project, RUN_SESSION)
      const seen = await server.reply(s.box.project, session, "look", "describe", {}, [picture])
      expect(modelsSince(s, from)).toEqual(["gpt-main", "claude-sonnet-4-5"])
      expect(JSON.stringify(s.fake.requests.at(-1)?.body)).toContain(PIXEL)
      expect(reportIn(seen.parts)?.attempts).toMatchObject([
        { member: "alpha/gpt-main", condition: "rate_limit" },
        { member: "beta/gpt-b", skipped: "no image input" },
      ])
    },
    E2E,
  )
})

describe("sticky round robin", () => {
  test(
    "three turns of one session (--continue) stay on one member; three new sessions start on three members, across processes",
    async () => {
      await using s = await scenario({ "*": { kind: "text" } })
      const members = ["alpha/gpt-main", "beta/gpt-b", "anthropic/claude-sonnet-4-5"]
      s.configure({ agent: { build: { models: members, strategy: "round_robin" } } })
      const turn = async (args: string[]) => {
        expect((await s.ask("next", args)).code).toBe(0)
        return s.fake.requests.at(-1)?.model
      }
      const first = await turn([])
      const continued = [await turn(["--continue"]), await turn(["--continue"])]
      expect(continued).toEqual([first, first])
      const others = [await turn([]), await turn([])]
      expect(s.fake.requests).toHaveLength(5)
      expect(new Set([first, ...others])).toEqual(new Set(["gpt-main", "gpt-b", "claude-sonnet-4-5"]))
    },
    E2E,
  )
})
