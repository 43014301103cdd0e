import { APICallError, EmptyResponseBodyError, InvalidResponseDataError, LoadAPIKeyError } from "@ai-sdk/provider"
import { RetryError } from "ai"
import { describe, expect, test } from "bun:test"
import { classify } from "./classify.ts"
import { QUOTA_RETRY_THRESHOLD_MS } from "./quota.ts"

const apiError = (
  statusCode: number | undefined,
  body: string,
  headers: Record<string, string> = {},
  extra: Partial<{ isRetryable: boolean; cause: unknown }> = {},
) =>
  new APICallError({
    message: "failed",
    url: "https://api.example.com/v1/chat/completions",
    requestBodyValues: {},
    statusCode,
    responseHeaders: headers,
    responseBody: body,
    ...extra,
  })

describe("classify: AI SDK error types", () => {
  test("a missing API key (LoadAPIKeyError) is auth and not retryable", () => {
    const error = new LoadAPIKeyError({ message: "OpenAI API key is missing. Pass it using the 'apiKey' parameter." })
    expect(classify(error)).toMatchObject({ condition: "auth", quota: false, retryable: false })
  })

  test("a RetryError is classified by its last error", () => {
    const last = apiError(
      429,
      JSON.stringify({ error: { message: "slow down", type: "tokens", code: "rate_limit_exceeded" } }),
      { "retry-after": "3" },
    )
    const error = new RetryError({
      message: "Failed after 3 attempts.",
      reason: "maxRetriesExceeded",
      errors: [apiError(500, ""), last],
    })
    expect(classify(error)).toMatchObject({
      condition: "rate_limit",
      retryAfterMs: 3000,
      status: 429,
      message: "failed",
    })
  })

  test("an empty or malformed successful response is provider_unavailable", () => {
    expect(classify(new EmptyResponseBodyError()).condition).toBe("provider_unavailable")
    expect(classify(new InvalidResponseDataError({ data: {}, message: "Expected 'function' type." })).condition).toBe(
      "provider_unavailable",
    )
  })

  test("retryable follows APICallError.isRetryable when the provider set it", () => {
    expect(classify(apiError(429, "", {}, { isRetryable: false })).retryable).toBe(false)
    expect(classify(apiError(400, "", {}, { isRetryable: true })).retryable).toBe(true)
  })

  test("retryable falls back to the condition for errors that do not say", () => {
    expect(classify({ type: "rate_limit_error", message: "slow down" }).retryable).toBe(true)
    expect(classify({ type: "authentication_error", message: "bad key" }).retryable).toBe(false)
    expect(classify(new Error("something odd")).retryable).toBe(false)
  })

  test("a network failure wrapped by AI SDK keeps the network cause's condition", () => {
    const cause = Object.assign(new TypeError("fetch failed"), { code: "ECONNRESET" })
    const error = apiError(undefined, "", {}, { cause, isRetryable: true })
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", retryable: true })
    expect(classify(error).status).toBeUndefined()
  })
})

describe("classify: quota versus burst", () => {
  const rateLimited = (retryAfterSeconds: number) =>
    apiError(429, JSON.stringify({ error: { message: "Too many requests" } }), {
      "retry-after": String(retryAfterSeconds),
    })

  test(`a wait of ${QUOTA_RETRY_THRESHOLD_MS / 60_000} minutes or more marks a rate limit as quota`, () => {
    expect(classify(rateLimited(QUOTA_RETRY_THRESHOLD_MS / 1000))).toMatchObject({
      condition: "rate_limit",
      quota: true,
    })
    expect(classify(rateLimited(QUOTA_RETRY_THRESHOLD_MS / 1000 - 1))).toMatchObject({
      condition: "rate_limit",
      quota: false,
    })
  })

  test("a long wait on an outage is not a quota", () => {
    const error = apiError(503, "", { "retry-after": "900" })
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", quota: false, retryAfterMs: 900_000 })
  })

  test("OpenAI's quota wording alone marks a quota", () => {
    const result = classify("You exceeded your current quota, please check your plan and billing details.")
    expect(result).toMatchObject({ condition: "rate_limit", quota: true })
  })

  test("the same wording naming a Google per-minute metric is a burst", () => {
    const result = classify({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      message:
        "You exceeded your current quota, please check your plan and billing details. * Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 10",
    })
    expect(result).toMatchObject({ condition: "rate_limit", quota: false })
  })

  test("402 Payment Required is a quota whatever the body says", () => {
    expect(classify(apiError(402, "<html>payment required</html>"))).toMatchObject({
      condition: "rate_limit",
      quota: true,
    })
  })
})

