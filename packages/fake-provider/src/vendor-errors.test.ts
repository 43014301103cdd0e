// Literal expectations, written out by hand from the vendors' documented and
// observed responses, so a change to vendor-errors.ts cannot silently drift.

import { describe, expect, test } from "bun:test"
import {
  BEDROCK_STREAM_EXCEPTION,
  bedrockAuthError,
  bedrockModelNotReady,
  errorResponse,
  streamErrorBody,
} from "./vendor-errors.ts"

const NOW = Date.parse("2026-01-02T03:04:05.000Z")

describe("OpenAI errors", () => {
  test("a rate limit is a 429 rate_limit_exceeded naming the model, with retry and reset headers", () => {
    const error = errorResponse("openai", "rate_limit", { model: "gpt-4o", retry_after_s: 20 })
    expect(error.status).toBe(429)
    expect(error.headers).toMatchObject({
      "content-type": "application/json",
      "retry-after": "20",
      "x-ratelimit-limit-requests": "500",
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": "20s",
    })
    expect(error.headers["retry-after-ms"]).toBeUndefined()
    expect(error.body).toEqual({
      error: {
        message:
          "Rate limit reached for gpt-4o in organization org-fakeprovider on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.",
        type: "requests",
        param: null,
        code: "rate_limit_exceeded",
      },
    })
  })

  test("a millisecond retry delay adds retry-after-ms and a Go-style reset duration", () => {
    const error = errorResponse("openai", "rate_limit", { retry_after_ms: 250 })
    expect(error.headers).toMatchObject({
      "retry-after": "1",
      "retry-after-ms": "250",
      "x-ratelimit-reset-requests": "250ms",
    })
    expect(errorResponse("openai", "rate_limit", { retry_after_s: 90 }).headers["x-ratelimit-reset-requests"]).toBe(
      "1m30s",
    )
  })

  test("an exhausted quota is a 429 insufficient_quota without retry headers", () => {
    const error = errorResponse("openai", "rate_limit", { quota: true })
    expect(error.status).toBe(429)
    expect(error.headers["retry-after"]).toBeUndefined()
    expect(error.body).toMatchObject({ error: { type: "insufficient_quota", code: "insufficient_quota", param: null } })
  })

  test("server errors, overload, bad keys and context overflow use OpenAI's own codes", () => {
    expect(errorResponse("openai", "server_error").status).toBe(500)
    expect(errorResponse("openai", "server_error").body).toMatchObject({ error: { type: "server_error", code: null } })
    expect(errorResponse("openai", "server_error", { status: 502 }).body).toEqual({
      error: { code: 502, message: "Bad gateway.", param: null, type: "cf_bad_gateway" },
    })
    expect(errorResponse("openai", "overloaded")).toMatchObject({
      status: 503,
      body: { error: { message: "The engine is currently overloaded, please try again later", type: "server_error" } },
    })
    expect(errorResponse("openai", "unauthorized")).toMatchObject({
      status: 401,
      body: { error: { type: "invalid_request_error", code: "invalid_api_key" } },
    })
    expect(errorResponse("openai", "context_overflow")).toMatchObject({
      status: 400,
      body: {
        error: {
          message: expect.stringMatching(
            /^This model's maximum context length is 128000 tokens\. However, your messages resulted in \d+ tokens\./,
          ),
          type: "invalid_request_error",
          param: "messages",
          code: "context_length_exceeded",
        },
      },
    })
  })
})

