import { APICallError, EmptyResponseBodyError, InvalidResponseDataError, LoadAPIKeyError } from "@ai-sdk/provider"
import { RetryError } from "ai"
import { describe, expect, test } from "bun:test"
import { EmptyAnswerError } from "../fallback/empty-answer.ts"
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

describe("classify: which message is shown", () => {
  // What AI SDK providers put in `message` when the body was not their JSON shape: the HTTP reason phrase.
  const PHRASES: [number, string][] = [
    [400, "Bad Request"],
    [401, "Unauthorized"],
    [402, "Payment Required"],
    [403, "Forbidden"],
    [404, "Not Found"],
    [408, "Request Timeout"],
    [409, "Conflict"],
    [413, "Payload Too Large"],
    [413, "Content Too Large"],
    [429, "Too Many Requests"],
    [500, "Internal Server Error"],
    [502, "Bad Gateway"],
    [503, "Service Unavailable"],
    [504, "Gateway Timeout"],
    [500, "Error"],
    [500, "HTTP 500"],
    [400, " bad request "],
  ]

  test("an HTTP reason phrase gives way to the vendor's own words from the body", () => {
    const shown = PHRASES.map(([status, phrase]) => {
      const body = JSON.stringify({ error: { message: "the vendor's own words" } })
      const error = new APICallError({
        message: phrase,
        url: "https://api.example.com/v1/chat/completions",
        requestBodyValues: {},
        statusCode: status,
        responseBody: body,
      })
      return [phrase, classify(error).message]
    })
    expect(shown).toEqual(PHRASES.map(([, phrase]) => [phrase, "the vendor's own words"]))
  })

  test("a message that only looks like a reason phrase is the vendor's and is kept", () => {
    for (const message of ["HTTP 5000", "Error: quota", "Not Found here", "http 50", "see http 500"]) {
      const error = { statusCode: 400, message, error: { message: "second" } }
      expect(classify(error).message).toBe(message)
    }
  })

  test("with nothing but a reason phrase, the reason phrase is shown", () => {
    expect(classify(apiError(503, "", {}, {})).message).toBe("failed")
    expect(classify({ statusCode: 503, message: "Service Unavailable" }).message).toBe("Service Unavailable")
  })

  test("with no message at all, the status or the condition is named", () => {
    expect(classify({ statusCode: 429 }).message).toBe("HTTP 429")
    expect(classify({ code: "ECONNREFUSED" }).message).toBe("Request failed (provider_unavailable)")
    expect(classify({}).message).toBe("Request failed (other)")
  })

  test("a missing model's message says so before the vendor's words", () => {
    const error = apiError(
      404,
      JSON.stringify({ error: { message: "The model `x` does not exist", code: "model_not_found" } }),
    )
    expect(classify(error).message).toBe("model not found: failed")
    expect(classify({ statusCode: 404, code: "model_not_found" }).message).toBe("model not found: HTTP 404")
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

describe("classify: vendor codes decide when nothing else does", () => {
  // Stream error parts carry no status; the vendor's code is then the whole story, whatever the message says.
  const NEUTRAL = "details withheld"
  const CODES: [string, string, string, boolean][] = [
    ["OpenAI, Azure, Groq, Cerebras", "context_length_exceeded", "token_limit", false],
    ["GitHub Copilot", "model_max_prompt_tokens_exceeded", "token_limit", false],
    ["llama.cpp", "exceed_context_size_error", "token_limit", false],
    ["Anthropic", "request_too_large", "token_limit", false],
    ["GitHub Models", "tokens_limit_reached", "token_limit", false],
    ["Anthropic", "authentication_error", "auth", false],
    ["Anthropic", "permission_error", "auth", false],
    ["OpenAI", "invalid_api_key", "auth", false],
    ["OpenAI-compatible hosts", "incorrect_api_key", "auth", false],
    ["OpenAI-compatible hosts", "invalid_authentication", "auth", false],
    ["Google ErrorInfo", "API_KEY_INVALID", "auth", false],
    ["Google", "UNAUTHENTICATED", "auth", false],
    ["Google", "PERMISSION_DENIED", "auth", false],
    ["Bedrock", "AccessDeniedException", "auth", false],
    ["AWS", "UnrecognizedClientException", "auth", false],
    ["AWS", "InvalidSignatureException", "auth", false],
    ["AWS", "ExpiredTokenException", "auth", false],
    ["OpenAI", "insufficient_quota", "rate_limit", true],
    ["OpenAI", "billing_hard_limit_reached", "rate_limit", true],
    ["OpenAI", "billing_not_active", "rate_limit", true],
    ["Bedrock", "ServiceQuotaExceededException", "rate_limit", true],
    ["OpenAI-compatible hosts", "insufficient_balance", "rate_limit", true],
    ["OpenAI-compatible hosts", "payment_required", "rate_limit", true],
    ["Anthropic", "rate_limit_error", "rate_limit", false],
    ["OpenAI, Groq", "rate_limit_exceeded", "rate_limit", false],
    ["Mistral", "rate_limited", "rate_limit", false],
    ["OpenAI-compatible hosts", "too_many_requests", "rate_limit", false],
    ["Google", "RESOURCE_EXHAUSTED", "rate_limit", false],
    ["Bedrock", "ThrottlingException", "rate_limit", false],
    ["AWS", "TooManyRequestsException", "rate_limit", false],
    ["Google", "DEADLINE_EXCEEDED", "timeout", false],
    ["Bedrock", "ModelTimeoutException", "timeout", false],
    ["Anthropic", "overloaded_error", "provider_unavailable", false],
    ["llama.cpp", "unavailable_error", "provider_unavailable", false],
    ["Mistral", "service_tier_capacity_exceeded", "provider_unavailable", false],
    ["Bedrock", "ServiceUnavailableException", "provider_unavailable", false],
    ["Bedrock", "ModelNotReadyException", "provider_unavailable", false],
    ["Bedrock", "InternalServerException", "provider_unavailable", false],
    ["Bedrock", "ModelStreamErrorException", "provider_unavailable", false],
    ["Bedrock", "ModelErrorException", "provider_unavailable", false],
    ["gateways", "timeout", "timeout", false],
    ["gateways", "timeout_error", "timeout", false],
    ["gateways", "request_timeout", "timeout", false],
    ["Anthropic", "api_error", "provider_unavailable", false],
    ["OpenAI", "server_error", "provider_unavailable", false],
    ["Perplexity, Mistral", "internal_server_error", "provider_unavailable", false],
    ["Perplexity", "service_unavailable", "provider_unavailable", false],
    ["Google", "UNAVAILABLE", "provider_unavailable", false],
    ["Google", "INTERNAL", "provider_unavailable", false],
  ]

  test("a status-less error part is classified by its vendor code alone", () => {
    const classified = CODES.map(([vendor, code]) => {
      const result = classify({ type: code, message: NEUTRAL })
      return [vendor, code, result.condition, result.quota]
    })
    expect(classified).toEqual(CODES)
  })

  test("codes are read from type, code, status, reason and errorType, trimmed and in any case", () => {
    for (const field of ["type", "code", "status", "reason", "errorType"])
      expect([field, classify({ [field]: " Rate_Limit_Exceeded ", message: NEUTRAL }).condition]).toEqual([
        field,
        "rate_limit",
      ])
  })

  test("a code longer than 100 characters is not read", () => {
    expect(classify({ name: `${"x".repeat(89)}TimeoutError`, message: NEUTRAL }).condition).toBe("other")
    expect(classify({ name: `${"x".repeat(88)}TimeoutError`, message: NEUTRAL }).condition).toBe("timeout")
  })

  test("Bun's ResponseAborted is the caller's abort", () => {
    expect(classify(Object.assign(new Error(NEUTRAL), { code: "ResponseAborted" })).condition).toBe("aborted")
  })

  test("a generic code refines only a server-side status: none, 408, 429 or 5xx", () => {
    const at = (status: number | undefined, type: string) =>
      classify({ type, message: NEUTRAL, ...(status === undefined ? {} : { statusCode: status }) }).condition
    expect([undefined, 408, 429, 500, 503, 599].map((status) => at(status, "timeout_error"))).toEqual(
      Array(6).fill("timeout"),
    )
    expect([408, 429].map((status) => at(status, "api_error"))).toEqual([
      "provider_unavailable",
      "provider_unavailable",
    ])
    expect([400, 404, 422, 499].map((status) => at(status, "timeout_error"))).toEqual(Array(4).fill("other"))
  })

  test("the status decides alone: 401 and 403 auth, 408, 504 and 524 timeout, other 5xx but 501 and 505 outages", () => {
    const statuses = [401, 403, 408, 504, 524, 500, 502, 503, 529, 599, 501, 505, 400, 404, 409, 413, 422, 429]
    expect(statuses.map((status) => [status, classify({ statusCode: status }).condition])).toEqual([
      [401, "auth"],
      [403, "auth"],
      [408, "timeout"],
      [504, "timeout"],
      [524, "timeout"],
      [500, "provider_unavailable"],
      [502, "provider_unavailable"],
      [503, "provider_unavailable"],
      [529, "provider_unavailable"],
      [599, "provider_unavailable"],
      [501, "other"],
      [505, "other"],
      [400, "other"],
      [404, "other"],
      [409, "other"],
      [413, "token_limit"],
      [422, "other"],
      [429, "rate_limit"],
    ])
  })

  test("a status is read from statusCode, status or a numeric code, as a number or three digits, within 400-599", () => {
    expect(classify({ statusCode: "429" }).status).toBe(429)
    expect(classify({ status: " 503 " }).status).toBe(503)
    expect(classify({ code: 529 }).status).toBe(529)
    expect(classify({ statusCode: 599 }).status).toBe(599)
    expect(classify({ statusCode: 400 }).status).toBe(400)
    for (const status of [200, 399, 600, 429.5, "4290", "42"])
      expect([status, classify({ statusCode: status }).status]).toEqual([status, undefined])
    expect(classify({ statusCode: 200, message: "rate limit exceeded" }).condition).toBe("rate_limit")
  })

  test("the outermost status wins over the statuses nested in it", () => {
    const error = { statusCode: 400, message: NEUTRAL, error: { code: 429, message: "upstream rate limited" } }
    expect(classify(error)).toMatchObject({ condition: "other", status: 400 })
  })

  test("wording about keys counts only without a status or with a 400", () => {
    expect(classify({ message: "Invalid API key" }).condition).toBe("auth")
    expect(classify({ statusCode: 400, message: "Invalid API key" }).condition).toBe("auth")
    expect(classify({ statusCode: 404, message: "Invalid API key" }).condition).toBe("other")
    expect(classify({ statusCode: 422, message: "Invalid API key" }).condition).toBe("other")
  })
})

describe("classify: what a classification holds", () => {
  test("it carries no key for what the failure does not say", () => {
    expect(classify(new Error("something odd"))).toStrictEqual({
      condition: "other",
      quota: false,
      message: "something odd",
      retryable: false,
    })
  })

  test("unreadable input is other, no quota, not retryable, and says so", () => {
    const boom = () => {
      throw new Error("no")
    }
    const hostile = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom })
    expect(classify(hostile)).toStrictEqual({
      condition: "other",
      quota: false,
      message: "Unreadable error",
      retryable: false,
    })
  })

  test("the caller's abort is never retryable and carries no status, even when the error it cut short said so", () => {
    const error = new APICallError({
      message: "The operation was aborted.",
      url: "https://api.example.com/v1/chat/completions",
      requestBodyValues: {},
      statusCode: 503,
      responseHeaders: { "retry-after": "5" },
      isRetryable: true,
      cause: new DOMException("The operation was aborted.", "AbortError"),
    })
    expect(classify(error)).toStrictEqual({
      condition: "aborted",
      quota: false,
      message: "The operation was aborted.",
      retryable: false,
    })
  })

  test("a RetryError that recorded no attempt is classified as itself", () => {
    const error = new RetryError({ message: "Failed after 0 attempts.", reason: "maxRetriesExceeded", errors: [] })
    expect(classify(error).message).toBe("Failed after 0 attempts.")
  })

  test("a RetryError whose last error is itself is classified without looping", () => {
    const error: Record<string, unknown> = { name: "AI_RetryError", message: "Failed after 3 attempts." }
    error.lastError = error
    expect(classify(error)).toMatchObject({ condition: "other", message: "Failed after 3 attempts." })
  })

  test("the outermost isRetryable wins over the ones nested in it", () => {
    const inner = apiError(503, "", {}, { isRetryable: true })
    expect(classify({ message: "wrapped", isRetryable: false, cause: inner }).retryable).toBe(false)
    expect(classify({ message: "wrapped", cause: inner }).retryable).toBe(true)
  })

  test("a thrown string is a message: its words are shown, and JSON in it is read as a body", () => {
    expect(classify("Service Unavailable")).toMatchObject({
      condition: "provider_unavailable",
      message: "Service Unavailable",
    })
    expect(classify("500").message).toBe("500")
    const body = JSON.stringify({ error: { type: "request_too_large", message: "Request exceeds the maximum size" } })
    expect(classify(body).condition).toBe("token_limit")
    expect(classify(`\n  ${body}`).condition).toBe("token_limit")
  })

  test("an empty or blank message gives way to the next one", () => {
    expect(classify({ message: "   ", error: { message: "the real words" } }).message).toBe("the real words")
    expect(classify({ message: "", error: { message: "the real words" } }).message).toBe("the real words")
  })

  test("a null metadata or error is no error of its own", () => {
    expect(classify({ code: 429, message: "Rate limit exceeded", metadata: null, error: null })).toMatchObject({
      condition: "rate_limit",
      status: 429,
    })
  })
})

describe("classify: empty answers", () => {
  test("an empty answer with no vendor error is an outage", () => {
    expect(classify(new EmptyAnswerError({ unified: "other", raw: "other" }, undefined)).condition).toBe(
      "provider_unavailable",
    )
  })

  test("an empty answer whose vendor error names a client status is what that status says", () => {
    const error = new EmptyAnswerError({ unified: "other", raw: "other" }, { code: 400, message: "Invalid value" })
    expect(classify(error)).toMatchObject({ condition: "other", status: 400 })
  })

  test("an empty answer whose vendor error words a rate limit is a rate limit", () => {
    const error = new EmptyAnswerError({ unified: "other", raw: "other" }, { message: "Rate limit exceeded" })
    expect(classify(error).condition).toBe("rate_limit")
  })
})

describe("classify: Bedrock exceptions named by a key", () => {
  test("only a key that ends in Exception and holds an object names an exception", () => {
    expect(classify({ throttlingException: { message: "details withheld" } }).condition).toBe("rate_limit")
    expect(classify({ throttlingException: "details withheld" }).condition).toBe("other")
    expect(classify({ message: "details withheld", timeout: { ms: 30_000 } }).condition).toBe("other")
  })

  test("an Error object's own fields are not searched for exception keys", () => {
    const error = Object.assign(new Error("details withheld"), { throttlingException: { message: "x" } })
    expect(classify(error).condition).toBe("other")
  })
})

describe("classify: missing models, exactly", () => {
  test("Anthropic's not_found_error is a missing model only when it says just `model: <id>`", () => {
    const notFound = (message: string) =>
      classify({ statusCode: 404, error: { type: "not_found_error", message } }).lasting
    expect(notFound("model: claude-sonnet-9")).toBe("missing_model")
    expect(notFound("File not found: file_011CNha8iCJcU1wXNR6q4V8w")).toBeUndefined()
    expect(notFound("no such model: claude-sonnet-9")).toBeUndefined()
    expect(notFound("model: claude-sonnet-9 has no batches")).toBeUndefined()
  })

  test("model wording is read only on a 400, a 404 or without a status", () => {
    const at = (statusCode: number | undefined) =>
      classify({ ...(statusCode === undefined ? {} : { statusCode }), message: "Model Not Exist" }).lasting
    expect([undefined, 400, 404, 403, 422, 500].map(at)).toEqual([
      "missing_model",
      "missing_model",
      "missing_model",
      undefined,
      undefined,
      undefined,
    ])
  })

  test("Anthropic's `model: <id>` is read among the other messages of the error, trimmed", () => {
    const error = (message: string) => ({
      statusCode: 404,
      message: "Not Found",
      error: { type: "not_found_error", message },
    })
    expect(classify(error("model: claude-sonnet-9")).lasting).toBe("missing_model")
    expect(classify(error("model: claude-sonnet-9\n")).lasting).toBe("missing_model")
  })

  test("OpenRouter's no endpoints is a passing outage even when it also says the model was not found", () => {
    const result = classify({ statusCode: 404, message: "No endpoints found for x/y: model not found on any provider" })
    expect(result.lasting).toBeUndefined()
  })
})

describe("classify: a RetryError met inside another error", () => {
  test("is read through its last error", () => {
    const last = apiError(429, "", { "retry-after": "3" })
    const retry = new RetryError({ message: "Failed after 2 attempts.", reason: "maxRetriesExceeded", errors: [last] })
    expect(classify({ message: "wrapped", cause: retry })).toMatchObject({
      condition: "rate_limit",
      status: 429,
      retryAfterMs: 3_000,
    })
  })
})

describe("classify: Google quotas answered with another status", () => {
  test("a 403 whose QuotaFailure names a daily quota among others is a quota, not a refused key", () => {
    const error = {
      code: 403,
      message: "Daily Limit Exceeded",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.QuotaFailure",
          violations: [{ quotaId: "RequestsPerMinutePerProject" }, { quotaId: "RequestsPerDayPerProject" }],
        },
      ],
    }
    expect(classify(error)).toMatchObject({ condition: "rate_limit", quota: true, status: 403 })
  })
})
