import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

const MODEL = "gpt-5"
const responsesUrl = () => `${fake.url}/v1/responses`
const user = { role: "user", content: [{ type: "input_text", text: "read a.ts" }] }
const call = (id: string) => ({ type: "function_call", call_id: id, name: "read_file", arguments: "{}" })
const output = (id: string) => ({ type: "function_call_output", call_id: id, output: "ok" })
const reasoning = (encrypted: string) => ({
  type: "reasoning",
  id: "rs_1",
  encrypted_content: encrypted,
  summary: [{ type: "summary_text", text: "plan" }],
})

async function expectRejected(
  input: unknown[],
  status: number,
  error: { message: string; param: string | null; code?: string },
) {
  const response = await postJson(responsesUrl(), { model: MODEL, input, store: false })
  expect(response.status).toBe(status)
  expect(await response.json()).toEqual({
    error: { message: error.message, type: "invalid_request_error", param: error.param, code: error.code ?? null },
  })
  expect(fake.requests.at(-1)?.rejected).toBe(error.message)
}

test("a function_call_output with no earlier function_call is refused", async () => {
  await expectRejected([user, call("call_1"), output("call_2")], 400, {
    message: "No tool call found for function call output with call_id call_2.",
    param: "input",
  })
})

test("encrypted reasoning the fake did not issue for this model is refused", async () => {
  for (const bad of ["gAAAAforged", fake.signReasoning("openai-responses", "o3", "plan")]) {
    await expectRejected([user, reasoning(bad), call("call_1"), output("call_1")], 400, {
      message: "The encrypted content for item rs_1 could not be verified.",
      param: null,
      code: "invalid_encrypted_content",
    })
  }
})

test("a reference to an item the fake never stored is a 404", async () => {
  await expectRejected([user, { type: "item_reference", id: "fc_unknown" }], 404, {
    message:
      "Item with id 'fc_unknown' not found. Items are not persisted when `store` is set to false. Try again with `store` set to true, or remove this item from your input.",
    param: "input",
  })
})

test("references to a stored answer resolve, so its call's output is accepted; unstored answers are not kept", async () => {
  fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: {}, id: "call_stored", reasoning: "plan" } })
  const stored = (await (await postJson(responsesUrl(), { model: MODEL, input: [user] })).json()) as {
    output: { id: string }[]
  }
  const references = stored.output.map((item) => ({ type: "item_reference", id: item.id }))
  const next = await postJson(responsesUrl(), { model: MODEL, input: [user, ...references, output("call_stored")] })
  expect(next.status).toBe(200)

  const unstored = (await (await postJson(responsesUrl(), { model: MODEL, input: [user], store: false })).json()) as {
    output: { id: string }[]
  }
  const lost = await postJson(responsesUrl(), {
    model: MODEL,
    input: [user, { type: "item_reference", id: unstored.output[0]?.id }],
  })
  expect(lost.status).toBe(404)
})

test("a stateless tool loop replaying the fake's own encrypted reasoning is served", async () => {
  const encrypted = fake.signReasoning("openai-responses", MODEL, "plan")
  const response = await postJson(responsesUrl(), {
    model: MODEL,
    store: false,
    input: [user, reasoning(encrypted), call("call_1"), output("call_1")],
  })
  expect(response.status).toBe(200)
  expect(fake.requests[0]?.rejected).toBeUndefined()
})