describe("OpenAI Responses API errors", () => {
  test("rate limits, quota, server errors, overload and bad keys are chat completions' bodies and headers", () => {
    for (const [kind, options] of [
      ["rate_limit", { model: "gpt-4o", retry_after_s: 20, now: NOW }],
      ["rate_limit", { quota: true }],
      ["server_error", { status: 502 }],
      ["overloaded", {}],
      ["unauthorized", {}],
    ] as const) {
      const responses = errorResponse("openai-responses", kind, options)
      const chat = errorResponse("openai", kind, options)
      expect(responses.status).toBe(chat.status)
      expect(responses.body).toEqual(chat.body)
      // Only the request id differs between two calls.
      expect({ ...responses.headers, "x-request-id": "" }).toEqual({ ...chat.headers, "x-request-id": "" })
    }
  })

  test("a context overflow is a 400 context_length_exceeded in the Responses API's own words, blaming input", () => {
    expect(errorResponse("openai-responses", "context_overflow")).toMatchObject({
      status: 400,
      headers: { "content-type": "application/json", "x-request-id": expect.stringMatching(/^req_/) },
      body: {
        error: {
          message: "Your input exceeds the context window of this model. Please adjust your input and try again.",
          type: "invalid_request_error",
          param: "input",
          code: "context_length_exceeded",
        },
      },
    })
  })

  test("the in-stream error object depends on the event that carries it", () => {
    expect(streamErrorBody("openai-responses")).toEqual({
      code: "server_error",
      message: expect.stringMatching(/^An error occurred while processing your request\..*req_[a-z0-9]{32}/),
    })
    expect(streamErrorBody("openai-responses", "error")).toEqual({
      type: "server_error",
      code: "server_error",
      message: expect.stringContaining("An error occurred while processing your request."),
      param: null,
    })
  })
})

describe("Anthropic errors", () => {
  test("a rate limit is a 429 rate_limit_error with retry-after and an RFC 3339 reset", () => {
    const error = errorResponse("anthropic", "rate_limit", { retry_after_s: 30, now: NOW })
    expect(error.status).toBe(429)
    expect(error.headers).toMatchObject({
      "retry-after": "30",
      "anthropic-ratelimit-requests-remaining": "0",
      "anthropic-ratelimit-requests-reset": "2026-01-02T03:04:35Z",
      "request-id": expect.stringMatching(/^req_/),
    })
    expect(error.body).toMatchObject({
      type: "error",
      error: { type: "rate_limit_error" },
      request_id: error.headers["request-id"],
    })
  })

  test("an exhausted balance is the 400 credit error Anthropic really sends", () => {
    expect(errorResponse("anthropic", "rate_limit", { quota: true })).toMatchObject({
      status: 400,
      body: {
        type: "error",
        error: { type: "invalid_request_error", message: expect.stringContaining("credit balance is too low") },
      },
    })
  })

  test("overload is a 529 overloaded_error and the others keep their error types", () => {
    expect(errorResponse("anthropic", "overloaded")).toMatchObject({
      status: 529,
      body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } },
    })
    expect(errorResponse("anthropic", "server_error")).toMatchObject({
      status: 500,
      body: { error: { type: "api_error" } },
    })
    expect(errorResponse("anthropic", "unauthorized")).toMatchObject({
      status: 401,
      body: { error: { type: "authentication_error", message: "invalid x-api-key" } },
    })
    expect(errorResponse("anthropic", "context_overflow")).toMatchObject({
      status: 400,
      body: { error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" } },
    })
  })
})

