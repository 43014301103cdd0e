// Cohere v2 chat: the wire sequence, and what @ai-sdk/cohere 3.0.27 makes of
// it (text, tool plans and calls, thinking, the silent in-stream error, faults).

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createCohere } from "@ai-sdk/cohere"
import { APICallError, generateText, streamText } from "ai"
import { keyId } from "./request-log.ts"
import type { Step } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import { collectStream, parseSse, postJson, TEST_KEY, TOOLS } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const model = (id = "command-a-03-2025") => createCohere({ baseURL: `${fake.url}/v2`, apiKey: TEST_KEY })(id)
const auth = { authorization: `Bearer ${TEST_KEY}` }
const body = { model: "command-a-03-2025", messages: [{ role: "user", content: "hi" }] }

async function frames(step: Step) {
  fake.setScript({ "*": step })
  const response = await postJson(`${fake.url}/v2/chat`, { ...body, stream: true }, auth)
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  return parseSse(await response.text())
}

describe("wire format", () => {
  test("a text stream is message-start, one content block and message-end, each event named after its type", async () => {
    const sse = await frames({ kind: "text", text: "Hello there", chunks: 2 })
    for (const frame of sse) expect(JSON.parse(frame.data).type).toBe(frame.event)
    expect(sse.map((frame) => frame.event)).toEqual([
      "message-start",
      "content-start",
      "content-delta",
      "content-delta",
      "content-end",
      "message-end",
    ])
    const deltas = sse.filter((frame) => frame.event === "content-delta").map((frame) => JSON.parse(frame.data))
    expect(deltas.map((delta) => delta.delta.message.content.text).join("")).toBe("Hello there")
    expect(JSON.parse(sse.at(-1)?.data ?? "null")).toMatchObject({
      delta: {
        finish_reason: "COMPLETE",
        usage: { billed_units: { output_tokens: expect.any(Number) }, tokens: { input_tokens: expect.any(Number) } },
      },
    })
  })

  test("a tool call streams its preamble as tool-plan-delta, then tool-call-start, -delta and -end", async () => {
    const sse = await frames({ kind: "tool_call", name: "read_file", input: { path: "a.ts" }, text: "I will read it." })
    expect(sse.map((frame) => frame.event)).toEqual([
      "message-start",
      "tool-plan-delta",
      "tool-plan-delta",
      "tool-plan-delta",
      "tool-call-start",
      "tool-call-delta",
      "tool-call-delta",
      "tool-call-end",
      "message-end",
    ])
    const data = sse.map((frame) => JSON.parse(frame.data))
    expect(data[4].delta.message.tool_calls).toMatchObject({
      id: expect.stringMatching(/^read_file_[a-z0-9]{12}$/),
      type: "function",
      function: { name: "read_file", arguments: "" },
    })
    const args = data
      .filter((d) => d.type === "tool-call-delta")
      .map((d) => d.delta.message.tool_calls.function.arguments)
    expect(JSON.parse(args.join(""))).toEqual({ path: "a.ts" })
    expect(data.at(-1).delta.finish_reason).toBe("TOOL_CALL")
  })

  test("a non-streaming answer has the message, finish_reason and both usage pairs", async () => {
    const response = await postJson(`${fake.url}/v2/chat`, body, auth)
    expect(response.headers.get("x-debug-trace-id")).toMatch(/^[a-z0-9]{32}$/)
    expect(await response.json()).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      message: { role: "assistant", content: [{ type: "text", text: "ok from command-a-03-2025" }] },
      finish_reason: "COMPLETE",
      usage: { billed_units: { input_tokens: expect.any(Number) }, tokens: { output_tokens: expect.any(Number) } },
    })
  })

  test("an in-stream failure ends the stream with finish_reason ERROR and the error's text", async () => {
    const sse = await frames({ kind: "stream_error", text: "partial" })
    expect(sse.at(-1)?.event).toBe("message-end")
    expect(JSON.parse(sse.at(-1)?.data ?? "null").delta).toMatchObject({
      finish_reason: "ERROR",
      error: expect.stringContaining("internal server error"),
    })
  })

  test("a request without a bearer key is refused with Cohere's 401 before a step is used up", async () => {
    fake.setScript({
      "*": [
        { kind: "text", text: "first" },
        { kind: "text", text: "second" },
      ],
    })
    const response = await postJson(`${fake.url}/v2/chat`, body)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ message: "no api key supplied" })
    expect(fake.requests[0]).toMatchObject({ format: "cohere", rejected: "the request carried no API key" })
    const answer = await generateText({ model: model(), prompt: "hi", maxRetries: 0 })
    expect(answer.text).toBe("first")
  })
})

