// Strict mode must accept what the real AI SDK packages send in a whole tool
// loop (reasoning signed by the fake, a call, its result, the answer), and
// only then is a rejection news. The per-rule tests live beside each rule file.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { createAnthropic } from "@ai-sdk/anthropic"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createOpenAI } from "@ai-sdk/openai"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import { generateText, jsonSchema, stepCountIs, streamText, tool } from "ai"
import type { LanguageModel } from "ai"
import { startFakeProvider } from "./server.ts"
import { postJson, TEST_KEY } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const tools = {
  read_file: tool({
    description: "Read a file",
    inputSchema: jsonSchema<{ path: string }>({
      type: "object",
      properties: { path: { type: "string" } },
      required: ["path"],
    }),
    execute: async (input) => `contents of ${input.path}`,
  }),
}

interface Loop {
  name: string
  model: () => LanguageModel
  providerOptions?: Parameters<typeof generateText>[0]["providerOptions"]
}

const LOOPS: Loop[] = [
  {
    name: "openai-compatible with reasoning_content",
    model: () => createOpenAICompatible({ name: "fake", baseURL: `${fake.url}/v1`, apiKey: TEST_KEY })("kimi-k2"),
  },
  {
    name: "anthropic with thinking enabled",
    model: () => createAnthropic({ baseURL: `${fake.url}/anthropic/v1`, apiKey: TEST_KEY })("claude-sonnet-4-5"),
    providerOptions: { anthropic: { thinking: { type: "enabled", budgetTokens: 1024 } } },
  },
  {
    name: "google gemini 3",
    model: () => createGoogleGenerativeAI({ baseURL: `${fake.url}/v1beta`, apiKey: TEST_KEY })("gemini-3-pro-preview"),
    providerOptions: { google: { thinkingConfig: { includeThoughts: true } } },
  },
  {
    name: "openai responses, stored (item references)",
    model: () => createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: TEST_KEY }).responses("gpt-5"),
  },
  {
    name: "openai responses, stateless (encrypted reasoning)",
    model: () => createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: TEST_KEY }).responses("gpt-5"),
    providerOptions: { openai: { store: false } },
  },
]

const LOOP_SCRIPT = {
  "*": [
    { kind: "tool_call" as const, name: "read_file", input: { path: "a.ts" }, reasoning: "Read a.ts first." },
    { kind: "text" as const, text: "a.ts is fine.", reasoning: "The file looks fine." },
  ],
}

describe.each(LOOPS)("a strict fake accepts a whole tool loop from $name", (loop) => {
  test("streaming", async () => {
    fake.setScript(LOOP_SCRIPT)
    const result = streamText({
      model: loop.model(),
      prompt: "check a.ts",
      tools,
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      providerOptions: loop.providerOptions,
      onError: () => {},
    })
    expect(await result.text).toBe("a.ts is fine.")
    expect(fake.requests.map((request) => request.rejected)).toEqual([undefined, undefined])
  })

  test("not streaming", async () => {
    fake.setScript(LOOP_SCRIPT)
    const result = await generateText({
      model: loop.model(),
      prompt: "check a.ts",
      tools,
      stopWhen: stepCountIs(3),
      maxRetries: 0,
      providerOptions: loop.providerOptions,
    })
    expect(result.text).toBe("a.ts is fine.")
    expect(fake.requests.map((request) => request.rejected)).toEqual([undefined, undefined])
  })
})

test("a rejected request does not use up its step, and a lenient fake would have served it", async () => {
  fake.setScript({
    "*": [
      { kind: "text", text: "first" },
      { kind: "text", text: "second" },
    ],
  })
  const broken = { model: "m", messages: [{ role: "tool", tool_call_id: "call_1", content: "42" }] }
  const rejected = await postJson(`${fake.url}/v1/chat/completions`, broken)
  expect(rejected.status).toBe(400)
  const accepted = await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
  const body = (await accepted.json()) as { choices: { message: { content: string } }[] }
  expect(body.choices[0]?.message.content).toBe("first")
  expect(fake.requests.map((request) => [request.step, request.rejected !== undefined])).toEqual([
    ["text", true],
    ["text", false],
  ])

  await using lenient = await startFakeProvider()
  const served = await postJson(`${lenient.url}/v1/chat/completions`, broken)
  expect(served.status).toBe(200)
  expect(lenient.requests[0]?.rejected).toBeUndefined()
})
