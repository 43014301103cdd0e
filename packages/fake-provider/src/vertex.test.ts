// Vertex AI: Gemini and Claude under Google Cloud URLs, driven by
// @ai-sdk/google-vertex 4.0.181, plus the checks that its routes leave the
// Gemini API's untouched.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createVertex } from "@ai-sdk/google-vertex"
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic"
import { APICallError, generateText, streamText } from "ai"
import { keyId } from "./request-log.ts"
import type { Step } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import {
  collectStream,
  parseSse,
  postJson,
  TEST_KEY,
  TOOLS,
  VERTEX_ANTHROPIC_PATH,
  VERTEX_GOOGLE_PATH,
  VERTEX_PROJECT,
} from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const gemini = (id = "gemini-2.5-flash") =>
  createVertex({ ...VERTEX_PROJECT, baseURL: `${fake.url}${VERTEX_GOOGLE_PATH}`, apiKey: TEST_KEY })(id)
const claude = (id = "claude-sonnet-4-5@20250929") =>
  createVertexAnthropic({
    ...VERTEX_PROJECT,
    baseURL: `${fake.url}${VERTEX_ANTHROPIC_PATH}`,
    generateAuthToken: async () => TEST_KEY,
  })(id)

const contents = { contents: [{ role: "user", parts: [{ text: "hi" }] }] }
const bearer = { authorization: `Bearer ${TEST_KEY}` }

/** Response ids are random per answer; everything else must match to the byte. */
function withoutIds(text: string): string {
  return text.replace(/"responseId":"[A-Za-z0-9]+"/g, '"responseId":"-"')
}

async function failure(pending: Promise<unknown>): Promise<APICallError> {
  const error = await pending.catch((thrown: unknown) => thrown)
  expect(APICallError.isInstance(error)).toBe(true)
  return error as APICallError
}

