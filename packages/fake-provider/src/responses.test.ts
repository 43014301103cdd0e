// Wire-level checks of the OpenAI Responses API format: event names, order and
// sequence numbers, the response object, and the two in-stream failure events
// as the @ai-sdk/openai release OpenCode 1.18.33 bundles sees them.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { APICallError } from "ai"
import { startFakeProvider } from "./server.ts"
import { CLIENTS, collectStream, parseSse, postJson } from "./test-support.ts"
import type { SseFrame } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const responsesUrl = () => `${fake.url}/openai/v1/responses`

function events(frames: SseFrame[]): Record<string, any>[] {
  return frames.map((frame) => JSON.parse(frame.data))
}

async function streamEvents(body: Record<string, unknown> = {}): Promise<Record<string, any>[]> {
  const response = await postJson(responsesUrl(), { model: "gpt-r", stream: true, input: "hi", ...body })
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const frames = parseSse(await response.text())
  for (const frame of frames) expect(JSON.parse(frame.data).type).toBe(frame.event)
  return events(frames)
}

test("a text stream sends the message lifecycle events, named after their type and numbered from 0", async () => {
  fake.setScript({ "*": { kind: "text", text: "abcdef", chunks: 2 } })
  const sent = await streamEvents()
  expect(sent.map((event) => event.type)).toEqual([
    "response.created",
    "response.in_progress",
    "response.output_item.added",
    "response.content_part.added",
    "response.output_text.delta",
    "response.output_text.delta",
    "response.output_text.done",
    "response.content_part.done",
    "response.output_item.done",
    "response.completed",
  ])
  expect(sent.map((event) => event.sequence_number)).toEqual(sent.map((_, index) => index))
  const [created, , added, , first, second, done] = sent
  expect(created?.response).toMatchObject({
    id: expect.stringMatching(/^resp_/),
    status: "in_progress",
    model: "gpt-r",
  })
  const messageId = added?.item.id
  expect(messageId).toStartWith("msg_")
  expect(added?.item).toMatchObject({ type: "message", role: "assistant", status: "in_progress", content: [] })
  expect([first?.delta, second?.delta]).toEqual(["abc", "def"])
  expect(done).toMatchObject({ item_id: messageId, output_index: 0, content_index: 0, text: "abcdef" })
})

test("response.completed repeats the finished message and carries the usage with its token details", async () => {
  fake.setScript({ "*": { kind: "text", text: "done" } })
  const sent = await streamEvents()
  const completed = sent.at(-1)
  // Read before toMatchObject: Bun 1.4.5 writes the asymmetric matchers back into the received object.
  const usage = structuredClone(completed?.response.usage)
  expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens)
  expect(completed?.response).toMatchObject({
    id: sent[0]?.response.id,
    status: "completed",
    output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "done", annotations: [] }] }],
    usage: {
      input_tokens: expect.any(Number),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: expect.any(Number),
      output_tokens_details: { reasoning_tokens: 0 },
    },
  })
})

test("a tool call after text streams as a second output item whose argument deltas join to the JSON input", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "bash", input: { command: "ls -la" }, text: "Listing." } })
  const sent = await streamEvents()
  const call = sent.filter((event) => event.output_index === 1 && event.item_id === undefined)
  expect(call.map((event) => [event.type, event.item.status])).toEqual([
    ["response.output_item.added", "in_progress"],
    ["response.output_item.done", "completed"],
  ])
  const itemId = call[0]?.item.id
  expect(itemId).toStartWith("fc_")
  expect(call[0]?.item).toMatchObject({
    type: "function_call",
    call_id: expect.stringMatching(/^call_/),
    name: "bash",
    arguments: "",
  })
  const deltas = sent.filter((event) => event.type === "response.function_call_arguments.delta")
  expect(deltas.every((event) => event.item_id === itemId)).toBe(true)
  expect(deltas.map((event) => event.delta).join("")).toBe('{"command":"ls -la"}')
  expect(sent.find((event) => event.type === "response.function_call_arguments.done")?.arguments).toBe(
    '{"command":"ls -la"}',
  )
  expect(sent.at(-1)?.response.output.map((item: { type: string }) => item.type)).toEqual(["message", "function_call"])
})

test("a bare tool call is the only output item, at index 0", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "bash", input: {} } })
  const sent = await streamEvents()
  expect(sent.filter((event) => event.type === "response.output_item.added").map((event) => event.item.type)).toEqual([
    "function_call",
  ])
  expect(sent.find((event) => event.type === "response.output_item.added")?.output_index).toBe(0)
})

test("a non-streaming answer is a completed response object with an output_text message", async () => {
  const response = await postJson(responsesUrl(), { model: "gpt-r", input: "hi" })
  expect(response.headers.get("content-type")).toBe("application/json")
  expect(await response.json()).toMatchObject({
    id: expect.stringMatching(/^resp_/),
    object: "response",
    status: "completed",
    model: "gpt-r",
    error: null,
    output: [
      {
        id: expect.stringMatching(/^msg_/),
        type: "message",
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: "ok from gpt-r", annotations: [] }],
      },
    ],
    usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number), total_tokens: expect.any(Number) },
  })
})