describe("classify: statuses and bodies without vendor JSON", () => {
  test("a Cloudflare HTML 502 page is provider_unavailable with the status text as message", () => {
    const error = new APICallError({
      message: "Bad Gateway",
      url: "https://api.example.com",
      requestBodyValues: {},
      statusCode: 502,
      responseHeaders: { "content-type": "text/html" },
      responseBody:
        "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>",
    })
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", status: 502, message: "Bad Gateway" })
  })

  test("Cloudflare 524 is a timeout", () => {
    expect(classify(apiError(524, "")).condition).toBe("timeout")
  })

  test("501, 404, 409 and 422 are other", () => {
    for (const status of [501, 404, 409, 422]) expect(classify(apiError(status, "")).condition).toBe("other")
  })

  test("headers given as a Headers instance are read", () => {
    const error = { statusCode: 429, message: "Too many", headers: new Headers({ "Retry-After": "4" }) }
    expect(classify(error)).toMatchObject({ condition: "rate_limit", retryAfterMs: 4000, status: 429 })
  })

  test("an error with a status but no message gets a message naming the status", () => {
    expect(classify(apiError(503, "")).message).toBe("failed")
    expect(classify({ statusCode: 503 }).message).toBe("HTTP 503")
  })
})

describe("classify: message wording as a last resort", () => {
  test("plain strings are classified by their wording", () => {
    expect(classify("Rate limit exceeded").condition).toBe("rate_limit")
    expect(classify("Request timed out").condition).toBe("timeout")
    expect(classify("Service Unavailable").condition).toBe("provider_unavailable")
    expect(classify("Invalid API key").condition).toBe("auth")
    expect(classify("prompt is too long: 210000 tokens > 200000 maximum").condition).toBe("token_limit")
    expect(classify("something went wrong").condition).toBe("other")
  })

  test("wording does not override a 4xx status that says otherwise", () => {
    const error = apiError(
      400,
      JSON.stringify({ error: { message: "Invalid value for 'timeout': rate limit is not a parameter" } }),
    )
    expect(classify(error).condition).toBe("other")
  })

  test("a user abort is aborted even when the wording mentions a timeout", () => {
    const error = new DOMException("Request timed out while waiting for a rate limit", "AbortError")
    expect(classify(error)).toMatchObject({ condition: "aborted", retryable: false })
  })
})

describe("classify: messages are safe", () => {
  test("a key in a failing URL never reaches the message", () => {
    const error = new TypeError(
      "fetch failed: https://generativelanguage.googleapis.com/v1beta/models/gemini-pro:generateContent?key=AIzaSyD-0123456789abcdefghijklmnopqrst",
      { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) },
    )
    const result = classify(error)
    expect(result.condition).toBe("provider_unavailable")
    expect(result.message).not.toContain("0123456789abcdef")
  })

  test("a bearer token echoed by a proxy never reaches the message", () => {
    const result = classify(
      apiError(
        401,
        JSON.stringify({ error: { message: "Invalid token: Bearer sk-or-v1-0123456789abcdef0123456789" } }),
      ),
    )
    expect(result.condition).toBe("auth")
    expect(result.message).not.toContain("0123456789abcdef")
  })
})

describe("classify: OpenAI Responses API stream frames", () => {
  test("a response.failed frame is read through its nested response error", () => {
    const frame = {
      type: "response.failed",
      sequence_number: 7,
      response: {
        error: { code: "server_error", message: "The model produced an internal error." },
        incomplete_details: null,
      },
    }
    expect(classify(frame).condition).toBe("provider_unavailable")
  })

  test("an error frame carries its code at the top level", () => {
    const frame = {
      type: "error",
      code: "rate_limit_exceeded",
      message: "Rate limit reached. Please try again in 1.2s.",
      param: null,
      sequence_number: 2,
    }
    expect(classify(frame)).toMatchObject({ condition: "rate_limit", retryAfterMs: 1200 })
  })
})

describe("classify: missing models", () => {
  test("a missing model is provider_unavailable, lasting, and its message says so", () => {
    const body = '{"error":{"message":"The model `gpt-9` does not exist.","type":"invalid_request_error","code":null}}'
    const result = classify(apiError(404, body))
    expect(result).toMatchObject({ condition: "provider_unavailable", lasting: "missing_model" })
    expect(result.message).toStartWith("model not found: ")
  })

  test("an Anthropic not_found_error met as a stream error part is a missing model", () => {
    const part = { type: "error", error: { type: "not_found_error", message: "model: claude-sonnet-9" } }
    expect(classify(part)).toMatchObject({ condition: "provider_unavailable", lasting: "missing_model" })
  })

  test("a 404 that names no model, and OpenRouter's no endpoints, are not missing models", () => {
    expect(classify(apiError(404, "<html>Not Found</html>")).lasting).toBeUndefined()
    expect(classify(apiError(404, '{"error":{"message":"File not found: file-abc"}}')).lasting).toBeUndefined()
    const noEndpoints = classify(apiError(404, '{"error":{"message":"No endpoints found for model x.","code":404}}'))
    expect(noEndpoints).toMatchObject({ condition: "provider_unavailable" })
    expect(noEndpoints.lasting).toBeUndefined()
  })

  test("a model-not-found wording on a server error is an outage, not a missing model", () => {
    const result = classify(apiError(503, '{"error":{"message":"model not found in the routing table, retry"}}'))
    expect(result.condition).toBe("provider_unavailable")
    expect(result.lasting).toBeUndefined()
  })
})