describe("Gemini on Vertex", () => {
  test("express mode sends x-goog-api-key to the project's path; the log has the model from the URL, not the key", async () => {
    const result = await generateText({ model: gemini(), prompt: "hello", maxRetries: 0 })
    expect(result.text).toBe("ok from gemini-2.5-flash")
    const [record] = fake.requests
    expect(record).toMatchObject({
      format: "vertex",
      model: "gemini-2.5-flash",
      path: `${VERTEX_GOOGLE_PATH}/models/gemini-2.5-flash:generateContent`,
      stream: false,
      key_id: keyId(TEST_KEY),
    })
    expect(record?.headers["x-goog-api-key"]).toBeUndefined()
    expect(JSON.stringify(record)).not.toContain(TEST_KEY.slice(-4))
  })

  test("streams with ?alt=sse and reports a tool call", async () => {
    fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "a.ts" }, text: "Reading." } })
    const outcome = await collectStream(gemini())
    expect(outcome).toMatchObject({ text: "Reading.", toolCalls: [{ toolName: "read_file", input: { path: "a.ts" } }] })
    expect(fake.requests[0]?.path).toBe(`${VERTEX_GOOGLE_PATH}/models/gemini-2.5-flash:streamGenerateContent?alt=sse`)
  })

  test("an OAuth bearer token is accepted as well as an API key", async () => {
    const response = await postJson(
      `${fake.url}${VERTEX_GOOGLE_PATH}/models/gemini-2.5-pro:generateContent`,
      contents,
      {
        authorization: "Bearer ya29.fake-access-token",
      },
    )
    expect(response.status).toBe(200)
    expect(fake.requests[0]).toMatchObject({ format: "vertex", key_id: keyId("ya29.fake-access-token") })
    expect(fake.requests[0]?.headers["authorization"]).toBeUndefined()
  })

  test("the express-mode path without a project routes to Vertex too", async () => {
    const response = await postJson(
      `${fake.url}/v1/publishers/google/models/gemini-2.5-flash:generateContent`,
      contents,
      {
        "x-goog-api-key": TEST_KEY,
      },
    )
    expect(response.status).toBe(200)
    expect(fake.requests[0]).toMatchObject({ format: "vertex", model: "gemini-2.5-flash" })
  })

  test("a request with no credential is refused with Vertex's 401 before a step is used up", async () => {
    fake.setScript({
      "*": [
        { kind: "text", text: "first" },
        { kind: "text", text: "second" },
      ],
    })
    const response = await postJson(
      `${fake.url}${VERTEX_GOOGLE_PATH}/models/gemini-2.5-flash:generateContent`,
      contents,
    )
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: expect.stringMatching(/^Request is missing required authentication credential\./),
        status: "UNAUTHENTICATED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "CREDENTIALS_MISSING",
            domain: "googleapis.com",
            metadata: {
              service: "aiplatform.googleapis.com",
              method: "google.cloud.aiplatform.v1.PredictionService.GenerateContent",
            },
          },
        ],
      },
    })
    expect(fake.requests[0]?.rejected).toBe("the request carried no credential")
    const answer = await generateText({ model: gemini(), prompt: "hi", maxRetries: 0 })
    expect(answer.text).toBe("first")
  })

  test("streams exactly the bytes the Gemini API route streams", async () => {
    const step: Step = {
      kind: "tool_call",
      name: "read_file",
      input: { path: "a" },
      text: "Some text",
      reasoning: "hm",
    }
    fake.setScript({ "*": step })
    const viaVertex = await postJson(
      `${fake.url}${VERTEX_GOOGLE_PATH}/models/gemini-x:streamGenerateContent?alt=sse`,
      contents,
      bearer,
    )
    const viaGemini = await postJson(`${fake.url}/v1beta/models/gemini-x:streamGenerateContent?alt=sse`, contents, {
      "x-goog-api-key": TEST_KEY,
    })
    const vertexText = await viaVertex.text()
    const geminiText = await viaGemini.text()
    expect(parseSse(geminiText).length).toBeGreaterThan(3)
    expect(viaVertex.headers.get("content-type")).toBe(viaGemini.headers.get("content-type"))
    // Thought signatures are bound to the format that issued them, so only the rest is compared byte for byte.
    const unsigned = (text: string) => withoutIds(text).replace(/"thoughtSignature":"[^"]+"/g, '"thoughtSignature":"-"')
    expect(unsigned(vertexText)).toBe(unsigned(geminiText))
    expect(fake.requests.map((record) => record.format)).toEqual(["vertex", "google"])
  })

  test("without alt=sse streams one JSON array, as the Gemini API route does", async () => {
    const response = await postJson(
      `${fake.url}${VERTEX_GOOGLE_PATH}/models/gemini-x:streamGenerateContent`,
      contents,
      bearer,
    )
    const chunks = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] }[]
    expect(chunks.map((chunk) => chunk.candidates[0]?.content.parts[0]?.text).join("")).toBe("ok from gemini-x")
  })

  test("sees a rate limit as a retryable 429 RESOURCE_EXHAUSTED that promises no retry delay", async () => {
    fake.setScript({ "*": { kind: "rate_limit", retry_after_s: 7 } })
    const error = await failure(generateText({ model: gemini(), prompt: "hi", maxRetries: 0 }))
    expect([error.statusCode, error.isRetryable]).toEqual([429, true])
    expect(error.responseHeaders?.["retry-after"]).toBeUndefined()
    expect(error.responseBody).not.toContain("RetryInfo")
  })

  test("sees an unknown model as a 404 naming the publisher model", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const outcome = await collectStream(gemini("gemini-9"))
    const error = outcome.errors[0] as APICallError
    expect([error.statusCode, error.isRetryable]).toEqual([404, false])
    expect(error.message).toStartWith("Publisher Model `publishers/google/models/gemini-9` was not found")
  })

  test("sees a cut stream as an error after the text that got through", async () => {
    fake.setScript({ "*": { kind: "cut", text: "half an" } })
    const outcome = await collectStream(gemini())
    expect(outcome.text).toBe("half an")
    expect(outcome.errors).toHaveLength(1)
  })
})

