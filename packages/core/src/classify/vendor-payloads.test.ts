import {
  BEDROCK_STREAM_EXCEPTION,
  OBSERVED_AT,
  OBSERVED_ERRORS,
  streamErrorBody,
  type WireFormat,
} from "@model-pool/fake-provider"
import { describe, expect, test } from "bun:test"
import { classify } from "./classify.ts"
import { expectedOf, toApiCallError } from "../../test-support/observed.ts"

const NOW = OBSERVED_AT

describe("classify on the observed vendor error responses wrapped in APICallError", () => {
  for (const observed of OBSERVED_ERRORS) {
    const expected = expectedOf(observed)
    test(`${observed.vendor} ${observed.situation} is ${expected.condition}${expected.quota ? " (quota)" : ""}`, () => {
      const error = toApiCallError(observed)
      const result = classify(error, NOW)
      expect(result.condition).toBe(expected.condition)
      expect(result.quota).toBe(expected.quota)
      expect(result.retryAfterMs).toBe(expected.retryAfterMs)
      expect(result.lasting).toBe(expected.lasting)
      expect(result.status).toBe(observed.response.status)
      expect(result.retryable).toBe(error.isRetryable)
      expect(result.message.length).toBeGreaterThan(0)
      expect(result.message.length).toBeLessThanOrEqual(300)
      expect(result.message).not.toContain("\n")
      if (observed.secret !== undefined) expect(result.message).not.toContain(observed.secret)
    })
  }
})

describe("classify on vendor payloads met as stream error parts", () => {
  test("an Anthropic overloaded_error event payload is provider_unavailable", () => {
    const result = classify({ type: "overloaded_error", message: "Overloaded" })
    expect(result).toEqual({ condition: "provider_unavailable", quota: false, message: "Overloaded", retryable: true })
  })

  test("an Anthropic error envelope is read through its nested error", () => {
    const result = classify({ type: "error", error: { type: "rate_limit_error", message: "Rate limited" } })
    expect(result.condition).toBe("rate_limit")
    expect(result.message).toBe("Rate limited")
  })

  test("an OpenAI-compatible in-stream error object with a code is classified by its code", () => {
    const result = classify({
      message: "The server had an error processing your request.",
      type: "server_error",
      code: null,
    })
    expect(result.condition).toBe("provider_unavailable")
    expect(result.status).toBeUndefined()
  })

  test("an OpenRouter mid-stream error takes its numeric code as the status", () => {
    const result = classify({
      code: 502,
      message: "Provider disconnected unexpectedly",
      metadata: { provider_name: "Anthropic" },
    })
    expect(result.condition).toBe("provider_unavailable")
    expect(result.status).toBe(502)
  })

  test("an OpenRouter mid-stream rate limit reads the reset from forwarded headers", () => {
    const part = {
      code: 429,
      message: "Rate limit exceeded: free-models-per-min.",
      metadata: { headers: { "X-RateLimit-Reset": String(NOW + 9_000) } },
    }
    const result = classify(part, NOW)
    expect(result).toMatchObject({ condition: "rate_limit", quota: false, retryAfterMs: 9_000, status: 429 })
  })

  test("a Gemini in-stream error object with code, message and status is classified", () => {
    const result = classify({
      code: 503,
      message: "The model is overloaded. Please try again later.",
      status: "UNAVAILABLE",
    })
    expect(result).toMatchObject({ condition: "provider_unavailable", status: 503 })
  })

  test("a Gemini DEADLINE_EXCEEDED status without a code is a timeout", () => {
    expect(classify({ message: "Deadline expired", status: "DEADLINE_EXCEEDED" }).condition).toBe("timeout")
  })

  test("a Bedrock event-stream exception is classified by the key naming it", () => {
    const result = classify({ throttlingException: { message: "Too many tokens, please wait before trying again." } })
    expect(result.condition).toBe("rate_limit")
    expect(result.message).toBe("Too many tokens, please wait before trying again.")
  })

  test("a Bedrock modelStreamErrorException is provider_unavailable", () => {
    const part = { modelStreamErrorException: { message: "Model stream error", originalStatusCode: 500 } }
    expect(classify(part).condition).toBe("provider_unavailable")
  })

  test("every in-stream error the fake provider sends, in each of its formats, is provider_unavailable", () => {
    const formats: WireFormat[] = [
      "openai",
      "openai-responses",
      "anthropic",
      "google",
      "cohere",
      "vertex",
      "vertex-anthropic",
      "perplexity",
      "gateway",
      "mistral",
      "xai",
      "xai-responses",
    ]
    const parts = [
      ...formats.map((format) => [format, streamErrorBody(format)] as const),
      ["openai-responses error event", streamErrorBody("openai-responses", "error")] as const,
      // The Bedrock package names the frame's exception type as the key of its error part.
      ["bedrock", { [BEDROCK_STREAM_EXCEPTION]: streamErrorBody("bedrock") }] as const,
    ]
    const classified = parts.map(([format, part]) => [format, classify(part).condition])
    expect(classified).toEqual(parts.map(([format]) => [format, "provider_unavailable"]))
  })

  test("a vendor JSON body thrown as a string is parsed", () => {
    const result = classify(
      JSON.stringify({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } }),
    )
    expect(result.condition).toBe("provider_unavailable")
  })
})
