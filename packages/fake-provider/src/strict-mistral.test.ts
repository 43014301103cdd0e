import { afterAll, beforeEach, expect, test } from "bun:test"
import { createMistral } from "@ai-sdk/mistral"
import { generateText } from "ai"
import { MISTRAL_PATH } from "./mistral.ts"
import { startFakeProvider } from "./server.ts"
import { postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const user = { role: "user", content: "hi" }
const call = (id: string) => ({ id, type: "function", function: { name: "read_file", arguments: "{}" } })
const assistant = (...ids: string[]) => ({ role: "assistant", content: "", tool_calls: ids.map(call) })
const result = (id: string) => ({ role: "tool", name: "read_file", tool_call_id: id, content: "ok" })

async function expectRejected(messages: unknown[], error: { message: string; type: string; code: string }) {
  const response = await postJson(
    `${fake.url}${MISTRAL_PATH}`,
    { model: "mistral-large-latest", messages },
    { authorization: `Bearer ${TEST_KEY}` },
  )
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ object: "error", param: null, ...error })
  expect(fake.requests.at(-1)?.rejected).toBe(error.message)
}

test("a replayed tool call id that is not nine letters and digits is refused, in a call or in its result", async () => {
  const invalid = (id: string) => ({
    message: `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`,
    type: "invalid_function_call",
    code: "3280",
  })
  await expectRejected([user, assistant("call_0fypS1hVX"), result("call_0fypS1hVX")], invalid("call_0fypS1hVX"))
  await expectRejected([user, assistant("D681PevKs"), result("D681Pev_s")], invalid("D681Pev_s"))
})

test("a user message right after a tool message is refused; an assistant message in between is accepted", async () => {
  await expectRejected([user, assistant("D681PevKs"), result("D681PevKs"), user], {
    message: "Unexpected role 'user' after role 'tool'",
    type: "invalid_request_message_order",
    code: "3230",
  })
  const done = { role: "assistant", content: "Done." }
  const response = await postJson(
    `${fake.url}${MISTRAL_PATH}`,
    { model: "mistral-large-latest", messages: [user, assistant("D681PevKs"), result("D681PevKs"), done, user] },
    { authorization: `Bearer ${TEST_KEY}` },
  )
  expect(response.status).toBe(200)
})

test("a conversation replaying the fake's own tool call, as @ai-sdk/mistral sends it, is accepted", async () => {
  fake.setScript({ "*": [{ kind: "tool_call", name: "read_file", input: { path: "a" } }, { kind: "text" }] })
  const model = createMistral({ baseURL: `${fake.url}/mistral/v1`, apiKey: TEST_KEY })("mistral-large-latest")
  const first = await generateText({ model, prompt: "read a", tools: TOOLS, maxRetries: 0 })
  const [toolCall] = first.toolCalls
  if (!toolCall) throw new Error("no tool call")
  const second = await generateText({
    model,
    tools: TOOLS,
    maxRetries: 0,
    messages: [
      { role: "user", content: "read a" },
      ...first.response.messages,
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: toolCall.toolCallId,
            toolName: "read_file",
            output: { type: "text", value: "contents" },
          },
        ],
      },
    ],
  })
  expect(second.text).toBe("ok from mistral-large-latest")
  expect(fake.requests.map((request) => request.rejected)).toEqual([undefined, undefined])
})
