// Mistral's chat completions: the wire sequence, and what @ai-sdk/mistral 3.0.51 makes of it (whole tool calls,
// nine-character ids, thinking chunks, the usage on the last chunk, the route).

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createMistral } from "@ai-sdk/mistral"
import { generateText, streamText } from "ai"
import { MISTRAL_PATH } from "./mistral.ts"
import type { Step } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import { parseSse, postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const model = (id = "magistral-medium-latest") =>
  createMistral({ baseURL: `${fake.url}/mistral/v1`, apiKey: TEST_KEY })(id)
const auth = { authorization: `Bearer ${TEST_KEY}` }
const body = { model: "mistral-large-latest", messages: [{ role: "user", content: "hi" }] }

/** The JSON chunks of a stream; a finished one ends with `[DONE]`, a failed one with the error. */
async function chunks(step: Step, finished = true) {
  fake.setScript({ "*": step })
  const response = await postJson(`${fake.url}${MISTRAL_PATH}`, { ...body, stream: true }, auth)
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const frames = parseSse(await response.text())
  expect(frames.at(-1)?.data === "[DONE]").toBe(finished)
  return frames.filter((frame) => frame.data !== "[DONE]").map((frame) => JSON.parse(frame.data))
}

describe("wire format", () => {
  test("a text stream opens with the role, sends string deltas, and ends with the finish and the usage", async () => {
    const data = await chunks({ kind: "text", text: "Hello there", chunks: 2 })
    expect(data.map((chunk) => chunk.choices[0].delta)).toEqual([
      { role: "assistant", content: "" },
      { content: "Hello " },
      { content: "there" },
      { content: "" },
    ])
    expect(data.map((chunk) => chunk.choices[0].finish_reason)).toEqual([null, null, null, "stop"])
    expect(data.map((chunk) => "usage" in chunk)).toEqual([false, false, false, true])
    expect(data[0]).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{32}$/), object: "chat.completion.chunk" })
    expect(data.at(-1).usage).toEqual({
      prompt_tokens: expect.any(Number),
      total_tokens: expect.any(Number),
      completion_tokens: expect.any(Number),
    })
  })

  test("a tool call arrives whole in one delta, with a nine-character id", async () => {
    const data = await chunks({ kind: "tool_call", name: "bash", input: { command: "ls" } })
    const calls = data.flatMap((chunk) => chunk.choices[0].delta.tool_calls ?? [])
    expect(calls).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9]{9}$/),
        type: "function",
        function: { name: "bash", arguments: '{"command":"ls"}' },
        index: 0,
      },
    ])
    expect(data.at(-1).choices[0].finish_reason).toBe("tool_calls")
  })

  test("reasoning streams as thinking chunks in the content, before the answer's plain string deltas", async () => {
    const data = await chunks({ kind: "text", reasoning: "Two plus two.", text: "Four.", chunks: 1 })
    expect(data.slice(1, 3).map((chunk) => chunk.choices[0].delta.content)).toEqual([
      [{ type: "thinking", thinking: [{ type: "text", text: "Two plus two." }] }],
      "Four.",
    ])
  })

  test("a non-streaming answer with reasoning has the chunk array as its content", async () => {
    fake.setScript({ "*": { kind: "text", reasoning: "Hm.", text: "Yes." } })
    const response = await postJson(`${fake.url}${MISTRAL_PATH}`, body, auth)
    expect(await response.json()).toMatchObject({
      object: "chat.completion",
      choices: [
        {
          finish_reason: "stop",
          message: {
            role: "assistant",
            content: [
              { type: "thinking", thinking: [{ type: "text", text: "Hm." }] },
              { type: "text", text: "Yes." },
            ],
          },
        },
      ],
    })
  })

  test("only the /mistral/v1 prefix routes to Mistral; other chat completions paths stay OpenAI's", async () => {
    await postJson(`${fake.url}${MISTRAL_PATH}`, body, auth)
    await postJson(`${fake.url}/openai/v1/chat/completions`, body, auth)
    expect(fake.requests.map((request) => [request.format, request.path])).toEqual([
      ["mistral", "/mistral/v1/chat/completions"],
      ["openai", "/openai/v1/chat/completions"],
    ])
  })

  test("an in-stream failure is a chunk of only Mistral's error object", async () => {
    const data = await chunks({ kind: "stream_error", text: "partial" }, false)
    expect(data.at(-1)).toEqual({
      object: "error",
      message: expect.any(String),
      type: "internal_server_error",
      param: null,
      code: null,
    })
  })
})

describe("what @ai-sdk/mistral reads", () => {
  test("the reasoning, the text and a whole tool call", async () => {
    fake.setScript({ "*": { kind: "tool_call", reasoning: "List first.", name: "read_file", input: { path: "a" } } })
    const result = streamText({ model: model(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    const calls = await result.toolCalls
    expect(await result.reasoningText).toBe("List first.")
    expect(calls.map((call) => [call.toolName, call.input, /^[A-Za-z0-9]{9}$/.test(call.toolCallId)])).toEqual([
      ["read_file", { path: "a" }, true],
    ])
    expect(await result.finishReason).toBe("tool-calls")
  })

  test("a non-streaming answer's reasoning and text", async () => {
    fake.setScript({ "*": { kind: "text", reasoning: "Hm.", text: "Yes." } })
    const result = await generateText({ model: model(), prompt: "hi", maxRetries: 0 })
    expect([result.reasoningText, result.text]).toEqual(["Hm.", "Yes."])
  })
})