describe("Gemini errors", () => {
  test("a rate limit is a 429 RESOURCE_EXHAUSTED with a per-minute QuotaFailure and RetryInfo", () => {
    const error = errorResponse("google", "rate_limit", { model: "gemini-2.5-flash", retry_after_s: 38 })
    expect(error.status).toBe(429)
    expect(error.body).toMatchObject({
      error: {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        message: expect.stringContaining("Please retry in 38s."),
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.QuotaFailure",
            violations: [
              {
                quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
                quotaDimensions: { location: "global", model: "gemini-2.5-flash" },
              },
            ],
          },
          { "@type": "type.googleapis.com/google.rpc.Help" },
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "38s" },
        ],
      },
    })
  })

  test("a quota rate limit reports the per-day quota and no retry delay unless asked", () => {
    const error = errorResponse("google", "rate_limit", { quota: true })
    const details = (error.body as { error: { details: { "@type": string; violations?: { quotaId: string }[] }[] } })
      .error.details
    expect(details[0]?.violations?.[0]?.quotaId).toBe("GenerateRequestsPerDayPerProjectPerModel-FreeTier")
    expect(details.some((detail) => detail["@type"].endsWith("RetryInfo"))).toBe(false)
    expect(JSON.stringify(errorResponse("google", "rate_limit", { retry_after_ms: 1500 }).body)).toContain(
      '"retryDelay":"1.5s"',
    )
  })

  test("overload, server errors, bad keys and context overflow carry Google's status names", () => {
    expect(errorResponse("google", "overloaded")).toEqual({
      status: 503,
      headers: { "content-type": "application/json" },
      body: {
        error: { code: 503, message: "The model is overloaded. Please try again later.", status: "UNAVAILABLE" },
      },
    })
    expect(errorResponse("google", "server_error")).toMatchObject({
      status: 500,
      body: { error: { status: "INTERNAL" } },
    })
    expect(errorResponse("google", "server_error", { status: 503 })).toMatchObject({
      status: 503,
      body: { error: { status: "UNAVAILABLE" } },
    })
    expect(errorResponse("google", "unauthorized")).toMatchObject({
      status: 400,
      body: { error: { status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }, { locale: "en-US" }] } },
    })
    expect(errorResponse("google", "unauthorized", { status: 401 })).toMatchObject({
      status: 401,
      body: { error: { status: "UNAUTHENTICATED" } },
    })
    expect(errorResponse("google", "context_overflow")).toMatchObject({
      status: 400,
      body: {
        error: {
          status: "INVALID_ARGUMENT",
          message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
        },
      },
    })
  })
})

test("in-stream errors use each vendor's streaming error shape", () => {
  expect(streamErrorBody("anthropic")).toEqual({
    type: "error",
    error: { type: "overloaded_error", message: "Overloaded" },
  })
  expect(streamErrorBody("openai")).toMatchObject({ error: { type: "server_error" } })
  expect(streamErrorBody("google")).toMatchObject({ error: { code: 503, status: "UNAVAILABLE" } })
})

describe("a model the provider does not have", () => {
  test("is a 404 in each vendor's own shape, naming the model", () => {
    const options = { model: "gpt-9" }
    expect(errorResponse("openai", "model_not_found", options)).toMatchObject({
      status: 404,
      body: {
        error: { code: "model_not_found", type: "invalid_request_error", message: expect.stringContaining("`gpt-9`") },
      },
    })
    expect(errorResponse("anthropic", "model_not_found", options)).toMatchObject({
      status: 404,
      body: { type: "error", error: { type: "not_found_error", message: "model: gpt-9" } },
    })
    expect(errorResponse("google", "model_not_found", options)).toMatchObject({
      status: 404,
      body: {
        error: { code: 404, status: "NOT_FOUND", message: expect.stringContaining("models/gpt-9 is not found") },
      },
    })
  })
})

