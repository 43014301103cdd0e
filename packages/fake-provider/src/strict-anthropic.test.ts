import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

const MODEL = "claude-sonnet-4-5"
const user = (text: string) => ({ role: "user", content: text })
const toolUse = (id: string) => ({ type: "tool_use", id, name: "read_file", input: { path: "a.ts" } })
const toolResult = (id: string) => ({
  role: "user",
  content: [{ type: "tool_result", tool_use_id: id, content: "ok" }],
})
const thinking = (text: string, signature: string) => ({ type: "thinking", thinking: text, signature })
const request = (messages: unknown[], extra: Record<string, unknown> = {}) => ({
  model: MODEL,
  max_tokens: 1024,
  messages,
  ...extra,
})
const THINKING = { thinking: { type: "enabled", budget_tokens: 1024 } }

async function expectRejected(body: unknown, message: string) {
  const response = await postJson(`${fake.url}/v1/messages`, body)
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({
    type: "error",
    error: { type: "invalid_request_error", message },
    request_id: expect.stringMatching(/^req_/),
  })
  expect(fake.requests.at(-1)?.rejected).toBe(message)
}

test("a request without max_tokens is refused", async () => {
  await expectRejected({ model: MODEL, messages: [user("hi")] }, "max_tokens: Field required")
})

test("a tool_use id outside the allowed pattern is refused, as Kimi-style ids are", async () => {
  await expectRejected(
    request([
      user("hi"),
      { role: "assistant", content: [toolUse("functions.bash:0")] },
      toolResult("functions.bash:0"),
    ]),
    "messages.1.content.0.tool_use.id: String should match pattern '^[a-zA-Z0-9_-]+$'",
  )
})

test("a tool_result id outside the allowed pattern is refused", async () => {
  await expectRejected(
    request([user("hi"), { role: "assistant", content: [toolUse("toolu_1")] }, toolResult("call:1")]),
    "messages.2.content.0.tool_result.tool_use_id: String should match pattern '^[a-zA-Z0-9_-]+$'",
  )
})

test("an empty text block is refused", async () => {
  await expectRejected(
    request([{ role: "user", content: [{ type: "text", text: "" }] }]),
    "messages: text content blocks must be non-empty",
  )
})

test("a tool_result that answers no tool_use of the previous message is refused", async () => {
  await expectRejected(
    request([user("hi"), { role: "assistant", content: [toolUse("toolu_1")] }, toolResult("toolu_2")]),
    "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_2. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.",
  )
})

test("a tool_use left unanswered by the next message is refused", async () => {
  await expectRejected(
    request([user("hi"), { role: "assistant", content: [toolUse("toolu_1")] }, user("go on")]),
    "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
  )
})

test("with thinking on, the tool turn in progress must open with a thinking block", async () => {
  await expectRejected(
    request(
      [
        user("hi"),
        { role: "assistant", content: [{ type: "text", text: "Reading." }, toolUse("toolu_1")] },
        toolResult("toolu_1"),
      ],
      THINKING,
    ),
    "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking",
  )
})

test("a thinking signature that is forged, altered, from another model or another server is refused", async () => {
  const signature = fake.signReasoning("anthropic", MODEL, "plan")
  await using other = await startFakeProvider()
  const forged = [
    "not-a-signature",
    fake.signReasoning("anthropic", MODEL, "another plan"),
    fake.signReasoning("anthropic", "claude-opus-4-1", "plan"),
    fake.signReasoning("google", MODEL, "plan"),
    other.signReasoning("anthropic", MODEL, "plan"),
  ]
  for (const bad of forged) {
    await expectRejected(
      request(
        [
          user("hi"),
          { role: "assistant", content: [thinking("plan", bad), toolUse("toolu_1")] },
          toolResult("toolu_1"),
        ],
        THINKING,
      ),
      "messages.1.content.0: Invalid `signature` in `thinking` block",
    )
  }
  await expectRejected(
    request([
      user("hi"),
      { role: "assistant", content: [thinking("changed plan", signature), toolUse("toolu_1")] },
      toolResult("toolu_1"),
    ]),
    "messages.1.content.0: Invalid `signature` in `thinking` block",
  )
})

test("a conversation replaying the fake's own signed thinking and a tool loop is served", async () => {
  const signature = fake.signReasoning("anthropic", MODEL, "plan")
  const response = await postJson(
    `${fake.url}/v1/messages`,
    request(
      [
        user("hi"),
        { role: "assistant", content: [thinking("plan", signature), toolUse("toolu_1")] },
        toolResult("toolu_1"),
      ],
      THINKING,
    ),
  )
  expect(response.status).toBe(200)
  expect(fake.requests[0]?.rejected).toBeUndefined()
})
