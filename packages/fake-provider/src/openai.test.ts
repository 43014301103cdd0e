// Wire-level checks of the OpenAI chat completions format that the SDK tests
// cannot see (the SDK tolerates missing fields the real API always sends).

import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { parseSse, postJson } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const chatUrl = () => `${fake.url}/openai/v1/chat/completions`

test("a stream ends with a usage chunk and [DONE] when include_usage is set", async () => {
  const response = await postJson(chatUrl(), {
    model: "gpt-x",
    stream: true,
    stream_options: { include_usage: true },
    messages: [],
  })
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const frames = parseSse(await response.text())
  expect(frames.at(-1)?.data).toBe("[DONE]")
  const usageChunk = JSON.parse(frames.at(-2)?.data ?? "{}")
  expect(usageChunk).toMatchObject({
    object: "chat.completion.chunk",
    choices: [],
    usage: { prompt_tokens: expect.any(Number) },
  })
  const finishChunk = JSON.parse(frames.at(-3)?.data ?? "{}")
  expect(finishChunk.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" })
})

test("a stream carries no usage chunk when include_usage is not set", async () => {
  const response = await postJson(chatUrl(), { model: "gpt-x", stream: true, messages: [] })
  const chunks = parseSse(await response.text())
    .filter((frame) => frame.data !== "[DONE]")
    .map((frame) => JSON.parse(frame.data))
  expect(chunks.every((chunk) => !("usage" in chunk))).toBe(true)
  expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("")).toBe("ok from gpt-x")
})

test("a streamed tool call sends the id and name first, then the arguments in pieces", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "bash", input: { command: "ls -la" } } })
  const response = await postJson(chatUrl(), { model: "gpt-x", stream: true, messages: [] })
  const deltas = parseSse(await response.text())
    .filter((frame) => frame.data !== "[DONE]")
    .map((frame) => JSON.parse(frame.data).choices[0])
  const calls = deltas.flatMap((choice) => choice.delta.tool_calls ?? [])
  expect(calls[0]).toMatchObject({
    index: 0,
    id: expect.stringMatching(/^call_/),
    type: "function",
    function: { name: "bash", arguments: "" },
  })
  expect(calls.map((call) => call.function.arguments).join("")).toBe('{"command":"ls -la"}')
  expect(deltas.at(-1)?.finish_reason).toBe("tool_calls")
})

test("any path ending in /chat/completions is served as OpenAI", async () => {
  const response = await postJson(`${fake.url}/some/prefix/v1/chat/completions`, { model: "gpt-y", messages: [] })
  expect(await response.json()).toMatchObject({ object: "chat.completion", model: "gpt-y" })
  expect(fake.requests[0]).toMatchObject({ format: "openai", path: "/some/prefix/v1/chat/completions" })
})

test("a cut non-streaming answer promises a full body but delivers half before closing", async () => {
  fake.setScript({ "*": { kind: "cut", text: "a long enough answer to cut" } })
  const error = await postJson(chatUrl(), { model: "gpt-x", messages: [] })
    .then((response) => response.text())
    .catch((e: unknown) => e)
  expect(error).toBeInstanceOf(Error)
})