describe("Bedrock errors", () => {
  const coral = (type: string) => `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`
  const bedrock = (kind: Parameters<typeof errorResponse>[1], options = {}) => {
    const error = errorResponse("bedrock", kind, options)
    return { status: error.status, type: error.headers["x-amzn-errortype"], body: error.body }
  }

  test("each failure kind is Bedrock's exception, named in x-amzn-errortype, with a message-only body", () => {
    expect(bedrock("rate_limit", { retry_after_s: 3 })).toEqual({
      status: 429,
      type: coral("ThrottlingException"),
      body: { message: "Too many requests, please wait before trying again." },
    })
    expect(bedrock("rate_limit", { quota: true })).toEqual({
      status: 429,
      type: coral("ThrottlingException"),
      body: { message: "Too many tokens per day, please wait before trying again." },
    })
    expect(bedrock("server_error")).toEqual({
      status: 500,
      type: coral("InternalServerException"),
      body: { message: "The system encountered an unexpected error during processing. Try your request again." },
    })
    expect(bedrock("server_error", { status: 503 })).toEqual({
      status: 503,
      type: coral("ServiceUnavailableException"),
      body: { message: "Bedrock is unable to process your request." },
    })
    expect(bedrock("overloaded")).toEqual({
      status: 503,
      type: coral("ServiceUnavailableException"),
      body: { message: "Too many connections, please wait before trying again." },
    })
    expect(bedrock("unauthorized")).toEqual({
      status: 403,
      type: coral("AccessDeniedException"),
      body: { message: "You don't have access to the model with the specified model ID." },
    })
    expect(bedrock("context_overflow")).toEqual({
      status: 400,
      type: coral("ValidationException"),
      body: { message: "Input is too long for requested model." },
    })
    expect(bedrock("model_not_found")).toMatchObject({ status: 404, type: coral("ResourceNotFoundException") })
    expect(bedrockModelNotReady()).toMatchObject({
      status: 429,
      headers: { "x-amzn-errortype": coral("ModelNotReadyException") },
    })
  })

  test("a throttle has no retry-after: Bedrock sends no retry hint", () => {
    expect(errorResponse("bedrock", "rate_limit", { retry_after_s: 3 }).headers["retry-after"]).toBeUndefined()
  })

  test("an in-stream error is an internalServerException frame carrying only a message", () => {
    expect(BEDROCK_STREAM_EXCEPTION).toBe("internalServerException")
    expect(streamErrorBody("bedrock")).toEqual({
      message: "The system encountered an unexpected error during processing. Try your request again.",
    })
  })

  test("refused credentials are the AWS front door's 403s", () => {
    const front = (type: string) => `${type}:http://internal.amazon.com/coral/com.amazon.coral.service/`
    expect(bedrockAuthError({ type: "missing" })).toMatchObject({
      status: 403,
      headers: { "x-amzn-errortype": front("MissingAuthenticationTokenException") },
      body: { message: "Missing Authentication Token" },
    })
    expect(bedrockAuthError({ type: "unknown_key", accessKeyId: "AKIA" })).toMatchObject({
      status: 403,
      headers: { "x-amzn-errortype": front("UnrecognizedClientException") },
    })
    expect(bedrockAuthError({ type: "expired", amzDate: "20260102T020000Z" }, NOW)).toMatchObject({
      status: 403,
      headers: { "x-amzn-errortype": front("InvalidSignatureException") },
      body: {
        message:
          "Signature expired: 20260102T020000Z is now earlier than 20260102T024905Z (20260102T030405Z - 15 min.)",
      },
    })
  })
})

describe("Perplexity errors", () => {
  const perplexity = (kind: Parameters<typeof errorResponse>[1], options = {}) => {
    const error = errorResponse("perplexity", kind, options)
    return { status: error.status, retryAfter: error.headers["retry-after"], body: error.body }
  }

  test("each failure kind is {error: {message, type, code}}, the code repeating the status", () => {
    expect(perplexity("rate_limit")).toEqual({
      status: 429,
      retryAfter: undefined,
      body: {
        error: {
          message: "Rate limit exceeded. Please slow down and try again later.",
          type: "rate_limit_exceeded",
          code: 429,
        },
      },
    })
    expect(perplexity("rate_limit", { retry_after_s: 7 }).retryAfter).toBe("7")
    expect(perplexity("rate_limit", { retry_after_ms: 1500 }).retryAfter).toBe("2")
    expect(perplexity("rate_limit", { quota: true })).toMatchObject({
      status: 429,
      retryAfter: undefined,
      body: { error: { type: "insufficient_quota", code: 429 } },
    })
    expect(perplexity("unauthorized")).toEqual({
      status: 401,
      retryAfter: undefined,
      body: {
        error: {
          message: "Invalid API key provided. You can find your API key at https://www.perplexity.ai/settings/api.",
          type: "invalid_api_key",
          code: 401,
        },
      },
    })
    expect(perplexity("server_error")).toMatchObject({
      status: 500,
      body: { error: { type: "internal_server_error", code: 500 } },
    })
    expect(perplexity("server_error", { status: 502 })).toMatchObject({
      status: 502,
      body: { error: { type: "service_unavailable", code: 502 } },
    })
    expect(perplexity("overloaded")).toMatchObject({
      status: 503,
      body: { error: { type: "service_unavailable", code: 503 } },
    })
    expect(perplexity("context_overflow")).toMatchObject({
      status: 400,
      body: { error: { type: "invalid_request_error", code: 400 } },
    })
  })

  test("an unknown model is Perplexity's 400 invalid_model, not a 404", () => {
    expect(perplexity("model_not_found", { model: "sonar-9" })).toEqual({
      status: 400,
      retryAfter: undefined,
      body: {
        error: {
          message:
            "Invalid model 'sonar-9'. Permitted models can be found in the documentation at https://docs.perplexity.ai/docs/getting-started/models.",
          type: "invalid_model",
          code: 400,
        },
      },
    })
  })

  test("an in-stream error is a chunk of only the error object", () => {
    expect(streamErrorBody("perplexity")).toEqual({
      error: {
        message: "An internal error occurred. Please try again later.",
        type: "internal_server_error",
        code: 500,
      },
    })
  })
})

