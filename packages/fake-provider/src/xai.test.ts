// xAI's chat completions and Responses API on the fake (a prefix ending in `/xai/v1`): what differs from OpenAI's,
// and what @ai-sdk/xai 3.0.102 makes of it.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createXai } from "@ai-sdk/xai"
import { streamText } from "ai"
import { XAI_PREFIX } from "./openai.ts"
import { startFakeProvider } from "./server.ts"
import { parseSse, postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const xai = () => createXai({ baseURL: `${fake.url}${XAI_PREFIX}`, apiKey: TEST_KEY })
const auth = { authorization: `Bearer ${TEST_KEY}` }

/** The JSON payloads of a streamed answer, `[DONE]` left out. */
async function streamed(path: string, body: Record<string, unknown>) {
  const response = await postJson(`${fake.url}${XAI_PREFIX}${path}`, { ...body, stream: true }, auth)
  return parseSse(await response.text())
    .filter((frame) => frame.data !== "[DONE]")
    .map((frame) => JSON.parse(frame.data))
}

describe("chat completions", () => {
  test("a tool call streams whole: id, type, name and complete arguments in one delta", async () => {
    fake.setScript({ "*": { kind: "tool_call", name: "bash", input: { command: "ls -la" } } })
    const chunks = await streamed("/chat/completions", { model: "grok-4.3", messages: [] })
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
    expect(calls).toEqual([
      {
        index: 0,
        id: expect.stringMatching(/^call_/),
        type: "function",
        function: { name: "bash", arguments: '{"command":"ls -la"}' },
      },
    ])
  })

  test("@ai-sdk/xai reads the reasoning, the text and the call", async () => {
    fake.setScript({ "*": { kind: "tool_call", reasoning: "Look.", text: "Reading.", name: "read_file", input: {} } })
    const result = streamText({ model: xai().chat("grok-4.3"), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    expect(await result.reasoningText).toBe("Look.")
    expect(await result.text).toBe("Reading.")
    expect((await result.toolCalls).map((call) => call.toolName)).toEqual(["read_file"])
  })
})

describe("Responses API", () => {
  test("reasoning items carry their status, as xAI's do", async () => {
    fake.setScript({ "*": { kind: "text", reasoning: "Plan.", text: "Done." } })
    const events = await streamed("/responses", { model: "grok-4.3", input: "hi" })
    const reasoning = events.filter((event) => event.item?.type === "reasoning").map((event) => event.item.status)
    expect(reasoning).toEqual(["in_progress", "completed"])
  })

  test("@ai-sdk/xai reads the reasoning and a tool call", async () => {
    fake.setScript({ "*": { kind: "tool_call", reasoning: "Plan.", name: "read_file", input: { path: "a" } } })
    const result = streamText({ model: xai().responses("grok-4.3"), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    expect(await result.reasoningText).toBe("Plan.")
    expect((await result.toolCalls).map((call) => [call.toolName, call.input])).toEqual([["read_file", { path: "a" }]])
    expect(fake.requests.map((request) => [request.format, request.path])).toEqual([
      ["xai-responses", "/xai/v1/responses"],
    ])
  })

  test("in strict mode, encrypted reasoning passes only on the API that issued it", async () => {
    const input = (encrypted: string) => [
      { role: "user", content: [{ type: "input_text", text: "hi" }] },
      { type: "reasoning", id: "rs_1", summary: [], encrypted_content: encrypted },
    ]
    const post = (path: string, encrypted: string) =>
      postJson(`${fake.url}${path}`, { model: "grok-4.3", store: false, input: input(encrypted) }, auth)
    const fromXai = fake.signReasoning("xai-responses", "grok-4.3", "plan")
    const fromOpenAI = fake.signReasoning("openai-responses", "grok-4.3", "plan")
    expect((await post(`${XAI_PREFIX}/responses`, fromXai)).status).toBe(200)
    expect((await post(`${XAI_PREFIX}/responses`, fromOpenAI)).status).toBe(400)
    expect((await post("/openai/v1/responses", fromXai)).status).toBe(400)
  })
})

test("only the /xai/v1 prefix routes to xAI; the same paths elsewhere stay OpenAI's", async () => {
  const chat = { model: "m", messages: [] }
  await postJson(`${fake.url}${XAI_PREFIX}/chat/completions`, chat, auth)
  await postJson(`${fake.url}${XAI_PREFIX}/responses`, { model: "m", input: "hi" }, auth)
  await postJson(`${fake.url}/openai/v1/chat/completions`, chat, auth)
  await postJson(`${fake.url}/openai/v1/responses`, { model: "m", input: "hi" }, auth)
  expect(fake.requests.map((request) => request.format)).toEqual(["xai", "xai-responses", "openai", "openai-responses"])
})
