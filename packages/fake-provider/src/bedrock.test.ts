// The Bedrock Converse format: AWS event stream frames on the wire, SigV4 at
// the door, and Bedrock's exceptions, checked with raw requests and with the
// real @ai-sdk/amazon-bedrock client.

import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock"
import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { APICallError, generateText, streamText } from "ai"
import { FAKE_AWS_CREDENTIALS } from "./bedrock.ts"
import { decodeEventStream } from "./event-stream.ts"
import { keyId } from "./request-log.ts"
import { startFakeProvider } from "./server.ts"
import { collectStream, postJson } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const API_KEY = "ABSKZmFrZS1iZWRyb2NrLWFwaS1rZXk="
const CLAUDE = "anthropic.claude-sonnet-4-5-20250929-v1:0"
const body = { messages: [{ role: "user", content: [{ text: "hi" }] }] }
const bearer = { authorization: `Bearer ${API_KEY}` }

function signed(options: { secretAccessKey?: string; accessKeyId?: string; fetch?: typeof fetch } = {}) {
  return createAmazonBedrock({ region: "us-east-1", baseURL: fake.url, ...FAKE_AWS_CREDENTIALS, ...options })
}

async function frames(response: Response) {
  return decodeEventStream(new Uint8Array(await response.arrayBuffer())).map((frame) => ({
    headers: frame.headers,
    payload: JSON.parse(frame.payload.toString("utf8")) as Record<string, unknown>,
  }))
}

function apiError(error: unknown): APICallError {
  expect(APICallError.isInstance(error)).toBe(true)
  return error as APICallError
}

describe("wire format", () => {
  test("converse-stream answers AWS event stream frames in Bedrock's event order", async () => {
    fake.setScript({ "*": { kind: "text", text: "Hello there", chunks: 2 } })
    const response = await postJson(`${fake.url}/model/${encodeURIComponent(CLAUDE)}/converse-stream`, body, bearer)
    expect(response.headers.get("content-type")).toBe("application/vnd.amazon.eventstream")
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/)
    const all = await frames(response)
    expect(all.map((frame) => frame.headers[":event-type"])).toEqual([
      "messageStart",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockStop",
      "messageStop",
      "metadata",
    ])
    expect(all.every((frame) => frame.headers[":message-type"] === "event")).toBe(true)
    expect(all.every((frame) => frame.headers[":content-type"] === "application/json")).toBe(true)
    // Real events carry a `p` padding field the client must ignore.
    expect(all.every((frame) => typeof frame.payload["p"] === "string")).toBe(true)
    const texts = all.map((frame) => (frame.payload["delta"] as { text?: string } | undefined)?.text ?? "")
    expect(texts.join("")).toBe("Hello there")
    expect(all.at(-2)?.payload).toMatchObject({ stopReason: "end_turn" })
    const usage = all.at(-1)?.payload["usage"] as { inputTokens: number; outputTokens: number; totalTokens: number }
    expect(usage.totalTokens).toBe(usage.inputTokens + usage.outputTokens)
    expect(usage.outputTokens).toBeGreaterThan(0)
    expect(fake.requests[0]).toMatchObject({ format: "bedrock", model: CLAUDE, stream: true })
  })

  test("only a toolUse block opens with contentBlockStart, and its input streams as JSON text", async () => {
    fake.setScript({ "*": { kind: "tool_call", id: "tooluse_abc", name: "grep", input: { q: "x" }, text: "Look" } })
    const all = await frames(await postJson(`${fake.url}/model/m/converse-stream`, body, bearer))
    const starts = all.filter((frame) => frame.headers[":event-type"] === "contentBlockStart")
    expect(starts.map((frame) => frame.payload)).toEqual([
      expect.objectContaining({ contentBlockIndex: 1, start: { toolUse: { toolUseId: "tooluse_abc", name: "grep" } } }),
    ])
    const input = all
      .map((frame) => (frame.payload["delta"] as { toolUse?: { input: string } } | undefined)?.toolUse?.input ?? "")
      .join("")
    expect(JSON.parse(input)).toEqual({ q: "x" })
    expect(all.at(-2)?.payload).toMatchObject({ stopReason: "tool_use" })
  })

  test("an in-stream error is an exception frame named in :exception-type", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial" } })
    const all = await frames(await postJson(`${fake.url}/model/m/converse-stream`, body, bearer))
    expect(all.at(-1)).toEqual({
      headers: {
        ":exception-type": "internalServerException",
        ":content-type": "application/json",
        ":message-type": "exception",
      },
      payload: { message: "The system encountered an unexpected error during processing. Try your request again." },
    })
  })

  test("converse answers one JSON message with Bedrock's content blocks", async () => {
    fake.setScript({ "*": { kind: "tool_call", id: "tooluse_1", name: "grep", input: { q: "x" }, reasoning: "hm" } })
    const answer = await (await postJson(`${fake.url}/model/m/converse`, body, bearer)).json()
    expect(answer).toMatchObject({
      output: {
        message: {
          role: "assistant",
          content: [
            {
              reasoningContent: { reasoningText: { text: "hm", signature: fake.signReasoning("bedrock", "m", "hm") } },
            },
            { toolUse: { toolUseId: "tooluse_1", name: "grep", input: { q: "x" } } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number), totalTokens: expect.any(Number) },
    })
  })
})

