// Wire-level checks of the Gemini format, whose model and streaming mode
// live in the URL rather than the body.

import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { parseSse, postJson } from "./test-support.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const body = { contents: [{ role: "user", parts: [{ text: "hi" }] }] }

test("the model id is taken from the URL path", async () => {
  const response = await postJson(`${fake.url}/v1beta/models/gemini-2.5-pro:generateContent`, body)
  const answer = await response.json()
  expect(answer.candidates[0]).toMatchObject({
    content: { parts: [{ text: "ok from gemini-2.5-pro" }], role: "model" },
    finishReason: "STOP",
  })
  expect(fake.requests[0]).toMatchObject({ format: "google", model: "gemini-2.5-pro", stream: false })
})

test("streamGenerateContent with alt=sse streams SSE chunks whose last one has finishReason and usage", async () => {
  const response = await postJson(`${fake.url}/v1beta/models/gemini-x:streamGenerateContent?alt=sse`, body)
  expect(response.headers.get("content-type")).toStartWith("text/event-stream")
  const chunks = parseSse(await response.text()).map((frame) => JSON.parse(frame.data))
  expect(chunks.map((c) => c.candidates[0].content.parts[0].text).join("")).toBe("ok from gemini-x")
  expect(chunks.at(-1)).toMatchObject({
    candidates: [{ finishReason: "STOP" }],
    usageMetadata: { candidatesTokenCount: expect.any(Number) },
  })
  expect(fake.requests[0]?.stream).toBe(true)
})

test("streamGenerateContent without alt=sse streams one JSON array, as the real API does", async () => {
  const response = await postJson(`${fake.url}/v1beta/models/gemini-x:streamGenerateContent`, body)
  expect(response.headers.get("content-type")).toStartWith("application/json")
  const chunks = (await response.json()) as { candidates: { content: { parts: { text: string }[] } }[] }[]
  expect(chunks.map((c) => c.candidates[0]?.content.parts[0]?.text).join("")).toBe("ok from gemini-x")
})

test("a function call arrives whole in a single part", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "grep", input: { pattern: "TODO" } } })
  const response = await postJson(`${fake.url}/v1beta/models/gemini-x:generateContent`, body)
  const answer = await response.json()
  expect(answer.candidates[0].content.parts).toEqual([{ functionCall: { name: "grep", args: { pattern: "TODO" } } }])
})

test("a key passed as ?key= is neither in the logged path nor anywhere in the record", async () => {
  await postJson(`${fake.url}/v1beta/models/gemini-x:generateContent?key=AIzaSecretKey123`, body)
  const [record] = fake.requests
  expect(record?.path).toBe("/v1beta/models/gemini-x:generateContent")
  expect(record?.key_id).toMatch(/^[0-9a-f]{8}$/)
  expect(JSON.stringify(record)).not.toContain("Secret")
})
