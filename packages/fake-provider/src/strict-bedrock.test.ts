import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock"
import { afterAll, beforeEach, expect, test } from "bun:test"
import { generateText, jsonSchema, stepCountIs, tool } from "ai"
import { FAKE_AWS_CREDENTIALS } from "./bedrock.ts"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0"
const user = (text: string) => ({ role: "user", content: [{ text }] })
const assistant = (...content: unknown[]) => ({ role: "assistant", content })
const toolUse = (toolUseId: string) => ({ toolUse: { toolUseId, name: "read_file", input: { path: "a.ts" } } })
const toolResult = (...ids: string[]) => ({
  role: "user",
  content: ids.map((toolUseId) => ({ toolResult: { toolUseId, content: [{ text: "ok" }] } })),
})
const reasoning = (text: string, signature: string) => ({ reasoningContent: { reasoningText: { text, signature } } })

function post(body: unknown) {
  return postJson(`${fake.url}/model/${encodeURIComponent(MODEL)}/converse`, body, { authorization: "Bearer k" })
}

async function expectRejected(body: unknown, message: string) {
  const response = await post(body)
  expect(response.status).toBe(400)
  expect(response.headers.get("x-amzn-errortype")).toBe(
    "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/",
  )
  expect(await response.json()).toEqual({ message })
  expect(fake.requests.at(-1)?.rejected).toBe(message)
}

test("a well-formed tool round trip is accepted", async () => {
  const response = await post({
    messages: [user("read a.ts"), assistant({ text: "Reading" }, toolUse("t1")), toolResult("t1")],
    inferenceConfig: { maxTokens: 1024 },
  })
  expect(response.status).toBe(200)
  expect(fake.requests[0]?.rejected).toBeUndefined()
})

test("maxTokens below 1 or not an integer is refused", async () => {
  await expectRejected(
    { messages: [user("hi")], inferenceConfig: { maxTokens: 0 } },
    "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1",
  )
  await expectRejected(
    { messages: [user("hi")], inferenceConfig: { maxTokens: 2.5 } },
    "1 validation error detected: Value '2.5' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must be an integer",
  )
})

test("a conversation that opens with the assistant is refused", async () => {
  await expectRejected(
    { messages: [assistant({ text: "hello" }), user("hi")] },
    "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
  )
})

test("two user messages in a row are refused", async () => {
  await expectRejected(
    { messages: [user("a"), user("b")] },
    "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
  )
})

test("a blank text block is refused with its position", async () => {
  await expectRejected(
    { messages: [user("hi"), assistant({ text: " " }), user("again")] },
    "The text field in the ContentBlock object at messages.1.content.0 is blank. Add text to the text field, and try again.",
  )
})

test("a toolResult for another id, or with no toolUse before it, is refused", async () => {
  await expectRejected(
    { messages: [user("go"), assistant(toolUse("t1")), toolResult("t2")] },
    "Expected toolResult blocks at messages.2.content for the following Ids: t1, but found: t2",
  )
  await expectRejected(
    { messages: [user("go"), assistant({ text: "no tools" }), toolResult("t1")] },
    "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of previous turn.",
  )
  await expectRejected(
    { messages: [user("go"), assistant(toolUse("t1")), user("never mind")] },
    "Expected toolResult blocks at messages.2.content for the following Ids: t1",
  )
})

test("replayed reasoning must keep the signature this server issued for the model", async () => {
  const text = "let me think"
  const good = fake.signReasoning("bedrock", MODEL, text)
  const accepted = await post({ messages: [user("q"), assistant(reasoning(text, good), { text: "a" }), user("more")] })
  expect(accepted.status).toBe(200)
  await expectRejected(
    {
      messages: [
        user("q"),
        assistant(reasoning(text, fake.signReasoning("bedrock", "other-model", text)), { text: "a" }),
        user("more"),
      ],
    },
    "The model returned the following errors: messages.1.content.0: Invalid `signature` in `thinking` block",
  )
})

test("the real client's tool round trip with signed reasoning keeps every rule", async () => {
  fake.setScript({
    "*": [
      { kind: "tool_call", name: "read_file", input: { path: "a.ts" }, reasoning: "I should read it" },
      { kind: "text", text: "done" },
    ],
  })
  const bedrock = createAmazonBedrock({ region: "us-east-1", baseURL: fake.url, ...FAKE_AWS_CREDENTIALS })
  const result = await generateText({
    model: bedrock(MODEL),
    prompt: "read a.ts",
    maxRetries: 0,
    stopWhen: stepCountIs(2),
    tools: {
      read_file: tool({
        inputSchema: jsonSchema<{ path: string }>({ type: "object", properties: { path: { type: "string" } } }),
        execute: async () => "contents",
      }),
    },
  })
  expect(result.text).toBe("done")
  expect(fake.requests).toHaveLength(2)
  expect(fake.requests.map((record) => record.rejected)).toEqual([undefined, undefined])
  // The second request replays the signed reasoning, so the signature rule was really exercised.
  expect(JSON.stringify(fake.requests[1]?.body)).toContain(fake.signReasoning("bedrock", MODEL, "I should read it"))
})
