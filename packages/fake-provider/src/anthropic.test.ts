// Wire-level checks of the Anthropic Messages stream: event names, order and
// the ping, which clients must tolerate.

import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { parseSse, postJson } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const messagesUrl = () => `${fake.url}/anthropic/v1/messages`

test("a text stream follows Anthropic's event order, with each event named after its type", async () => {
  fake.setScript({ "*": { kind: "text", text: "abcdef", chunks: 2 } })
  const response = await postJson(messagesUrl(), { model: "claude-x", stream: true, max_tokens: 10, messages: [] })
  const frames = parseSse(await response.text())
  expect(frames.map((frame) => frame.event)).toEqual([
    "message_start",
    "content_block_start",
    "ping",
    "content_block_delta",
    "content_block_delta",
    "content_block_stop",
    "message_delta",
    "message_stop",
  ])
  for (const frame of frames) expect(JSON.parse(frame.data).type).toBe(frame.event)
  expect(JSON.parse(frames[6]?.data ?? "{}")).toMatchObject({
    delta: { stop_reason: "end_turn" },
    usage: { output_tokens: expect.any(Number) },
  })
})

test("a tool call streams as a tool_use block with input_json_delta pieces and stop_reason tool_use", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "edit", input: { file: "a.ts", line: 3 }, text: "Editing." } })
  const response = await postJson(messagesUrl(), { model: "claude-x", stream: true, max_tokens: 10, messages: [] })
  const events = parseSse(await response.text()).map((frame) => JSON.parse(frame.data))
  const toolStart = events.find((e) => e.type === "content_block_start" && e.content_block.type === "tool_use")
  expect(toolStart).toMatchObject({
    index: 1,
    content_block: { id: expect.stringMatching(/^toolu_/), name: "edit", input: {} },
  })
  const json = events
    .filter((e) => e.type === "content_block_delta" && e.delta.type === "input_json_delta")
    .map((e) => e.delta.partial_json)
    .join("")
  expect(JSON.parse(json)).toEqual({ file: "a.ts", line: 3 })
  expect(events.find((e) => e.type === "message_delta")?.delta.stop_reason).toBe("tool_use")
})

test("an in-stream error before any output is a lone error event after a 200", async () => {
  fake.setScript({ "*": { kind: "stream_error" } })
  const response = await postJson(messagesUrl(), { model: "claude-x", stream: true, max_tokens: 10, messages: [] })
  expect(response.status).toBe(200)
  const frames = parseSse(await response.text())
  expect(frames).toHaveLength(1)
  expect(frames[0]?.event).toBe("error")
  expect(JSON.parse(frames[0]?.data ?? "{}")).toEqual({
    type: "error",
    error: { type: "overloaded_error", message: "Overloaded" },
  })
})

test("the API key from x-api-key is logged only as its hash prefix", async () => {
  await postJson(
    messagesUrl(),
    { model: "claude-x", max_tokens: 10, messages: [] },
    { "x-api-key": "sk-ant-api03-secret" },
  )
  const [record] = fake.requests
  expect(record?.key_id).toMatch(/^[0-9a-f]{8}$/)
  expect(record?.headers["x-api-key"]).toBeUndefined()
  expect(JSON.stringify(record)).not.toContain("secret")
})
