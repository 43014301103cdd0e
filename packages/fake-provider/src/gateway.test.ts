// The Vercel AI Gateway's language-model protocol: the wire (headers in, stream parts out), and what
// @ai-sdk/gateway 3.0.191 makes of it (text, reasoning with its signature, tool calls, its error classes,
// accepted credentials).

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import {
  createGateway,
  GatewayAuthenticationError,
  GatewayError,
  GatewayInternalServerError,
  GatewayModelNotFoundError,
  GatewayRateLimitError,
} from "@ai-sdk/gateway"
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

const CLAUDE = "anthropic/claude-sonnet-4"
const model = (id = CLAUDE, url = fake.url, apiKey = TEST_KEY) => createGateway({ baseURL: `${url}/v3/ai`, apiKey })(id)
const ENDPOINT = "/v3/ai/language-model"
const prompt = [{ role: "user", content: [{ type: "text", text: "hi" }] }]

function headers(id: string, streaming: boolean): Record<string, string> {
  return {
    authorization: `Bearer ${TEST_KEY}`,
    "ai-gateway-protocol-version": "0.0.1",
    "ai-language-model-specification-version": "3",
    "ai-language-model-id": id,
    "ai-language-model-streaming": String(streaming),
  }
}

async function parts(step: Step, id = CLAUDE) {
  fake.setScript({ "*": step })
  const response = await postJson(`${fake.url}${ENDPOINT}`, { prompt }, headers(id, true))
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const text = await response.text()
  expect(text).not.toContain("[DONE]")
  const frames = parseSse(text)
  expect(frames.every((frame) => frame.event === undefined)).toBe(true)
  return frames.map((frame) => JSON.parse(frame.data) as { type: string } & Record<string, unknown>)
}

/** The gateway's error classes keep the HTTP failure as their cause. */
function httpCause(error: unknown): APICallError {
  expect(GatewayError.isInstance(error)).toBe(true)
  const cause = (error as GatewayError).cause
  expect(APICallError.isInstance(cause)).toBe(true)
  return cause as APICallError
}

describe("wire format", () => {
  test("a text stream is stream-start, response-metadata, one text block and finish with version 3 usage", async () => {
    const data = await parts({ kind: "text", text: "Hello there", chunks: 2 })
    expect(data.map((part) => part.type)).toEqual([
      "stream-start",
      "response-metadata",
      "text-start",
      "text-delta",
      "text-delta",
      "text-end",
      "finish",
    ])
    expect(data[1]).toMatchObject({ id: expect.stringMatching(/^gen_/), modelId: CLAUDE })
    expect(new Date(String(data[1]?.["timestamp"])).getTime()).not.toBeNaN()
    expect(
      data
        .filter((part) => part.type === "text-delta")
        .map((part) => part["delta"])
        .join(""),
    ).toBe("Hello there")
    expect(data.at(-1)).toEqual({
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: expect.any(Number), noCache: expect.any(Number), cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: expect.any(Number), text: expect.any(Number), reasoning: 0 },
      },
    })
  })

  test("the model and the streaming mode come from the headers, not the body", async () => {
    await postJson(`${fake.url}${ENDPOINT}`, { prompt }, headers("openai/gpt-5", false))
    expect(fake.requests[0]).toMatchObject({ format: "gateway", model: "openai/gpt-5", stream: false, path: ENDPOINT })
  })

  test("a tool call streams tool-input-start, -delta and -end, then the call with its JSON input", async () => {
    const data = await parts({ kind: "tool_call", name: "read_file", input: { path: "a.ts" } }, "openai/gpt-5")
    expect(data.map((part) => part.type)).toEqual([
      "stream-start",
      "response-metadata",
      "tool-input-start",
      "tool-input-delta",
      "tool-input-delta",
      "tool-input-end",
      "tool-call",
      "finish",
    ])
    const call = data.find((part) => part.type === "tool-call")
    expect(call).toEqual({
      type: "tool-call",
      toolCallId: expect.stringMatching(/^call_/),
      toolName: "read_file",
      input: '{"path":"a.ts"}',
    })
    expect(data.at(-1)?.["finishReason"]).toEqual({ unified: "tool-calls", raw: "tool_calls" })
  })

  test("tool call ids follow the upstream provider the model id names", async () => {
    const data = await parts({ kind: "tool_call", name: "read_file", input: {} }, CLAUDE)
    expect(data.find((part) => part.type === "tool-call")?.["toolCallId"]).toMatch(/^toolu_01/)
  })

  test("a non-streaming answer is the result's content, finish reason and usage", async () => {
    fake.setScript({ "*": { kind: "text", text: "Four.", reasoning: "Two and two." } })
    const response = await postJson(`${fake.url}${ENDPOINT}`, { prompt }, headers(CLAUDE, false))
    expect(await response.json()).toEqual({
      content: [
        {
          type: "reasoning",
          text: "Two and two.",
          providerMetadata: { anthropic: { signature: fake.signReasoning("gateway", CLAUDE, "Two and two.") } },
        },
        { type: "text", text: "Four." },
      ],
      finishReason: { unified: "stop", raw: "stop" },
      usage: expect.objectContaining({ outputTokens: expect.objectContaining({ reasoning: expect.any(Number) }) }),
    })
  })

  test("an in-stream failure is an error part carrying the upstream's error, then a finish with reason error", async () => {
    const data = await parts({ kind: "stream_error" })
    expect(data.map((part) => part.type)).toEqual(["stream-start", "response-metadata", "error", "finish"])
    expect(data[2]).toEqual({
      type: "error",
      error: { message: "Overloaded", type: "AI_APICallError", statusCode: 529 },
    })
    expect(data[3]?.["finishReason"]).toEqual({ unified: "error", raw: "error" })
  })

  test("a request without a bearer token is refused with a 401 authentication_error before a step is used up", async () => {
    fake.setScript({ "*": [{ kind: "text", text: "first" }, { kind: "text" }] })
    const { authorization: _, ...anonymous } = headers(CLAUDE, false)
    const response = await postJson(`${fake.url}${ENDPOINT}`, { prompt }, anonymous)
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: { message: "Missing authentication token.", type: "authentication_error" },
    })
    expect(fake.requests[0]).toMatchObject({
      format: "gateway",
      rejected: "the request carried no API key or OIDC token",
    })
    expect((await generateText({ model: model(), prompt: "hi", maxRetries: 0 })).text).toBe("first")
  })
})

