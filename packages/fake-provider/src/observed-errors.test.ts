import { afterAll, describe, expect, test } from "bun:test"
import { OBSERVED_ERRORS, observedError } from "./observed-errors.ts"
import { parseScript } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import { postJson } from "./test-support.ts"
import { ERROR_KINDS } from "./vendor-errors.ts"
import type { WireFormat } from "./vendor.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())

describe("the observed vendor errors", () => {
  test("have unique ids, each found by observedError", () => {
    const ids = OBSERVED_ERRORS.map((error) => error.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const error of OBSERVED_ERRORS) expect(observedError(error.id)).toBe(error)
    expect(observedError("no-such-error")).toBeUndefined()
  })

  test("hold every error kind the server sends in each format whose errors are its own", () => {
    // OpenAI Responses and xAI answer with OpenAI chat completions' bodies, but for Responses' context overflow.
    const formats: WireFormat[] = [
      "openai",
      "anthropic",
      "google",
      "bedrock",
      "cohere",
      "vertex",
      "vertex-anthropic",
      "perplexity",
      "gateway",
      "mistral",
    ]
    const missing = formats.flatMap((format) =>
      ERROR_KINDS.filter((kind) => !OBSERVED_ERRORS.some((error) => error.wire === format && error.kind === kind)).map(
        (kind) => `${format} ${kind}`,
      ),
    )
    expect(missing).toEqual([])
  })

  test("name a wait only as a number of milliseconds, and a secret only where the body holds it", () => {
    for (const error of OBSERVED_ERRORS) {
      if (error.retryAfterMs !== undefined) expect(Number.isInteger(error.retryAfterMs)).toBe(true)
      if (error.secret !== undefined) expect(JSON.stringify(error.response.body)).toContain(error.secret)
    }
  })

  test("a vendor_error step answers with the observed error's status, headers and body, whatever the route", async () => {
    fake.setScript(
      Object.fromEntries(OBSERVED_ERRORS.map((error) => [error.id, { kind: "vendor_error", error: error.id }])),
    )
    for (const error of OBSERVED_ERRORS) {
      const response = await postJson(`${fake.url}/v1/chat/completions`, { model: error.id, messages: [] })
      expect(response.status).toBe(error.response.status)
      for (const [name, value] of Object.entries(error.response.headers)) expect(response.headers.get(name)).toBe(value)
      expect(await response.json()).toEqual(error.response.body as never)
    }
    expect(fake.requests.map((request) => request.step)).toEqual(OBSERVED_ERRORS.map(() => "vendor_error"))
  })

  test("a vendor_error step names an observed error: a script naming none is refused", () => {
    expect(parseScript({ m: { kind: "vendor_error", error: "openai-rate-limit" } })).toEqual({
      m: { kind: "vendor_error", error: "openai-rate-limit" },
    })
    expect(() => parseScript({ m: { kind: "vendor_error", error: "openai-rate-limits" } })).toThrow(
      'script["m"].error: no observed vendor error has the id "openai-rate-limits"',
    )
    expect(() => parseScript({ m: { kind: "vendor_error" } })).toThrow('script["m"].error: required')
  })

  test("a vendor_error step set without parseScript and naming no observed error is a 404 that says so", async () => {
    fake.setScript({ m: { kind: "vendor_error", error: "nothing" } })
    const response = await postJson(`${fake.url}/v1/chat/completions`, { model: "m", messages: [] })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({
      error: { message: 'fake-provider knows no observed vendor error "nothing"', type: "not_found" },
    })
  })
})