describe("Claude on Vertex", () => {
  test("the body carries anthropic_version and no model; the model and stream mode come from the URL", async () => {
    const outcome = await collectStream(claude())
    expect(outcome).toMatchObject({ text: "ok from claude-sonnet-4-5@20250929", errors: [], finishReason: "stop" })
    await generateText({ model: claude(), prompt: "hi", maxRetries: 0 })
    const [streamed, whole] = fake.requests
    expect(streamed).toMatchObject({
      format: "vertex-anthropic",
      model: "claude-sonnet-4-5@20250929",
      path: `${VERTEX_ANTHROPIC_PATH}/claude-sonnet-4-5@20250929:streamRawPredict`,
      stream: true,
      body: { anthropic_version: "vertex-2023-10-16" },
      key_id: keyId(TEST_KEY),
    })
    expect(whole).toMatchObject({
      path: `${VERTEX_ANTHROPIC_PATH}/claude-sonnet-4-5@20250929:rawPredict`,
      stream: false,
    })
    expect(Object.hasOwn(streamed?.body as object, "model")).toBe(false)
    expect(streamed?.headers["authorization"]).toBeUndefined()
  })

  test("streams signed thinking, text and a tool call through the Anthropic stream code", async () => {
    fake.setScript({
      "*": { kind: "tool_call", name: "read_file", input: { path: "b" }, text: "Reading.", reasoning: "Let me look." },
    })
    const result = streamText({ model: claude(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    const toolCalls: unknown[] = []
    for await (const part of result.fullStream) if (part.type === "tool-call") toolCalls.push(part.input)
    expect(await result.reasoningText).toBe("Let me look.")
    expect(await result.text).toBe("Reading.")
    expect(toolCalls).toEqual([{ path: "b" }])
    const [reasoning] = await result.reasoning
    const signature = fake.signReasoning("vertex-anthropic", "claude-sonnet-4-5@20250929", "Let me look.")
    expect(reasoning?.providerMetadata?.["anthropic"]?.["signature"]).toBe(signature)
  })

  test("a request with no credential is refused with Vertex's 401, not Anthropic's", async () => {
    const response = await postJson(`${fake.url}${VERTEX_ANTHROPIC_PATH}/claude-x:rawPredict`, {
      anthropic_version: "vertex-2023-10-16",
      messages: [{ role: "user", content: "hi" }],
      max_tokens: 10,
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({
      error: {
        status: "UNAUTHENTICATED",
        details: [{ reason: "CREDENTIALS_MISSING", metadata: { method: expect.stringMatching(/\.RawPredict$/) } }],
      },
    })
  })

  test("sees Vertex's quota 429 as a retryable APICallError although it is not in Anthropic's shape", async () => {
    fake.setScript({ "*": { kind: "rate_limit", retry_after_s: 3 } })
    const outcome = await collectStream(claude())
    const error = outcome.errors[0] as APICallError
    expect(APICallError.isInstance(error)).toBe(true)
    expect([error.statusCode, error.isRetryable]).toEqual([429, true])
    expect(JSON.parse(error.responseBody ?? "null")).toMatchObject({ error: { status: "RESOURCE_EXHAUSTED" } })
  })

  test("sees an in-stream overloaded error as an error part after the text", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "part" } })
    const outcome = await collectStream(claude())
    expect(outcome.text).toBe("part")
    expect(outcome.errors).toHaveLength(1)
  })

  test("sees an unknown model as Vertex's 404, not retried", async () => {
    fake.setScript({ "*": { kind: "model_not_found" } })
    const error = await failure(generateText({ model: claude("claude-nope"), prompt: "hi", maxRetries: 0 }))
    expect([error.statusCode, error.isRetryable]).toEqual([404, false])
    expect(JSON.parse(error.responseBody ?? "null")).toMatchObject({
      error: { status: "NOT_FOUND", message: expect.stringContaining("publishers/anthropic/models/claude-nope") },
    })
  })
})

describe("the Gemini API route", () => {
  test("is still served by the google vendor, with its own 400 API_KEY_INVALID for a rejected key", async () => {
    fake.setScript({ "*": { kind: "unauthorized" } })
    const response = await postJson(`${fake.url}/v1beta/models/gemini-x:generateContent`, contents)
    expect(response.status).toBe(400)
    expect(fake.requests[0]).toMatchObject({ format: "google", model: "gemini-x" })
  })
})
