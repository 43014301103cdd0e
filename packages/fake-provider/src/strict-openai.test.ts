import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

const user = { role: "user", content: "hi" }
const call = (id: string) => ({ id, type: "function", function: { name: "read_file", arguments: "{}" } })
const assistant = (...ids: string[]) => ({ role: "assistant", content: null, tool_calls: ids.map(call) })
const result = (id: string) => ({ role: "tool", tool_call_id: id, content: "ok" })

async function expectRejected(messages: unknown[], error: { message: string; param: string; code?: string }) {
  const response = await postJson(`${fake.url}/v1/chat/completions`, { model: "gpt-4o", messages })
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({
    error: { message: error.message, type: "invalid_request_error", param: error.param, code: error.code ?? null },
  })
  expect(fake.requests.at(-1)?.rejected).toBe(error.message)
}

test("a tool message with no assistant tool_calls before it is refused", async () => {
  await expectRejected([user, result("call_1")], {
    message:
      "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
    param: "messages.[1].role",
  })
})

test("a tool message answering an id the assistant never called is refused", async () => {
  await expectRejected([user, assistant("call_1"), result("call_1"), result("call_2")], {
    message: "Invalid parameter: 'tool_call_id' of 'call_2' not found in 'tool_calls' of previous message.",
    param: "messages.[3].tool_call_id",
  })
})

test("a tool call left unanswered before the next message is refused", async () => {
  await expectRejected([user, assistant("call_1", "call_2"), result("call_1"), user], {
    message:
      "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: call_2",
    param: "messages.[1].role",
  })
})

test("a tool call id over 40 characters is refused", async () => {
  const id = `call_${"x".repeat(40)}`
  await expectRejected([user, assistant(id), result(id)], {
    message: `Invalid 'messages[1].tool_calls[0].id': string too long. Expected a string with maximum length 40, but got a string with length 45 instead.`,
    param: "messages[1].tool_calls[0].id",
    code: "string_above_max_length",
  })
})

test("a tool loop with Kimi-style ids and reasoning_content is served", async () => {
  const response = await postJson(`${fake.url}/v1/chat/completions`, {
    model: "kimi-k2",
    messages: [
      user,
      { ...assistant("functions.read_file:0"), reasoning_content: "read it" },
      result("functions.read_file:0"),
    ],
  })
  expect(response.status).toBe(200)
  expect(fake.requests[0]?.rejected).toBeUndefined()
})