test("a non-streaming tool call is a function_call item with a call id and the input as a JSON string", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "a.ts" } } })
  const body = await (await postJson(responsesUrl(), { model: "gpt-r", input: "hi" })).json()
  expect(body.output).toEqual([
    {
      id: expect.stringMatching(/^fc_/),
      type: "function_call",
      status: "completed",
      arguments: '{"path":"a.ts"}',
      call_id: expect.stringMatching(/^call_/),
      name: "read_file",
    },
  ])
})

test("any path ending in /responses is served as the Responses API and logged as openai-responses", async () => {
  const response = await postJson(`${fake.url}/some/prefix/responses`, { model: "gpt-z", input: "hi" })
  expect(await response.json()).toMatchObject({ object: "response", model: "gpt-z" })
  expect(fake.requests[0]).toMatchObject({ format: "openai-responses", path: "/some/prefix/responses", stream: false })
})

test("a hang after headers sends only response.created and response.in_progress", async () => {
  fake.setScript({ "*": { kind: "hang", after_headers: true } })
  const controller = new AbortController()
  const response = await fetch(responsesUrl(), {
    method: "POST",
    body: JSON.stringify({ model: "gpt-r", stream: true }),
    signal: controller.signal,
  })
  const reader = response.body?.getReader()
  let text = ""
  while (!text.includes("event: response.in_progress")) {
    const chunk = await reader?.read()
    text += new TextDecoder().decode(chunk?.value)
  }
  const stalled = await Promise.race([reader?.read(), Bun.sleep(100).then(() => "stalled")])
  expect(stalled).toBe("stalled")
  expect(parseSse(text).map((frame) => frame.event)).toEqual(["response.created", "response.in_progress"])
  controller.abort()
})

describe("in-stream failures", () => {
  test("a response.failed before any output still opens the stream, as the real one does", async () => {
    fake.setScript({ "*": { kind: "stream_error" } })
    const sent = await streamEvents()
    expect(sent.map((event) => [event.type, event.sequence_number])).toEqual([
      ["response.created", 0],
      ["response.in_progress", 1],
      ["response.failed", 2],
    ])
    expect(sent[2]?.response).toMatchObject({
      id: sent[0]?.response.id,
      status: "failed",
      error: { code: "server_error", message: expect.stringContaining("An error occurred while processing") },
    })
  })

  test("a response.failed after streamed text continues the numbering and names the same response", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial", chunks: 1 } })
    const sent = await streamEvents()
    const failed = sent.at(-1)
    expect(failed).toMatchObject({ type: "response.failed", sequence_number: sent.length - 1 })
    expect(failed?.response.id).toBe(sent[0]?.response.id)
    expect(sent.map((event) => event.sequence_number)).toEqual(sent.map((_, index) => index))
    expect(sent.some((event) => event.type === "response.completed")).toBe(false)
  })

  test("responses_event: error sends an error event carrying a nested error object instead", async () => {
    fake.setScript({ "*": { kind: "stream_error", responses_event: "error" } })
    const sent = await streamEvents()
    expect(sent.map((event) => event.type)).toEqual(["response.created", "response.in_progress", "error"])
    expect(sent[2]).toEqual({
      type: "error",
      sequence_number: 2,
      error: { type: "server_error", code: "server_error", message: expect.any(String), param: null },
    })
  })

  test("a non-streaming request answers stream_error with OpenAI's overloaded error", async () => {
    fake.setScript({ "*": { kind: "stream_error" } })
    const response = await postJson(responsesUrl(), { model: "gpt-r", input: "hi" })
    expect(response.status).toBe(503)
  })

  describe.each(CLIENTS.filter((client) => client.format === "openai-responses"))("$name client", (client) => {
    test.each(["response.failed", "error"] as const)(
      "sees an in-stream %s event before any output as a retryable 500 APICallError carrying it",
      async (event) => {
        fake.setScript({ "*": { kind: "stream_error", responses_event: event } })
        const outcome = await collectStream(client.model(fake.url, "gpt-r"))
        expect(outcome.text).toBe("")
        expect(outcome.errors).toHaveLength(1)
        const error = outcome.errors[0]
        expect(APICallError.isInstance(error)).toBe(true)
        const apiError = error as APICallError
        expect(apiError.statusCode).toBe(500)
        expect(apiError.isRetryable).toBe(true)
        expect(JSON.parse(apiError.responseBody ?? "null")).toMatchObject({ type: event, sequence_number: 2 })
      },
    )

    test.each(["response.failed", "error"] as const)(
      "keeps the text streamed before an in-stream %s event and reports one error without a stop",
      async (event) => {
        fake.setScript({ "*": { kind: "stream_error", text: "partial answer", responses_event: event } })
        const outcome = await collectStream(client.model(fake.url, "gpt-r"))
        expect(outcome.text).toBe("partial answer")
        expect(outcome.errors).toHaveLength(1)
        expect(outcome.finishReason).toBe("error")
      },
    )
  })
})
