import { afterAll, beforeEach, expect, test } from "bun:test"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"

const fake = await startFakeProvider({ strict: true })
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

const GEMINI_3 = "gemini-3-pro-preview"
const url = (model: string) => `${fake.url}/v1beta/models/${model}:generateContent`
const user = { role: "user", parts: [{ text: "read a.ts" }] }
const call = (signature?: string) => ({
  role: "model",
  parts: [
    {
      functionCall: { name: "read_file", args: { path: "a.ts" } },
      ...(signature === undefined ? {} : { thoughtSignature: signature }),
    },
  ],
})
const response = { role: "user", parts: [{ functionResponse: { name: "read_file", response: { content: "ok" } } }] }
const withParameters = (parameters: unknown) => ({
  contents: [user],
  tools: [{ functionDeclarations: [{ name: "read_file", description: "Read", parameters }] }],
})

async function expectRejected(model: string, body: unknown, message: string) {
  const answer = await postJson(url(model), body)
  expect(answer.status).toBe(400)
  expect(await answer.json()).toEqual({ error: { code: 400, message, status: "INVALID_ARGUMENT" } })
  expect(fake.requests.at(-1)?.rejected).toBe(message)
}

test("a parameter schema with $schema is refused as an unknown field", async () => {
  await expectRejected(
    "gemini-2.5-flash",
    withParameters({ $schema: "http://json-schema.org/draft-07/schema#", type: "object", properties: {} }),
    `Invalid JSON payload received. Unknown name "$schema" at 'tools[0].function_declarations[0].parameters': Cannot find field.`,
  )
})

test("a non-string enum value is refused at its proto path", async () => {
  await expectRejected(
    "gemini-2.5-flash",
    withParameters({
      type: "object",
      properties: { path: { type: "string" }, level: { type: "integer", enum: [1, 2] } },
    }),
    "Invalid value at 'tools[0].function_declarations[0].parameters.properties[1].value.enum[0]' (TYPE_STRING), 1",
  )
})

test("a required entry naming no property is refused", async () => {
  await expectRejected(
    "gemini-2.5-flash",
    withParameters({ type: "object", properties: { path: { type: "string" } }, required: ["path", "mode"] }),
    "* GenerateContentRequest.tools[0].function_declarations[0].parameters.required[1]: property is not defined\n",
  )
})

test("a content with no parts is refused", async () => {
  await expectRejected(
    "gemini-2.5-flash",
    { contents: [user, { role: "model", parts: [] }, user] },
    "* GenerateContentRequest.contents[1].parts: contents.parts must not be empty.\n",
  )
})

test("Gemini 3 refuses a function call of the current turn without a thought signature", async () => {
  await expectRejected(
    GEMINI_3,
    { contents: [user, call(), response] },
    "Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call `default_api:read_file` , position 2. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.",
  )
})

test("a thought signature the fake did not issue for this model is refused as corrupted", async () => {
  for (const bad of ["forged", fake.signReasoning("google", "gemini-2.5-pro", "plan")]) {
    await expectRejected(GEMINI_3, { contents: [user, call(bad), response] }, "Corrupted thought signature.")
  }
})

test("Gemini 3 accepts unsigned calls of earlier turns, the documented skip placeholder, and its own signatures", async () => {
  const earlier = [user, call(), response, { role: "model", parts: [{ text: "done" }] }]
  const bodies = [
    { contents: [...earlier, user] },
    { contents: [user, call("skip_thought_signature_validator"), response] },
    { contents: [user, call(fake.signReasoning("google", GEMINI_3, "plan")), response] },
  ]
  for (const body of bodies) expect((await postJson(url(GEMINI_3), body)).status).toBe(200)
  // Older models never asked for signatures on calls.
  expect((await postJson(url("gemini-2.5-flash"), { contents: [user, call(), response] })).status).toBe(200)
  expect(fake.requests.map((request) => request.rejected)).toEqual([undefined, undefined, undefined, undefined])
})
