import { APICallError } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { classify } from "./classify.ts"
import type { Classification } from "../condition.ts"

function expectWellFormed(result: Classification): void {
  expect(typeof result.condition).toBe("string")
  expect(typeof result.quota).toBe("boolean")
  expect(typeof result.retryable).toBe("boolean")
  expect(typeof result.message).toBe("string")
  expect(result.message.length).toBeGreaterThan(0)
  expect(result.message.length).toBeLessThanOrEqual(300)
  expect(result.message).not.toContain("\n")
}

describe("classify never throws on odd input", () => {
  const cyclic: Record<string, unknown> = { message: "loop" }
  cyclic.cause = cyclic
  cyclic.error = cyclic
  cyclic.data = [cyclic, cyclic]

  const deepChain = Array.from({ length: 10_000 }).reduce<unknown>(
    (cause, _, index) => new Error(`layer ${index}`, { cause }),
    new Error("root"),
  )

  const boom = (): never => {
    throw new Error("boom")
  }
  const throwingGetters = Object.defineProperties({}, { message: { get: boom }, cause: { get: boom } })
  const hostileProxy = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom })

  const weirdApiError = new APICallError({
    message: "x",
    url: "u",
    requestBodyValues: {},
    statusCode: 99999,
    responseHeaders: { "retry-after": "NaN", "x-ratelimit-reset": "Infinity", "retry-after-ms": "1e400" },
    responseBody: '{"error": {"details": [{"@type": "RetryInfo", "retryDelay": 42}]}',
  })

  const inputs: [string, unknown][] = [
    ["null", null],
    ["undefined", undefined],
    ["a number", 429],
    ["NaN", Number.NaN],
    ["a boolean", true],
    ["a bigint", 10n],
    ["a symbol", Symbol("x")],
    ["a function", () => 1],
    ["an empty object", {}],
    ["an empty array", []],
    ["an empty string", ""],
    ["broken JSON text", '{"error": {"message": '],
    ["a cyclic object", cyclic],
    ["a 10,000-deep cause chain", deepChain],
    ["an object with throwing getters", throwingGetters],
    ["a hostile proxy", hostileProxy],
    ["an APICallError with nonsense headers and body", weirdApiError],
    ["an array of a million numbers", Array.from({ length: 1_000_000 }, (_, index) => index)],
    [
      "an object with a million keys",
      Object.fromEntries(Array.from({ length: 1_000_000 }, (_, index) => [`k${index}`, index])),
    ],
    ["a 20 MB string", "x".repeat(20_000_000)],
    [
      "a 20 MB JSON body",
      new APICallError({
        message: "",
        url: "u",
        requestBodyValues: {},
        statusCode: 500,
        responseBody: `{"error":{"message":"${"y".repeat(20_000_000)}"}}`,
      }),
    ],
    ["an object with a null prototype", Object.assign(Object.create(null) as object, { message: "bare" })],
    ["an error whose message is not a string", Object.assign(new Error(), { message: { nested: true } })],
    ["a frozen plain object", Object.freeze({ type: "overloaded_error", message: "Overloaded" })],
  ]

  for (const [name, input] of inputs) {
    test(`${name} yields a well-formed classification`, () => {
      expectWellFormed(classify(input))
    })
  }

  test("nonsense retry hints are ignored rather than turned into NaN or Infinity", () => {
    const result = classify(weirdApiError)
    expect(result.retryAfterMs).toBeUndefined()
  })

  test("a 10,000-deep cause chain is classified by its outer layers", () => {
    expect(classify(deepChain).message).toBe("layer 9999")
  })

  test("a 20 MB string is classified from its head only", () => {
    expect(classify(`Overloaded ${"x".repeat(20_000_000)}`).condition).toBe("provider_unavailable")
  })

  test("a thousand classifications of a real payload stay cheap", () => {
    const error = new APICallError({
      message: "Overloaded",
      url: "u",
      requestBodyValues: {},
      statusCode: 529,
      responseBody: JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
    })
    for (let index = 0; index < 1_000; index++) expect(classify(error).condition).toBe("provider_unavailable")
  })
})
