import { afterAll, beforeEach, expect, test } from "bun:test"
import { createPerplexity } from "@ai-sdk/perplexity"
import { generateText } from "ai"
import { PERPLEXITY_PATH } from "./perplexity.ts"
import { startFakeProvider } from "./server.ts"
import { postJson, TEST_KEY } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const ALTERNATING = "After the (optional) system message(s), user and assistant roles should be alternating."
const system = (content: string) => ({ role: "system", content })
const user = (content: string) => ({ role: "user", content })
const assistant = (content: string) => ({ role: "assistant", content })

function post(messages: unknown[]) {
  return postJson(
    `${fake.url}${PERPLEXITY_PATH}`,
    { model: "sonar", messages },
    { authorization: `Bearer ${TEST_KEY}` },
  )
}

async function expectRejected(messages: unknown[]) {
  const response = await post(messages)
  expect(response.status).toBe(400)
  expect(await response.json()).toEqual({ error: { message: ALTERNATING, type: "invalid_message", code: 400 } })
  expect(fake.requests.at(-1)?.rejected).toBe(ALTERNATING)
}

test("a multi-turn conversation from @ai-sdk/perplexity, with its system messages first, is accepted", async () => {
  const model = createPerplexity({ baseURL: `${fake.url}/perplexity`, apiKey: TEST_KEY })("sonar")
  const result = await generateText({
    model,
    system: "Be brief.",
    messages: [
      { role: "user", content: "hi" },
      { role: "assistant", content: "Hello." },
      { role: "user", content: "2+2?" },
    ],
    maxRetries: 0,
  })
  expect(result.text).toBe("ok from sonar")
  expect(fake.requests.map((request) => request.rejected)).toEqual([undefined])
  expect((await post([system("a"), system("b"), user("hi")])).status).toBe(200)
})

test("two turns of the same role in a row are refused with Perplexity's 400 invalid_message", async () => {
  await expectRejected([user("Hello!"), user("How are you?")])
  await expectRejected([system("s"), user("hi"), assistant("a"), assistant("b")])
})

test("a system message after the conversation has begun is refused", async () => {
  await expectRejected([user("hi"), system("late"), assistant("a")])
})

test("a refused request leaves its step due for the next one", async () => {
  fake.setScript({
    "*": [
      { kind: "text", text: "first" },
      { kind: "text", text: "second" },
    ],
  })
  await expectRejected([user("a"), user("b")])
  const response = await post([user("a")])
  const body = (await response.json()) as { choices: { message: { content: string } }[] }
  expect(body.choices[0]?.message.content).toBe("first")
})
