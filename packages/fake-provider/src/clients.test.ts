// The fake is only useful if the real provider packages accept what it sends
// and see its faults exactly as they would see the vendor's. Every test here
// drives a real AI SDK client.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { GatewayError } from "@ai-sdk/gateway"
import { APICallError, generateText } from "ai"
import type { Step } from "./script.ts"
import { startFakeProvider } from "./server.ts"
import { CLIENTS, collectStream, TOOLS } from "./test-support.ts"
import type { WireFormat } from "./vendor.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

interface Expected {
  status: number
  body: unknown
  headers?: Record<string, unknown>
}

interface FaultCase {
  title: string
  step: Step
  expected: Record<WireFormat, Expected>
}

/** Chat completions and the Responses API share OpenAI's error bodies and headers; the fake gives xAI's the same. */
function bothOpenAI(expected: Expected): Record<"openai" | "openai-responses" | "xai" | "xai-responses", Expected> {
  return { openai: expected, "openai-responses": expected, xai: expected, "xai-responses": expected }
}

/** Mistral's errors are its own object, with a type and a numeric code as a string. */
function mistral(status: number, type: string, message?: unknown): Expected {
  return { status, body: message === undefined ? { object: "error", type } : { object: "error", type, message } }
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/** Bedrock names the exception in `x-amzn-errortype` and sends only a message. */
function bedrock(status: number, type: string, message: string): Expected {
  return {
    status,
    body: { message },
    headers: { "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  }
}

/** Vertex's front door answers in google.rpc shape, for Claude as for Gemini. */
function vertexRpc(status: number, code: string, message: unknown): Expected {
  return { status, body: { error: { code: status, status: code, message } } }
}

/** Perplexity's errors carry the status again as a number `code`. */
function perplexity(status: number, type: string, message?: unknown): Expected {
  return { status, body: { error: message === undefined ? { type, code: status } : { type, code: status, message } } }
}

/** The AI Gateway's errors name a type its package maps to an error class. */
function gateway(status: number, type: string, message?: unknown): Expected {
  return { status, body: { error: message === undefined ? { type } : { type, message } } }
}

const vertexUnauthenticated: Expected = {
  status: 401,
  body: {
    error: {
      code: 401,
      status: "UNAUTHENTICATED",
      details: [expect.objectContaining({ reason: "ACCESS_TOKEN_EXPIRED", domain: "googleapis.com" })],
    },
  },
}

const FAULTS: FaultCase[] = [
  {
    title: "a rate limit",
    step: { kind: "rate_limit", retry_after_s: 2 },
    expected: {
      // Mistral is not known to send a retry delay: the step's is not on the wire.
      mistral: { status: 429, body: { object: "error", type: "rate_limited", code: "1300", param: null } },
      perplexity: { ...perplexity(429, "rate_limit_exceeded"), headers: { "retry-after": "2" } },
      gateway: {
        ...gateway(429, "rate_limit_exceeded", "Free tier requests on this model are rate-limited"),
        headers: { "retry-after": "2" },
      },
      bedrock: bedrock(429, "ThrottlingException", "Too many requests, please wait before trying again."),
      cohere: {
        status: 429,
        body: {
          message: expect.stringContaining("You are using a Trial key, which is limited to 20 API calls / minute"),
        },
        headers: { "retry-after": "2", "x-trial-endpoint-call-remaining": "0" },
      },
      vertex: vertexRpc(
        429,
        "RESOURCE_EXHAUSTED",
        expect.stringContaining("Resource exhausted. Please try again later."),
      ),
      "vertex-anthropic": vertexRpc(
        429,
        "RESOURCE_EXHAUSTED",
        expect.stringContaining("online_prediction_requests_per_base_model with base model: anthropic-model-a"),
      ),
      ...bothOpenAI({
        status: 429,
        body: { error: { code: "rate_limit_exceeded", type: "requests", param: null } },
        headers: { "retry-after": "2", "x-ratelimit-reset-requests": "2s" },
      }),
      anthropic: {
        status: 429,
        body: { type: "error", error: { type: "rate_limit_error" } },
        headers: { "retry-after": "2", "anthropic-ratelimit-requests-reset": expect.stringMatching(RFC3339) },
      },
      google: {
        status: 429,
        body: {
          error: {
            code: 429,
            status: "RESOURCE_EXHAUSTED",
            details: expect.arrayContaining([
              expect.objectContaining({
                "@type": "type.googleapis.com/google.rpc.QuotaFailure",
                violations: [
                  expect.objectContaining({ quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }),
                ],
              }),
              { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" },
            ]),
          },
        },
      },
    },
  },
  {
    title: "an exhausted quota",
    step: { kind: "rate_limit", quota: true },
    expected: {
      // No quota error of Mistral's own is known: a spent quota is its rate limit.
      mistral: mistral(429, "rate_limited", "Rate limit exceeded"),
      perplexity: perplexity(429, "insufficient_quota"),
      // Not a rate limit: the gateway's out-of-credits 402, which its package does not retry.
      gateway: gateway(402, "insufficient_funds", expect.stringContaining("Insufficient funds.")),
      bedrock: bedrock(429, "ThrottlingException", "Too many tokens per day, please wait before trying again."),
      cohere: { status: 429, body: { message: expect.stringContaining("limited to 1000 API calls / month") } },
      vertex: vertexRpc(
        429,
        "RESOURCE_EXHAUSTED",
        expect.stringContaining("generate_content_requests_per_minute_per_project_per_base_model"),
      ),
      "vertex-anthropic": vertexRpc(
        429,
        "RESOURCE_EXHAUSTED",
        expect.stringContaining("online_prediction_tokens_per_day_per_base_model"),
      ),
      ...bothOpenAI({ status: 429, body: { error: { code: "insufficient_quota", type: "insufficient_quota" } } }),
      anthropic: {
        status: 400,
        body: {
          type: "error",
          error: { type: "invalid_request_error", message: expect.stringContaining("credit balance is too low") },
        },
      },
      google: {
        status: 429,
        body: {
          error: {
            status: "RESOURCE_EXHAUSTED",
            details: expect.arrayContaining([
              expect.objectContaining({
                violations: [expect.objectContaining({ quotaId: "GenerateRequestsPerDayPerProjectPerModel-FreeTier" })],
              }),
            ]),
          },
        },
      },
    },
  },
  {
    title: "a server error",
    step: { kind: "server_error" },
    expected: {
      mistral: mistral(500, "internal_server_error"),
      perplexity: perplexity(500, "internal_server_error"),
      gateway: gateway(500, "internal_server_error", "Internal server error"),
      bedrock: bedrock(
        500,
        "InternalServerException",
        "The system encountered an unexpected error during processing. Try your request again.",
      ),
      cohere: { status: 500, body: { message: expect.stringContaining("internal server error") } },
      vertex: vertexRpc(500, "INTERNAL", "Internal error encountered."),
      "vertex-anthropic": { status: 500, body: { type: "error", error: { type: "api_error" } } },
      ...bothOpenAI({ status: 500, body: { error: { type: "server_error", code: null } } }),
      anthropic: { status: 500, body: { type: "error", error: { type: "api_error" } } },
      google: { status: 500, body: { error: { code: 500, status: "INTERNAL" } } },
    },
  },
  {
    title: "a 503 server error",
    step: { kind: "server_error", status: 503 },
    expected: {
      mistral: mistral(503, "internal_server_error"),
      perplexity: perplexity(503, "service_unavailable"),
      gateway: gateway(503, "internal_server_error"),
      bedrock: bedrock(503, "ServiceUnavailableException", "Bedrock is unable to process your request."),
      cohere: { status: 503, body: { message: "service unavailable, please try again later" } },
      vertex: vertexRpc(503, "UNAVAILABLE", "The service is currently unavailable."),
      "vertex-anthropic": vertexRpc(503, "UNAVAILABLE", "The service is currently unavailable."),
      ...bothOpenAI({ status: 503, body: { error: { type: "server_error" } } }),
      anthropic: { status: 503, body: { type: "error", error: { type: "api_error" } } },
      google: { status: 503, body: { error: { code: 503, status: "UNAVAILABLE" } } },
    },
  },
  {
    title: "an overloaded model",
    step: { kind: "overloaded" },
    expected: {
      mistral: mistral(503, "service_tier_capacity_exceeded", "Service tier capacity exceeded for this model."),
      perplexity: perplexity(503, "service_unavailable", expect.stringContaining("overloaded")),
      // The upstream provider's overload (Anthropic's 529), relayed as its package's APICallError.
      gateway: {
        status: 529,
        body: { error: { type: "AI_APICallError", message: "Overloaded", param: { statusCode: 529 } } },
      },
      bedrock: bedrock(503, "ServiceUnavailableException", "Too many connections, please wait before trying again."),
      cohere: { status: 503, body: { message: "the model is currently overloaded, please try again later" } },
      vertex: vertexRpc(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
      "vertex-anthropic": { status: 529, body: { type: "error", error: { type: "overloaded_error" } } },
      ...bothOpenAI({ status: 503, body: { error: { message: expect.stringContaining("currently overloaded") } } }),
      anthropic: { status: 529, body: { type: "error", error: { type: "overloaded_error", message: "Overloaded" } } },
      google: {
        status: 503,
        body: { error: { status: "UNAVAILABLE", message: "The model is overloaded. Please try again later." } },
      },
    },
  },
  {
    title: "a rejected API key",
    step: { kind: "unauthorized" },
    expected: {
      mistral: { status: 401, body: { detail: "Unauthorized" } },
      perplexity: perplexity(401, "invalid_api_key", expect.stringContaining("Invalid API key provided.")),
      gateway: gateway(401, "authentication_error"),
      bedrock: bedrock(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."),
      cohere: { status: 401, body: { message: "invalid api token" } },
      vertex: vertexUnauthenticated,
      "vertex-anthropic": vertexUnauthenticated,
      ...bothOpenAI({ status: 401, body: { error: { code: "invalid_api_key", type: "invalid_request_error" } } }),
      anthropic: { status: 401, body: { type: "error", error: { type: "authentication_error" } } },
      google: {
        status: 400,
        body: {
          error: {
            status: "INVALID_ARGUMENT",
            details: expect.arrayContaining([expect.objectContaining({ reason: "API_KEY_INVALID" })]),
          },
        },
      },
    },
  },
  {
    title: "a context overflow",
    step: { kind: "context_overflow" },
    expected: {
      mistral: mistral(400, "invalid_request_error", expect.stringContaining("too large for model with 131072")),
      xai: {
        status: 400,
        body: {
          error: { code: "context_length_exceeded", message: expect.stringContaining("maximum context length") },
        },
      },
      "xai-responses": {
        status: 400,
        body: { error: { code: "context_length_exceeded", param: "input" } },
      },
      perplexity: perplexity(400, "invalid_request_error", expect.stringContaining("maximum context length")),
      gateway: gateway(400, "AI_APICallError", "prompt is too long: 210000 tokens > 200000 maximum"),
      bedrock: bedrock(400, "ValidationException", "Input is too long for requested model."),
      cohere: { status: 400, body: { message: expect.stringContaining("too many tokens") } },
      vertex: vertexRpc(
        400,
        "INVALID_ARGUMENT",
        expect.stringContaining("exceeds the maximum number of tokens allowed"),
      ),
      "vertex-anthropic": {
        status: 400,
        body: { type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("too long") } },
      },
      openai: {
        status: 400,
        body: {
          error: {
            code: "context_length_exceeded",
            message: expect.stringContaining("maximum context length is 128000 tokens"),
          },
        },
      },
      "openai-responses": {
        status: 400,
        body: {
          error: {
            code: "context_length_exceeded",
            type: "invalid_request_error",
            param: "input",
            message: "Your input exceeds the context window of this model. Please adjust your input and try again.",
          },
        },
      },
      anthropic: {
        status: 400,
        body: {
          type: "error",
          error: { type: "invalid_request_error", message: "prompt is too long: 210000 tokens > 200000 maximum" },
        },
      },
      google: {
        status: 400,
        body: {
          error: {
            status: "INVALID_ARGUMENT",
            message: expect.stringContaining("exceeds the maximum number of tokens allowed (1048576)"),
          },
        },
      },
    },
  },
]

/** The finish reason of a stream whose in-stream error the client does not report as an error part. */
const SILENT_STREAM_ERROR_FINISH: Partial<Record<WireFormat, string>> = {
  google: "other",
  vertex: "other",
  cohere: "error",
  "xai-responses": "error",
}

/** The HTTP failure behind an error; @ai-sdk/gateway throws its own GatewayError with the APICallError as cause. */
function expectApiCallError(error: unknown): APICallError {
  const http = GatewayError.isInstance(error) ? error.cause : error
  expect(APICallError.isInstance(http)).toBe(true)
  return http as APICallError
}

/**
 * `ai` replaces a GatewayAuthenticationError with a plain Error of that name and its own advice, so a
 * gateway 401 reaches the caller without its status or response.
 */
function isReplacedGatewayAuthError(error: unknown): boolean {
  return error instanceof Error && error.name === "GatewayAuthenticationError" && !GatewayError.isInstance(error)
}

describe.each(CLIENTS)("$name client", (client) => {
  const model = (id = "model-a") => client.model(fake.url, id)

  test("streams the scripted text", async () => {
    fake.setScript({ "*": { kind: "text", text: "Hello from the fake provider", chunks: 4 } })
    const outcome = await collectStream(model())
    expect(outcome).toMatchObject({ text: "Hello from the fake provider", errors: [], finishReason: "stop" })
  })

  test("answers a non-streaming call with the default text naming the model", async () => {
    const result = await generateText({ model: model("model-b"), prompt: "hi", maxRetries: 0 })
    expect(result.text).toBe("ok from model-b")
    expect(result.finishReason).toBe("stop")
    expect(result.usage.inputTokens).toBeGreaterThan(0)
  })

  test("streams a tool call with its name and input after the leading text", async () => {
    fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "src/a.ts" }, text: "Reading it." } })
    const outcome = await collectStream(model())
    if (client.tools === false) {
      // Perplexity cannot call tools: only the words before the call arrive, as a plain answer.
      expect(outcome).toMatchObject({ text: "Reading it.", toolCalls: [], errors: [], finishReason: "stop" })
      return
    }
    // Cohere sends the words before a call as its `tool_plan`, which @ai-sdk/cohere does not surface as text.
    expect(outcome.text).toBe(client.format === "cohere" ? "" : "Reading it.")
    expect(outcome.toolCalls).toEqual([{ toolName: "read_file", input: { path: "src/a.ts" } }])
    expect(outcome.finishReason).toBe("tool-calls")
  })

  test("returns a tool call from a non-streaming call", async () => {
    fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "README.md" } } })
    const result = await generateText({ model: model(), prompt: "hi", tools: TOOLS, maxRetries: 0 })
    if (client.tools === false) {
      expect([result.toolCalls, result.text, result.finishReason]).toEqual([[], "", "stop"])
      return
    }
    expect(result.toolCalls.map((call) => [call.toolName, call.input])).toEqual([["read_file", { path: "README.md" }]])
    expect(result.finishReason).toBe("tool-calls")
  })

  describe.each(FAULTS)("$title", (fault) => {
    const expected = fault.expected[client.format]
    const check = (error: unknown) => {
      if (isReplacedGatewayAuthError(error)) {
        expect([client.format, expected.status]).toEqual(["gateway", 401])
        return
      }
      const apiError = expectApiCallError(error)
      expect(apiError.statusCode).toBe(expected.status)
      expect(JSON.parse(apiError.responseBody ?? "null")).toMatchObject(expected.body as object)
      expect(apiError.responseHeaders).toMatchObject(expected.headers ?? {})
      expect(apiError.isRetryable).toBe(expected.status === 429 || expected.status >= 500)
    }

    test("surfaces from a stream as an APICallError with the vendor's status, headers and body", async () => {
      fake.setScript({ "*": fault.step })
      const outcome = await collectStream(model())
      expect(outcome.text).toBe("")
      expect(outcome.errors).toHaveLength(1)
      check(outcome.errors[0])
    })

    test("is thrown from a non-streaming call as the same APICallError", async () => {
      fake.setScript({ "*": fault.step })
      const error = await generateText({ model: model(), prompt: "hi", maxRetries: 0 }).catch((e: unknown) => e)
      check(error)
    })
  })

  // @ai-sdk/google 3.0.73, the release OpenCode 1.18.33 bundles, reads Gemini's `{"error": ...}` frame as a chunk
  // with nothing in it: no error part, and the stream ends with finish reason `other`; so does 3.0.108, which
  // @ai-sdk/google-vertex 4.0.181 uses. Cohere has no error event at all: a failed generation ends with
  // finish_reason ERROR, which @ai-sdk/cohere reports as finish reason `error`, again without an error part.
  // @ai-sdk/xai 3.0.102 reads a Responses `response.failed` as finish reason `error` alone, too.
  const silentFinish = SILENT_STREAM_ERROR_FINISH[client.format]

  test("reports an in-stream error that follows streamed text", async () => {
    fake.setScript({ "*": { kind: "stream_error", text: "partial answer" } })
    const outcome = await collectStream(model())
    expect(outcome.text).toBe("partial answer")
    if (silentFinish !== undefined) expect([outcome.errors.length, outcome.finishReason]).toEqual([0, silentFinish])
    else expect(outcome.errors).toHaveLength(1)
    expect(fake.requests[0]?.step).toBe("stream_error")
  })

  test("reports an in-stream error that arrives before any output", async () => {
    fake.setScript({ "*": { kind: "stream_error" } })
    const outcome = await collectStream(model())
    expect(outcome.text).toBe("")
    if (silentFinish !== undefined) expect([outcome.errors.length, outcome.finishReason]).toEqual([0, silentFinish])
    else expect(outcome.errors).toHaveLength(1)
  })

  test("keeps the text that arrived before the connection was cut, then fails", async () => {
    fake.setScript({ "*": { kind: "cut", text: "half an ans" } })
    const outcome = await collectStream(model())
    expect(outcome.text).toBe("half an ans")
    expect(outcome.errors).toHaveLength(1)
    expect(outcome.finishReason).not.toBe("stop")
  })

  test("fails with a retryable APICallError when the connection is reset before any response", async () => {
    fake.setScript({ "*": { kind: "reset" } })
    const outcome = await collectStream(model())
    expect(outcome.errors).toHaveLength(1)
    const error = expectApiCallError(outcome.errors[0])
    expect(error.isRetryable).toBe(true)
    expect(error.statusCode).toBeUndefined()
  })

  test("waits on a hanging request until the caller aborts it", async () => {
    fake.setScript({ "*": { kind: "hang" } })
    const controller = new AbortController()
    const pending = generateText({ model: model(), prompt: "hi", maxRetries: 0, abortSignal: controller.signal })
    await fake.waitForRequests(1, 2000)
    controller.abort()
    const error = await pending.catch((e: unknown) => e)
    // @ai-sdk/gateway reports the abort as a GatewayResponseError (a retryable 500) whose cause is the AbortError.
    const abort = GatewayError.isInstance(error) ? error.cause : error
    expect((abort as Error).name).toBe("AbortError")
  })
})

test("a model-specific script entry wins over the default one", async () => {
  fake.setScript({ "model-a": { kind: "overloaded" }, "*": { kind: "text", text: "fallback works" } })
  const [client] = CLIENTS
  if (client === undefined) throw new Error("no clients")
  const failed = await collectStream(client.model(fake.url, "model-a"))
  const answered = await collectStream(client.model(fake.url, "model-b"))
  expect(expectApiCallError(failed.errors[0]).statusCode).toBe(503)
  expect(answered.text).toBe("fallback works")
})