describe("AI Gateway errors", () => {
  const gateway = (kind: Parameters<typeof errorResponse>[1], options = {}) => {
    const error = errorResponse("gateway", kind, options)
    return { status: error.status, retryAfter: error.headers["retry-after"], body: error.body }
  }

  test("the gateway's own refusals name the type its package maps to an error class", () => {
    expect(gateway("rate_limit")).toEqual({
      status: 429,
      retryAfter: undefined,
      body: { error: { message: "Free tier requests on this model are rate-limited", type: "rate_limit_exceeded" } },
    })
    expect(gateway("rate_limit", { retry_after_s: 4 }).retryAfter).toBe("4")
    expect(gateway("rate_limit", { quota: true })).toEqual({
      status: 402,
      retryAfter: undefined,
      body: {
        error: {
          message:
            "Insufficient funds. Please add credits to your account to continue using AI services. Visit https://vercel.com/d?to=%2F%5Bteam%5D%2F%7E%2Fai%3Fmodal%3Dtop-up to top up your credits.",
          type: "insufficient_funds",
        },
      },
    })
    expect(gateway("unauthorized")).toMatchObject({
      status: 401,
      body: { error: { type: "authentication_error" } },
    })
    expect(gateway("model_not_found", { model: "anthropic/claude-9" })).toEqual({
      status: 404,
      retryAfter: undefined,
      body: {
        error: {
          message: "Model 'anthropic/claude-9' not found",
          type: "model_not_found",
          param: { modelId: "anthropic/claude-9" },
        },
      },
    })
    expect(gateway("server_error")).toMatchObject({
      status: 500,
      body: { error: { type: "internal_server_error" } },
    })
    expect(gateway("server_error", { status: 503 })).toMatchObject({
      status: 503,
      body: { error: { type: "internal_server_error" } },
    })
  })

  test("an upstream provider's failure is relayed as its package's APICallError, with the upstream status", () => {
    expect(gateway("overloaded")).toEqual({
      status: 529,
      retryAfter: undefined,
      body: {
        error: {
          message: "Overloaded",
          type: "AI_APICallError",
          param: {
            name: "AI_APICallError",
            type: "AI_APICallError",
            message: "Overloaded",
            statusCode: 529,
            isRetryable: true,
          },
        },
      },
    })
    expect(gateway("context_overflow")).toMatchObject({
      status: 400,
      body: {
        error: {
          type: "AI_APICallError",
          message: "prompt is too long: 210000 tokens > 200000 maximum",
          param: { statusCode: 400, isRetryable: false },
        },
      },
    })
    expect(streamErrorBody("gateway")).toEqual({ message: "Overloaded", type: "AI_APICallError", statusCode: 529 })
  })
})

describe("waits asked for on outages", () => {
  test("an outage or overload step with retry_after_s carries a Retry-After in seconds; without it, none", () => {
    expect(errorResponse("openai", "server_error", { status: 503, retry_after_s: 30 }).headers["retry-after"]).toBe(
      "30",
    )
    expect(errorResponse("anthropic", "overloaded", { retry_after_s: 30 }).headers["retry-after"]).toBe("30")
    expect(errorResponse("openai", "server_error", { status: 503 }).headers["retry-after"]).toBeUndefined()
    expect(errorResponse("anthropic", "overloaded").headers["retry-after"]).toBeUndefined()
  })
})