describe("the real @ai-sdk/amazon-bedrock client", () => {
  test("streams reasoning with the signature the server issued for that model", async () => {
    fake.setScript({ "*": { kind: "text", text: "answer", reasoning: "let me think" } })
    const result = streamText({ model: signed()(CLAUDE), prompt: "hi", maxRetries: 0 })
    expect(await result.text).toBe("answer")
    const [reasoning] = await result.reasoning
    expect(reasoning?.text).toBe("let me think")
    expect(reasoning?.providerMetadata?.["bedrock"]).toEqual({
      signature: fake.signReasoning("bedrock", CLAUDE, "let me think"),
    })
  })

  test("returns signed reasoning from a non-streaming call", async () => {
    fake.setScript({ "*": { kind: "text", text: "answer", reasoning: "thinking" } })
    const result = await generateText({ model: signed()(CLAUDE), prompt: "hi", maxRetries: 0 })
    expect(result.reasoningText).toBe("thinking")
    expect(result.reasoning[0]?.providerMetadata?.["bedrock"]).toMatchObject({
      signature: fake.signReasoning("bedrock", CLAUDE, "thinking"),
    })
    expect(result.response.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  test("a model id with a colon is routed, decoded and its signature verified", async () => {
    await generateText({ model: signed()(CLAUDE), prompt: "hi", maxRetries: 0 })
    expect(fake.requests[0]).toMatchObject({ model: CLAUDE, step: "text" })
    expect(fake.requests[0]?.rejected).toBeUndefined()
    expect(fake.requests[0]?.path).toBe(`/model/${encodeURIComponent(CLAUDE)}/converse`)
  })

  test("logs the access key id's hash and never the Authorization header", async () => {
    await generateText({ model: signed()("m"), prompt: "hi", maxRetries: 0 })
    const [record] = fake.requests
    expect(record?.key_id).toBe(keyId(FAKE_AWS_CREDENTIALS.accessKeyId))
    expect(record?.headers["authorization"]).toBeUndefined()
    expect(record?.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/)
    expect(JSON.stringify(record)).not.toContain("Signature=")
  })

  test("accepts a Bedrock API key as a bearer token", async () => {
    const model = createAmazonBedrock({ region: "us-east-1", baseURL: fake.url, apiKey: API_KEY })("m")
    const outcome = await collectStream(model)
    expect(outcome).toMatchObject({ text: "ok from m", errors: [] })
    expect(fake.requests[0]?.key_id).toBe(keyId(API_KEY))
    expect(JSON.stringify(fake.requests[0])).not.toContain(API_KEY)
  })

  test("a wrong secret is refused with 403 InvalidSignatureException, and the step stays due", async () => {
    fake.setScript({
      "*": [
        { kind: "text", text: "first" },
        { kind: "text", text: "second" },
      ],
    })
    const error = await generateText({
      model: signed({ secretAccessKey: "not-the-secret" })("m"),
      prompt: "hi",
      maxRetries: 0,
    }).catch((e: unknown) => e)
    const refused = apiError(error)
    expect(refused.statusCode).toBe(403)
    expect(refused.isRetryable).toBe(false)
    expect(refused.responseHeaders?.["x-amzn-errortype"]).toBe(
      "InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/",
    )
    expect(JSON.parse(refused.responseBody ?? "")).toEqual({
      message:
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
    })
    expect(fake.requests[0]?.rejected).toStartWith("The request signature we calculated does not match")
    const retried = await generateText({ model: signed()("m"), prompt: "hi", maxRetries: 0 })
    expect(retried.text).toBe("first")
  })

  test("an unknown access key is refused as UnrecognizedClientException", async () => {
    const outcome = await collectStream(signed({ accessKeyId: "AKIAUNKNOWN000000000" })("m"))
    const refused = apiError(outcome.errors[0])
    expect(refused.statusCode).toBe(403)
    expect(JSON.parse(refused.responseBody ?? "")).toEqual({
      message: "The security token included in the request is invalid.",
    })
    expect(refused.responseHeaders?.["x-amzn-errortype"]).toStartWith("UnrecognizedClientException:")
  })

  test("a body changed after signing is refused", async () => {
    const tamper: typeof fetch = Object.assign(
      (input: RequestInfo | URL, init?: RequestInit) =>
        fetch(input, { ...init, body: String(init?.body).replace("hello", "HELLO") }),
      { preconnect: fetch.preconnect },
    )
    const error = await generateText({ model: signed({ fetch: tamper })("m"), prompt: "hello", maxRetries: 0 }).catch(
      (e: unknown) => e,
    )
    expect(apiError(error).responseHeaders?.["x-amzn-errortype"]).toStartWith("InvalidSignatureException:")
    expect((fake.requests[0]?.body as { messages: unknown[] }).messages).toEqual([
      { role: "user", content: [{ text: "HELLO" }] },
    ])
  })

  test("a missing model is a 404 ResourceNotFoundException", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const error = await generateText({ model: signed()("m"), prompt: "hi", maxRetries: 0 }).catch((e: unknown) => e)
    const notFound = apiError(error)
    expect(notFound.statusCode).toBe(404)
    expect(notFound.isRetryable).toBe(false)
    expect(notFound.responseHeaders?.["x-amzn-errortype"]).toStartWith("ResourceNotFoundException:")
  })

  test("a throttle carries no retry-after header, because Bedrock sends none", async () => {
    fake.setScript({ "*": { kind: "rate_limit", retry_after_s: 7 } })
    const outcome = await collectStream(signed()("m"))
    const throttled = apiError(outcome.errors[0])
    expect(throttled.statusCode).toBe(429)
    expect(throttled.isRetryable).toBe(true)
    expect(throttled.responseHeaders?.["retry-after"]).toBeUndefined()
  })
})

test("a request with no Authorization header is refused before a step is used up", async () => {
  fake.setScript({ "*": { kind: "overloaded" } })
  const response = await postJson(`${fake.url}/model/m/converse`, body)
  expect(response.status).toBe(403)
  expect(response.headers.get("x-amzn-errortype")).toBe(
    "MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/",
  )
  expect(await response.json()).toEqual({ message: "Missing Authentication Token" })
  expect(fake.requests[0]).toMatchObject({ step: "overloaded", rejected: "Missing Authentication Token" })
})