describe("@ai-sdk/cohere 3.0.27", () => {
  test("sends its bearer key, which the log keeps only as a key id", async () => {
    await generateText({ model: model(), prompt: "hello", maxRetries: 0 })
    const [record] = fake.requests
    expect(record).toMatchObject({ format: "cohere", model: "command-a-03-2025", path: "/v2/chat", stream: false })
    expect(record?.key_id).toBe(keyId(TEST_KEY))
    expect(record?.headers["authorization"]).toBeUndefined()
    expect(JSON.stringify(record)).not.toContain(TEST_KEY.slice(-4))
  })

  test("streams Cohere's thinking content as reasoning before the text", async () => {
    fake.setScript({ "*": { kind: "text", text: "Four.", reasoning: "Two plus two is four." } })
    const result = streamText({ model: model("command-a-reasoning-08-2025"), prompt: "2+2?", maxRetries: 0 })
    const parts: string[] = []
    for await (const part of result.fullStream) parts.push(part.type)
    expect(await result.reasoningText).toBe("Two plus two is four.")
    expect(await result.text).toBe("Four.")
    expect(parts.indexOf("reasoning-end")).toBeLessThan(parts.indexOf("text-start"))
  })

  test("returns thinking content from a non-streaming call as reasoning", async () => {
    fake.setScript({ "*": { kind: "text", text: "Four.", reasoning: "Two plus two." } })
    const result = await generateText({ model: model(), prompt: "2+2?", maxRetries: 0 })
    expect([result.reasoningText, result.text]).toEqual(["Two plus two.", "Four."])
  })

  test("reports the scripted tool call id and a tool-calls finish", async () => {
    fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "x" }, id: "read_file_abc123" } })
    const result = await generateText({ model: model(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    expect(result.toolCalls.map((call) => [call.toolCallId, call.input])).toEqual([["read_file_abc123", { path: "x" }]])
    expect(result.finishReason).toBe("tool-calls")
  })

  test("sees an in-stream failure as finish reason error after the partial text", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial" } })
    const outcome = await collectStream(model())
    expect(outcome).toMatchObject({ text: "partial", errors: [], finishReason: "error" })
  })

  test("sees a cut stream as an error after the text that got through", async () => {
    fake.setScript({ "*": { kind: "cut", text: "half" } })
    const outcome = await collectStream(model())
    expect(outcome.text).toBe("half")
    expect(outcome.errors).toHaveLength(1)
  })

  test("sees a rate limit without retry_after_s as a retryable 429 with no retry-after header", async () => {
    fake.setScript({ "*": { kind: "rate_limit" } })
    const error = await generateText({ model: model(), prompt: "hi", maxRetries: 0 }).catch((e: unknown) => e)
    expect(APICallError.isInstance(error)).toBe(true)
    const apiError = error as APICallError
    expect([apiError.statusCode, apiError.isRetryable]).toEqual([429, true])
    expect(apiError.responseHeaders?.["retry-after"]).toBeUndefined()
    expect(apiError.message).toStartWith("You are using a Trial key")
  })

  test("sees an unknown model as a 404 that is not retried, worded with the model id", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const outcome = await collectStream(model("command-z"))
    const apiError = outcome.errors[0] as APICallError
    expect(APICallError.isInstance(apiError)).toBe(true)
    expect([apiError.statusCode, apiError.isRetryable]).toEqual([404, false])
    expect(apiError.message).toBe(
      "model 'command-z' not found, make sure the correct model ID was used and that you have access to the model.",
    )
  })
})