describe("@ai-sdk/gateway 3.0.191", () => {
  test("names the model, the streaming mode and its protocol in headers and posts the call options", async () => {
    await collectStream(model())
    const [record] = fake.requests
    expect(record).toMatchObject({ format: "gateway", model: CLAUDE, path: ENDPOINT, stream: true })
    expect(record?.headers).toMatchObject({
      "ai-gateway-protocol-version": "0.0.1",
      "ai-gateway-auth-method": "api-key",
      "ai-language-model-specification-version": "3",
      "ai-language-model-id": CLAUDE,
      "ai-language-model-streaming": "true",
    })
    expect(record?.key_id).toBe(keyId(TEST_KEY))
    expect(record?.headers["authorization"]).toBeUndefined()
    expect(JSON.stringify(record)).not.toContain(TEST_KEY.slice(-4))
    expect(record?.body).toMatchObject({
      prompt: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
      tools: [{ type: "function", name: "read_file", inputSchema: { required: ["path"] } }],
    })
  })

  test("streams the scripted text and returns it from a non-streaming call", async () => {
    fake.setScript({ "*": [{ kind: "text", text: "streamed", chunks: 3 }, { kind: "text" }] })
    expect(await collectStream(model())).toMatchObject({ text: "streamed", errors: [], finishReason: "stop" })
    const result = await generateText({ model: model("openai/gpt-5"), prompt: "hi", maxRetries: 0 })
    expect([result.text, result.finishReason]).toEqual(["ok from openai/gpt-5", "stop"])
    expect(result.usage.inputTokens).toBeGreaterThan(0)
    expect(fake.requests.map((request) => request.headers["ai-language-model-streaming"])).toEqual(["true", "false"])
  })

  test("streams and returns a tool call with the scripted id", async () => {
    const step: Step = { kind: "tool_call", name: "read_file", input: { path: "x" }, id: "toolu_01scripted" }
    fake.setScript({ "*": step })
    const streamed = streamText({ model: model(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    expect((await streamed.toolCalls).map((call) => [call.toolCallId, call.toolName, call.input])).toEqual([
      ["toolu_01scripted", "read_file", { path: "x" }],
    ])
    expect(await streamed.finishReason).toBe("tool-calls")
    const result = await generateText({ model: model(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    expect(result.toolCalls.map((call) => [call.toolCallId, call.input])).toEqual([["toolu_01scripted", { path: "x" }]])
  })

  test("streams reasoning before the text, with the fake's signature in the upstream's provider metadata", async () => {
    fake.setScript({ "*": { kind: "text", text: "Four.", reasoning: "Two plus two is four." } })
    const result = streamText({ model: model(), prompt: "2+2?", maxRetries: 0 })
    const order: string[] = []
    for await (const part of result.fullStream) order.push(part.type)
    expect(order.indexOf("reasoning-end")).toBeLessThan(order.indexOf("text-start"))
    expect(await result.text).toBe("Four.")
    const [reasoning] = await result.reasoning
    expect(reasoning?.text).toBe("Two plus two is four.")
    expect(reasoning?.providerMetadata?.["anthropic"]?.["signature"]).toBe(
      fake.signReasoning("gateway", CLAUDE, "Two plus two is four."),
    )
  })

  test("sees a 429 as a retryable GatewayRateLimitError whose cause has the Retry-After, and `ai` retries it", async () => {
    fake.setScript({ "*": { kind: "rate_limit", retry_after_s: 2 } })
    const error = await generateText({ model: model(), prompt: "hi", maxRetries: 0 }).catch((e: unknown) => e)
    expect(GatewayRateLimitError.isInstance(error)).toBe(true)
    const limited = error as GatewayRateLimitError
    expect([limited.statusCode, limited.isRetryable, limited.type]).toEqual([429, true, "rate_limit_exceeded"])
    expect(limited.message).toBe("Free tier requests on this model are rate-limited")
    expect(httpCause(error).responseHeaders?.["retry-after"]).toBe("2")

    // `ai` takes the delay from the cause's Retry-After; zero lets it retry at once.
    fake.setScript({
      "*": [
        { kind: "rate_limit", retry_after_ms: 0 },
        { kind: "text", text: "after the retry" },
      ],
    })
    fake.reset()
    const result = await generateText({ model: model(), prompt: "hi", maxRetries: 1 })
    expect(result.text).toBe("after the retry")
    expect(fake.requests.map((request) => request.step)).toEqual(["rate_limit", "text"])
  })

  test("sees an exhausted balance as a 402 it does not retry", async () => {
    fake.setScript({ "*": { kind: "rate_limit", quota: true } })
    const outcome = await collectStream(model())
    expect(GatewayInternalServerError.isInstance(outcome.errors[0])).toBe(true)
    const error = outcome.errors[0] as GatewayInternalServerError
    expect([error.statusCode, error.isRetryable]).toEqual([402, false])
    expect(error.message).toStartWith("Insufficient funds.")
  })

  test("sees an unknown model as a GatewayModelNotFoundError naming it", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const outcome = await collectStream(model("anthropic/claude-9"))
    expect(GatewayModelNotFoundError.isInstance(outcome.errors[0])).toBe(true)
    const error = outcome.errors[0] as GatewayModelNotFoundError
    expect([error.statusCode, error.isRetryable, error.modelId]).toEqual([404, false, "anthropic/claude-9"])
  })

  test("reports an in-stream error part after the text that got through, and finish reason error", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial" } })
    const outcome = await collectStream(model())
    expect(outcome).toMatchObject({ text: "partial", finishReason: "error" })
    expect(outcome.errors).toEqual([{ message: "Overloaded", type: "AI_APICallError", statusCode: 529 }])
  })

  test("with accepted credentials, only that key passes; any other gets a GatewayAuthenticationError 401", async () => {
    await using strict = await startFakeProvider({
      credentials: { gateway: "vck_the-only-key" },
      script: { "*": { kind: "text", text: "let in" } },
    })
    const refused = await collectStream(model(CLAUDE, strict.url, "vck_other"))
    expect(GatewayAuthenticationError.isInstance(refused.errors[0])).toBe(true)
    const error = refused.errors[0] as GatewayAuthenticationError
    expect([error.statusCode, error.isRetryable]).toEqual([401, false])
    // The package words the message itself, from the auth method it used; the body is the fake's.
    expect(error.message).toStartWith("AI Gateway authentication failed: Invalid API key.")
    expect(JSON.parse(httpCause(error).responseBody ?? "null")).toEqual({
      error: { message: "Invalid API key.", type: "authentication_error" },
    })
    const answer = await collectStream(model(CLAUDE, strict.url, "vck_the-only-key"))
    expect(answer.text).toBe("let in")
    expect(strict.requests.map((request) => request.rejected)).toEqual([
      "the request did not carry the accepted key",
      undefined,
    ])
  })
})
