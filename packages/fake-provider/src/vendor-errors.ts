// The error responses each vendor really sends, as plain data. Other packages'
// tests import these so their failure classifiers are checked against the
// same bodies and headers the fake server emits (and the real APIs send).

import { randomUUID } from "node:crypto"
import type { ResponsesErrorEvent } from "./script.ts"
import type { SigV4Failure } from "./sigv4.ts"
import type { WireFormat } from "./vendor.ts"
import { randomId } from "./vendor.ts"

/** Every kind of error step the server answers with a vendor's error response. */
export const ERROR_KINDS = [
  "rate_limit",
  "server_error",
  "overloaded",
  "unauthorized",
  "context_overflow",
  "model_not_found",
] as const

export type ErrorKind = (typeof ERROR_KINDS)[number]

/** Field names mirror the script steps so a step can be passed straight in. */
export interface ErrorOptions {
  /** Model id quoted in messages that name it (rate limits). */
  model?: string
  retry_after_s?: number
  /** Sub-second retry delay; also emits OpenAI's `retry-after-ms` header. */
  retry_after_ms?: number
  /** rate_limit only: the quota/billing variant instead of a per-minute limit. */
  quota?: boolean
  /** server_error: 500 (default), 502 or 503. unauthorized on Gemini: 400 (default) or 401. */
  status?: number
  /** Clock for reset timestamps, so tests can pin them. Defaults to Date.now(). */
  now?: number
}

export interface VendorErrorResponse {
  status: number
  headers: Record<string, string>
  /** The JSON body, not yet serialised. */
  body: unknown
}

const DEFAULT_RETRY_MS = 1000
const DEFAULT_MODEL = "unknown-model"

// Messages copied from observed vendor responses, minus anything account-specific.
const OPENAI_500_MESSAGE = "The server had an error while processing your request. Sorry about that!"
const OPENAI_503_MESSAGE = "The server is overloaded or not ready yet."
const OPENAI_OVERLOADED_MESSAGE = "The engine is currently overloaded, please try again later"
// The Responses API words a context overflow differently from chat completions and blames `input`.
const OPENAI_RESPONSES_CONTEXT_MESSAGE =
  "Your input exceeds the context window of this model. Please adjust your input and try again."
const OPENAI_QUOTA_MESSAGE =
  "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors."
const ANTHROPIC_RATE_LIMIT_MESSAGE =
  "This request would exceed the rate limit for your organization of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase."
// Anthropic has no 429 quota error: an exhausted prepaid balance is a 400.
const ANTHROPIC_CREDIT_MESSAGE =
  "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."
const GOOGLE_OVERLOADED_MESSAGE = "The model is overloaded. Please try again later."
const GOOGLE_INTERNAL_MESSAGE =
  "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"
const GOOGLE_UNAVAILABLE_MESSAGE = "The service is currently unavailable."
const GOOGLE_API_KEY_MESSAGE = "API key not valid. Please pass a valid API key."
const GOOGLE_UNAUTHENTICATED_MESSAGE =
  "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."

const BEDROCK_THROTTLING_MESSAGE = "Too many requests, please wait before trying again."
// The on-demand daily token quota is a throttle too, not a distinct quota error.
const BEDROCK_DAILY_MESSAGE = "Too many tokens per day, please wait before trying again."
const BEDROCK_INTERNAL_MESSAGE = "The system encountered an unexpected error during processing. Try your request again."
const BEDROCK_UNAVAILABLE_MESSAGE = "Bedrock is unable to process your request."
const BEDROCK_OVERLOADED_MESSAGE = "Too many connections, please wait before trying again."
const BEDROCK_NOT_READY_MESSAGE =
  "The model is not ready to serve inference requests. Wait a moment, then try your request again."
const BEDROCK_ACCESS_MESSAGE = "You don't have access to the model with the specified model ID."
const BEDROCK_OVERFLOW_MESSAGE = "Input is too long for requested model."
const BEDROCK_NOT_FOUND_MESSAGE = "Could not resolve the foundation model from the provided model identifier."
const BEDROCK_SIGNATURE_MESSAGE =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."

const COHERE_TRIAL_MESSAGE =
  "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions"
const COHERE_MONTHLY_MESSAGE =
  "You are using a Trial key, which is limited to 1000 API calls / month. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'. Contact us on 'https://discord.gg/XW44jPfYJu' or email us at support@cohere.com with any questions"
const COHERE_OVERFLOW_MESSAGE =
  "too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 135000. Try using a shorter prompt, or enabling prompt truncating. See https://docs.cohere.com/reference/chat for more details."
const COHERE_STREAM_MESSAGE = "internal server error, this has been reported to our developers"

const PERPLEXITY_RATE_LIMIT_MESSAGE = "Rate limit exceeded. Please slow down and try again later."
const PERPLEXITY_QUOTA_MESSAGE =
  "You have exceeded your API credit balance. Please add credits at https://www.perplexity.ai/settings/api."
const PERPLEXITY_API_KEY_MESSAGE =
  "Invalid API key provided. You can find your API key at https://www.perplexity.ai/settings/api."
const PERPLEXITY_INTERNAL_MESSAGE = "An internal error occurred. Please try again later."
const PERPLEXITY_OVERLOADED_MESSAGE = "The model is currently overloaded. Please try again later."

const GATEWAY_RATE_LIMIT_MESSAGE = "Free tier requests on this model are rate-limited"
const GATEWAY_FUNDS_MESSAGE =
  "Insufficient funds. Please add credits to your account to continue using AI services. Visit https://vercel.com/d?to=%2F%5Bteam%5D%2F%7E%2Fai%3Fmodal%3Dtop-up to top up your credits."
const GATEWAY_OVERFLOW_MESSAGE = "prompt is too long: 210000 tokens > 200000 maximum"

const MISTRAL_RATE_LIMIT_MESSAGE = "Rate limit exceeded"
const MISTRAL_CAPACITY_MESSAGE = "Service tier capacity exceeded for this model."
// Mistral's wording of a server error is not known; its shape is that of its other errors.
const MISTRAL_INTERNAL_MESSAGE = "Internal server error"
const MISTRAL_OVERFLOW_MESSAGE =
  "Prompt contains 135000 tokens and 0 draft tokens, too large for model with 131072 maximum context length"

const VERTEX_RESOURCE_EXHAUSTED_MESSAGE =
  "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details."
const VERTEX_INTERNAL_MESSAGE = "Internal error encountered."
const VERTEX_MISSING_CREDENTIALS_MESSAGE =
  "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."

/** The `:exception-type` of the frame that carries a Bedrock in-stream error. */
export const BEDROCK_STREAM_EXCEPTION = "internalServerException"

/** Builds the status, headers and body a vendor answers with for one failure kind. */
export function errorResponse(format: WireFormat, kind: ErrorKind, options: ErrorOptions = {}): VendorErrorResponse {
  const response = vendorError(format, kind, options)
  // An outage or overload may come with a Retry-After of its own (Anthropic's 529s, a proxy's 503s); a step that
  // asks for one gets it as a plain header, in seconds.
  const asked = askedRetryMs(options)
  if ((kind === "server_error" || kind === "overloaded") && asked !== undefined)
    response.headers["retry-after"] = wholeSeconds(asked)
  return response
}

function vendorError(format: WireFormat, kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  // xAI's own error bodies are not modelled: its formats answer with OpenAI's, which @ai-sdk/xai parses too.
  if (format === "openai" || format === "openai-responses" || format === "xai" || format === "xai-responses") {
    return openaiError(kind, options, format)
  }
  if (format === "mistral") return mistralError(kind, options)
  if (format === "anthropic") return anthropicError(kind, options)
  if (format === "bedrock") return bedrockError(kind, options)
  if (format === "cohere") return cohereError(kind, options)
  if (format === "vertex") return vertexError(kind, options)
  if (format === "vertex-anthropic") return vertexAnthropicError(kind, options)
  if (format === "perplexity") return perplexityError(kind, options)
  if (format === "gateway") return gatewayError(kind, options)
  return googleError(kind, options)
}

/**
 * The payload of an error that arrives inside a 200 stream: Anthropic's
 * `event: error` overloaded frame, OpenAI's `data: {"error": ...}` chunk and
 * Gemini's `{"error": ...}` chunk, Bedrock's exception frame payload (its
 * type, `internalServerException`, travels in the frame's headers; see
 * BEDROCK_STREAM_EXCEPTION). For the OpenAI Responses API it is the
 * error object inside the event (`response.error` of `response.failed`, or
 * `error` of an `error` event); the rest of those events (sequence number,
 * response id) belongs to the stream and is added by responses.ts. Perplexity's
 * is a chunk of only `{"error": ...}`; the AI Gateway's is the `error` of an
 * `error` stream part (an upstream provider's failure, relayed).
 */
export function streamErrorBody(format: WireFormat, event: ResponsesErrorEvent = "response.failed"): unknown {
  if (format === "openai" || format === "xai") {
    return { error: { message: OPENAI_500_MESSAGE, type: "server_error", param: null, code: null } }
  }
  if (format === "mistral") return mistralBody(MISTRAL_INTERNAL_MESSAGE, "internal_server_error", null)
  if (format === "openai-responses" || format === "xai-responses") {
    const message = `An error occurred while processing your request. You can retry your request, or contact us through our help center at help.openai.com if the error persists. Please include the request ID req_${randomId(32).toLowerCase()} in your message.`
    if (event === "error") return { type: "server_error", code: "server_error", message, param: null }
    return { code: "server_error", message }
  }
  if (format === "anthropic" || format === "vertex-anthropic") {
    return { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }
  }
  if (format === "bedrock") return { message: BEDROCK_INTERNAL_MESSAGE }
  if (format === "cohere") return { finish_reason: "ERROR", error: COHERE_STREAM_MESSAGE }
  if (format === "perplexity") {
    return { error: { message: PERPLEXITY_INTERNAL_MESSAGE, type: "internal_server_error", code: 500 } }
  }
  if (format === "gateway") return { message: "Overloaded", type: "AI_APICallError", statusCode: 529 }
  return { error: { code: 503, message: GOOGLE_OVERLOADED_MESSAGE, status: "UNAVAILABLE" } }
}

/** The retry delay in ms a step asks for; quota errors carry none unless asked. */
function retryDelayMs(options: ErrorOptions): number | undefined {
  if (options.retry_after_ms !== undefined) return options.retry_after_ms
  if (options.retry_after_s !== undefined) return options.retry_after_s * 1000
  return options.quota === true ? undefined : DEFAULT_RETRY_MS
}

/** The retry delay in ms a step asks for, for vendors that send none of their own. */
function askedRetryMs(options: ErrorOptions): number | undefined {
  return options.retry_after_ms ?? (options.retry_after_s === undefined ? undefined : options.retry_after_s * 1000)
}

function wholeSeconds(ms: number): string {
  return String(Math.max(0, Math.ceil(ms / 1000)))
}

/** OpenAI's reset headers use Go-style durations: "120ms", "1.5s", "6m0s". */
function openaiDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  const totalSeconds = ms / 1000
  const minutes = Math.floor(totalSeconds / 60)
  const seconds = Number((totalSeconds - minutes * 60).toFixed(3))
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`
}

/** RFC 3339 at whole seconds, rounded up, as Anthropic's reset headers are. */
function rfc3339(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z")
}

/** google.protobuf.Duration JSON form: "38s" or "1.5s". */
function protoDuration(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`
}

function jsonHeaders(extra: Record<string, string>): Record<string, string> {
  return { "content-type": "application/json", ...extra }
}

/** OpenAI's error body, which OpenAI-compatible hosts copy: `{"error": {"message", "type", "param", "code"}}`. */
export function openaiBody(
  message: string,
  type: string | null,
  code: string | number | null,
  param: string | null = null,
) {
  return { error: { message, type, param, code } }
}

function openaiError(kind: ErrorKind, options: ErrorOptions, format: WireFormat): VendorErrorResponse {
  const requestHeaders = { "x-request-id": `req_${randomId(32).toLowerCase()}` }
  if (kind === "rate_limit") return openaiRateLimit(options, requestHeaders)
  if (kind === "model_not_found") {
    const model = options.model ?? DEFAULT_MODEL
    return {
      status: 404,
      headers: jsonHeaders(requestHeaders),
      body: openaiBody(
        `The model \`${model}\` does not exist or you do not have access to it.`,
        "invalid_request_error",
        "model_not_found",
      ),
    }
  }
  if (kind === "overloaded") {
    return {
      status: 503,
      headers: jsonHeaders(requestHeaders),
      body: openaiBody(OPENAI_OVERLOADED_MESSAGE, "server_error", null),
    }
  }
  if (kind === "unauthorized") {
    return {
      status: 401,
      headers: jsonHeaders(requestHeaders),
      body: openaiBody(
        "Incorrect API key provided: sk-fake*********************. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
      ),
    }
  }
  if (kind === "context_overflow" && (format === "openai-responses" || format === "xai-responses")) {
    return {
      status: 400,
      headers: jsonHeaders(requestHeaders),
      body: openaiBody(OPENAI_RESPONSES_CONTEXT_MESSAGE, "invalid_request_error", "context_length_exceeded", "input"),
    }
  }
  if (kind === "context_overflow") {
    return {
      status: 400,
      headers: jsonHeaders(requestHeaders),
      body: openaiBody(
        "This model's maximum context length is 128000 tokens. However, your messages resulted in 135000 tokens. Please reduce the length of the messages.",
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
      ),
    }
  }
  const status = options.status ?? 500
  // A 502 comes from OpenAI's edge proxy, which answers in its own shape.
  if (status === 502) {
    return {
      status,
      headers: jsonHeaders(requestHeaders),
      body: { error: { code: 502, message: "Bad gateway.", param: null, type: "cf_bad_gateway" } },
    }
  }
  const message = status === 503 ? OPENAI_503_MESSAGE : OPENAI_500_MESSAGE
  return { status, headers: jsonHeaders(requestHeaders), body: openaiBody(message, "server_error", null) }
}

function openaiRateLimit(options: ErrorOptions, requestHeaders: Record<string, string>): VendorErrorResponse {
  const delayMs = retryDelayMs(options)
  const headers: Record<string, string> = jsonHeaders(requestHeaders)
  if (delayMs !== undefined) {
    headers["retry-after"] = wholeSeconds(delayMs)
    headers["x-ratelimit-limit-requests"] = "500"
    headers["x-ratelimit-remaining-requests"] = "0"
    headers["x-ratelimit-reset-requests"] = openaiDuration(delayMs)
  }
  // Only Azure-style deployments send retry-after-ms; emit it when a test asks for ms precision.
  if (options.retry_after_ms !== undefined) headers["retry-after-ms"] = String(options.retry_after_ms)
  if (options.quota === true) {
    return { status: 429, headers, body: openaiBody(OPENAI_QUOTA_MESSAGE, "insufficient_quota", "insufficient_quota") }
  }
  const model = options.model ?? DEFAULT_MODEL
  const wait = openaiDuration(delayMs ?? DEFAULT_RETRY_MS)
  const message = `Rate limit reached for ${model} in organization org-fakeprovider on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in ${wait}. Visit https://platform.openai.com/account/rate-limits to learn more.`
  return { status: 429, headers, body: openaiBody(message, "requests", "rate_limit_exceeded") }
}

/** Anthropic's error body: `{"type": "error", "error": {"type", "message"}, "request_id"}`. */
export function anthropicBody(type: string, message: string, requestId: string) {
  return { type: "error", error: { type, message }, request_id: requestId }
}

function anthropicError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  const requestId = `req_011C${randomId(20)}`
  const headers = jsonHeaders({ "request-id": requestId })
  if (kind === "rate_limit") return anthropicRateLimit(options, requestId)
  if (kind === "model_not_found") {
    const message = `model: ${options.model ?? DEFAULT_MODEL}`
    return { status: 404, headers, body: anthropicBody("not_found_error", message, requestId) }
  }
  if (kind === "overloaded") {
    return { status: 529, headers, body: anthropicBody("overloaded_error", "Overloaded", requestId) }
  }
  if (kind === "unauthorized") {
    return { status: 401, headers, body: anthropicBody("authentication_error", "invalid x-api-key", requestId) }
  }
  if (kind === "context_overflow") {
    return {
      status: 400,
      headers,
      body: anthropicBody("invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum", requestId),
    }
  }
  return {
    status: options.status ?? 500,
    headers,
    body: anthropicBody("api_error", "Internal server error", requestId),
  }
}

function anthropicRateLimit(options: ErrorOptions, requestId: string): VendorErrorResponse {
  const headers = jsonHeaders({ "request-id": requestId })
  if (options.quota === true) {
    return { status: 400, headers, body: anthropicBody("invalid_request_error", ANTHROPIC_CREDIT_MESSAGE, requestId) }
  }
  const delayMs = retryDelayMs(options) ?? DEFAULT_RETRY_MS
  const now = options.now ?? Date.now()
  headers["retry-after"] = wholeSeconds(delayMs)
  headers["anthropic-ratelimit-requests-limit"] = "50"
  headers["anthropic-ratelimit-requests-remaining"] = "0"
  headers["anthropic-ratelimit-requests-reset"] = rfc3339(now + delayMs)
  return { status: 429, headers, body: anthropicBody("rate_limit_error", ANTHROPIC_RATE_LIMIT_MESSAGE, requestId) }
}

function googleError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  const headers = jsonHeaders({})
  if (kind === "rate_limit") return googleRateLimit(options)
  if (kind === "model_not_found") {
    const model = options.model ?? DEFAULT_MODEL
    const message = `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`
    return { status: 404, headers, body: { error: { code: 404, message, status: "NOT_FOUND" } } }
  }
  if (kind === "overloaded") {
    return {
      status: 503,
      headers,
      body: { error: { code: 503, message: GOOGLE_OVERLOADED_MESSAGE, status: "UNAVAILABLE" } },
    }
  }
  if (kind === "unauthorized") return googleUnauthorized(options.status ?? 400)
  if (kind === "context_overflow") {
    return {
      status: 400,
      headers,
      body: {
        error: {
          code: 400,
          message: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
          status: "INVALID_ARGUMENT",
        },
      },
    }
  }
  const status = options.status ?? 500
  const unavailable = status === 502 || status === 503
  return {
    status,
    headers,
    body: {
      error: {
        code: status,
        message: unavailable ? GOOGLE_UNAVAILABLE_MESSAGE : GOOGLE_INTERNAL_MESSAGE,
        status: unavailable ? "UNAVAILABLE" : "INTERNAL",
      },
    },
  }
}

function googleRateLimit(options: ErrorOptions): VendorErrorResponse {
  const model = options.model ?? DEFAULT_MODEL
  const daily = options.quota === true
  const metric = "generativelanguage.googleapis.com/generate_content_free_tier_requests"
  const limit = daily ? "250" : "10"
  const quotaId = daily
    ? "GenerateRequestsPerDayPerProjectPerModel-FreeTier"
    : "GenerateRequestsPerMinutePerProjectPerModel-FreeTier"
  const delayMs = retryDelayMs(options)
  const retryText = delayMs === undefined ? "" : `\nPlease retry in ${protoDuration(delayMs)}.`
  const message = `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: ${metric}, limit: ${limit}, model: ${model}${retryText}`
  const details: unknown[] = [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: metric,
          quotaId,
          quotaDimensions: { location: "global", model },
          quotaValue: limit,
        },
      ],
    },
    {
      "@type": "type.googleapis.com/google.rpc.Help",
      links: [
        { description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" },
      ],
    },
  ]
  if (delayMs !== undefined) {
    details.push({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: protoDuration(delayMs) })
  }
  return {
    status: 429,
    headers: jsonHeaders({}),
    body: { error: { code: 429, message, status: "RESOURCE_EXHAUSTED", details } },
  }
}

function googleUnauthorized(status: number): VendorErrorResponse {
  if (status === 401) {
    return {
      status,
      headers: jsonHeaders({}),
      body: {
        error: {
          code: 401,
          message: GOOGLE_UNAUTHENTICATED_MESSAGE,
          status: "UNAUTHENTICATED",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "CREDENTIALS_MISSING",
              domain: "googleapis.com",
              metadata: {
                service: "generativelanguage.googleapis.com",
                method: "google.ai.generativelanguage.v1beta.GenerativeService.GenerateContent",
              },
            },
          ],
        },
      },
    }
  }
  return {
    status: 400,
    headers: jsonHeaders({}),
    body: {
      error: {
        code: 400,
        message: GOOGLE_API_KEY_MESSAGE,
        status: "INVALID_ARGUMENT",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "API_KEY_INVALID",
            domain: "googleapis.com",
            metadata: { service: "generativelanguage.googleapis.com" },
          },
          {
            "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
            locale: "en-US",
            message: GOOGLE_API_KEY_MESSAGE,
          },
        ],
      },
    },
  }
}

function mistralBody(message: string, type: string, code: string | null) {
  return { object: "error", message, type, param: null, code }
}

/** Mistral's error shape, for strict-mode rejections. */
export function mistralErrorResponse(
  status: number,
  message: string,
  type: string,
  code: string | null = null,
): VendorErrorResponse {
  return { status, headers: jsonHeaders({}), body: mistralBody(message, type, code ?? null) }
}

/**
 * Mistral's errors are its own `{object: "error", message, type, param, code}`, except a refused key, which its front
 * door answers with `{detail}`. No `retry-after` is known to come with a rate limit, so the step's delay is not sent;
 * a spent quota has no error of its own known here and is the same rate limit.
 */
function mistralError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  if (kind === "rate_limit") return mistralErrorResponse(429, MISTRAL_RATE_LIMIT_MESSAGE, "rate_limited", "1300")
  if (kind === "overloaded") {
    return mistralErrorResponse(503, MISTRAL_CAPACITY_MESSAGE, "service_tier_capacity_exceeded", "3505")
  }
  if (kind === "unauthorized") return { status: 401, headers: jsonHeaders({}), body: { detail: "Unauthorized" } }
  if (kind === "context_overflow") return mistralErrorResponse(400, MISTRAL_OVERFLOW_MESSAGE, "invalid_request_error")
  if (kind === "model_not_found") {
    return mistralErrorResponse(400, `Invalid model: ${options.model ?? DEFAULT_MODEL}`, "invalid_model", "1500")
  }
  return mistralErrorResponse(options.status ?? 500, MISTRAL_INTERNAL_MESSAGE, "internal_server_error")
}

/** A Cohere error: only `{"message"}`, with the trace id support asks for in `x-debug-trace-id`. */
export function cohereErrorResponse(status: number, message: string): VendorErrorResponse {
  return { status, headers: jsonHeaders({ "x-debug-trace-id": randomId(32).toLowerCase() }), body: { message } }
}

function cohereError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  if (kind === "rate_limit") {
    const limited = cohereErrorResponse(429, options.quota === true ? COHERE_MONTHLY_MESSAGE : COHERE_TRIAL_MESSAGE)
    limited.headers["x-trial-endpoint-call-limit"] = options.quota === true ? "1000" : "20"
    limited.headers["x-trial-endpoint-call-remaining"] = "0"
    // Cohere promises no retry delay of its own; a step that asks for one gets the standard header.
    const delayMs = askedRetryMs(options)
    if (delayMs !== undefined) limited.headers["retry-after"] = wholeSeconds(delayMs)
    return limited
  }
  if (kind === "model_not_found") {
    const model = options.model ?? DEFAULT_MODEL
    return cohereErrorResponse(
      404,
      `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`,
    )
  }
  if (kind === "overloaded")
    return cohereErrorResponse(503, "the model is currently overloaded, please try again later")
  if (kind === "unauthorized") return cohereErrorResponse(401, "invalid api token")
  if (kind === "context_overflow") return cohereErrorResponse(400, COHERE_OVERFLOW_MESSAGE)
  const status = options.status ?? 500
  if (status === 503) return cohereErrorResponse(503, "service unavailable, please try again later")
  return cohereErrorResponse(status, `${COHERE_STREAM_MESSAGE}. id ${randomUUID()}`)
}

/** A google.rpc error (Gemini, Vertex AI): `{"error": {"code", "message", "status", "details"?}}`. */
export function googleRpc(status: number, code: string, message: string, details?: unknown[]): VendorErrorResponse {
  const error =
    details === undefined ? { code: status, message, status: code } : { code: status, message, status: code, details }
  return { status, headers: jsonHeaders({}), body: { error } }
}

/**
 * Vertex AI's 401: no credential at all (`CREDENTIALS_MISSING`) or a token it
 * no longer accepts (`ACCESS_TOKEN_EXPIRED`). `method` is the RPC refused, as
 * in `google.cloud.aiplatform.v1.PredictionService.GenerateContent`.
 */
export function vertexAuthError(
  reason: "CREDENTIALS_MISSING" | "ACCESS_TOKEN_EXPIRED",
  method?: string,
): VendorErrorResponse {
  const message = reason === "CREDENTIALS_MISSING" ? VERTEX_MISSING_CREDENTIALS_MESSAGE : GOOGLE_UNAUTHENTICATED_MESSAGE
  const metadata =
    method === undefined ? { service: "aiplatform.googleapis.com" } : { service: "aiplatform.googleapis.com", method }
  return googleRpc(401, "UNAUTHENTICATED", message, [
    { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com", metadata },
  ])
}

/** Vertex names the publisher model it could not find; the fake knows no project, so the name starts at the publisher. */
function vertexNotFound(publisher: string, model: string): VendorErrorResponse {
  return googleRpc(
    404,
    "NOT_FOUND",
    `Publisher Model \`publishers/${publisher}/models/${model}\` was not found or your project does not have access to it. Please ensure you are using a valid model version. For more information, see: https://cloud.google.com/vertex-ai/generative-ai/docs/learn/model-versions`,
  )
}

/** Gemini on Vertex: google.rpc errors like the Gemini API's, but Vertex's words and no retry delay in them. */
function vertexError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  const model = options.model ?? DEFAULT_MODEL
  if (kind === "rate_limit" && options.quota === true) {
    return googleRpc(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute_per_project_per_base_model with base model: ${model}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`,
    )
  }
  // Dynamic shared quota: a 429 says only "try again later", with no RetryInfo and no retry-after.
  if (kind === "rate_limit") return googleRpc(429, "RESOURCE_EXHAUSTED", VERTEX_RESOURCE_EXHAUSTED_MESSAGE)
  if (kind === "model_not_found") return vertexNotFound("google", model)
  if (kind === "overloaded") return googleRpc(503, "UNAVAILABLE", GOOGLE_OVERLOADED_MESSAGE)
  if (kind === "unauthorized") return vertexAuthError("ACCESS_TOKEN_EXPIRED")
  if (kind === "context_overflow") {
    return googleRpc(
      400,
      "INVALID_ARGUMENT",
      "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
    )
  }
  const status = options.status ?? 500
  if (status === 502 || status === 503) return googleRpc(status, "UNAVAILABLE", GOOGLE_UNAVAILABLE_MESSAGE)
  return googleRpc(status, "INTERNAL", VERTEX_INTERNAL_MESSAGE)
}

/**
 * Claude on Vertex: Google's front door answers quota, credential and routing
 * failures in google.rpc shape; what reaches the model comes back in Anthropic's
 * shape, without Anthropic's request id.
 */
function vertexAnthropicError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  const model = options.model ?? DEFAULT_MODEL
  const anthropic = (status: number, type: string, message: string) => ({
    status,
    headers: jsonHeaders({}),
    body: { type: "error", error: { type, message } },
  })
  if (kind === "rate_limit") {
    const metric =
      options.quota === true
        ? "online_prediction_tokens_per_day_per_base_model"
        : "online_prediction_requests_per_base_model"
    return googleRpc(
      429,
      "RESOURCE_EXHAUSTED",
      `Quota exceeded for aiplatform.googleapis.com/${metric} with base model: anthropic-${model.replace(/@.*$/, "")}. Please submit a quota increase request. https://cloud.google.com/vertex-ai/docs/generative-ai/quotas-genai.`,
    )
  }
  if (kind === "model_not_found") return vertexNotFound("anthropic", model)
  if (kind === "overloaded") return anthropic(529, "overloaded_error", "Overloaded")
  if (kind === "unauthorized") return vertexAuthError("ACCESS_TOKEN_EXPIRED")
  if (kind === "context_overflow") {
    return anthropic(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum")
  }
  const status = options.status ?? 500
  if (status === 502 || status === 503) return googleRpc(status, "UNAVAILABLE", GOOGLE_UNAVAILABLE_MESSAGE)
  return anthropic(status, "api_error", "Internal server error")
}

/** A Perplexity error: `{"error": {"message", "type", "code"}}`, the code being the HTTP status as a number. */
export function perplexityErrorResponse(status: number, type: string, message: string): VendorErrorResponse {
  return { status, headers: jsonHeaders({}), body: { error: { message, type, code: status } } }
}

function perplexityError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  if (kind === "rate_limit") {
    const limited =
      options.quota === true
        ? perplexityErrorResponse(429, "insufficient_quota", PERPLEXITY_QUOTA_MESSAGE)
        : perplexityErrorResponse(429, "rate_limit_exceeded", PERPLEXITY_RATE_LIMIT_MESSAGE)
    // Perplexity is not known to send a retry delay; a step that asks for one gets the standard header.
    const delayMs = askedRetryMs(options)
    if (delayMs !== undefined) limited.headers["retry-after"] = wholeSeconds(delayMs)
    return limited
  }
  // Perplexity answers an unknown model with a 400, not a 404.
  if (kind === "model_not_found") {
    const model = options.model ?? DEFAULT_MODEL
    return perplexityErrorResponse(
      400,
      "invalid_model",
      `Invalid model '${model}'. Permitted models can be found in the documentation at https://docs.perplexity.ai/docs/getting-started/models.`,
    )
  }
  if (kind === "overloaded") return perplexityErrorResponse(503, "service_unavailable", PERPLEXITY_OVERLOADED_MESSAGE)
  if (kind === "unauthorized") return perplexityErrorResponse(401, "invalid_api_key", PERPLEXITY_API_KEY_MESSAGE)
  if (kind === "context_overflow") {
    return perplexityErrorResponse(
      400,
      "invalid_request_error",
      "The total number of tokens in the messages (135000) exceeds the model's maximum context length of 128000 tokens.",
    )
  }
  const status = options.status ?? 500
  if (status === 502 || status === 503) {
    return perplexityErrorResponse(status, "service_unavailable", "The service is temporarily unavailable.")
  }
  return perplexityErrorResponse(status, "internal_server_error", PERPLEXITY_INTERNAL_MESSAGE)
}

/**
 * An AI Gateway error: `{"error": {"message", "type", "param"?}}`. @ai-sdk/gateway turns the `type` into its
 * error class (`rate_limit_exceeded` GatewayRateLimitError, `authentication_error`, `invalid_request_error`,
 * `model_not_found` with `param.modelId`, `internal_server_error`, `forbidden`; any other type is a
 * GatewayInternalServerError with the response's status).
 */
export function gatewayErrorResponse(
  status: number,
  type: string,
  message: string,
  param?: Record<string, unknown>,
): VendorErrorResponse {
  const error = param === undefined ? { message, type } : { message, type, param }
  return { status, headers: jsonHeaders({}), body: { error } }
}

/** A failure of the upstream provider, relayed as the upstream package's APICallError, which the gateway names. */
function gatewayUpstreamError(status: number, message: string): VendorErrorResponse {
  const retryable = status === 429 || status >= 500
  return gatewayErrorResponse(status, "AI_APICallError", message, {
    name: "AI_APICallError",
    type: "AI_APICallError",
    message,
    statusCode: status,
    isRetryable: retryable,
  })
}

function gatewayError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  if (kind === "rate_limit" && options.quota === true) {
    return gatewayErrorResponse(402, "insufficient_funds", GATEWAY_FUNDS_MESSAGE)
  }
  if (kind === "rate_limit") {
    const limited = gatewayErrorResponse(429, "rate_limit_exceeded", GATEWAY_RATE_LIMIT_MESSAGE)
    // The gateway is not known to send a retry delay; a step that asks for one gets the standard header.
    const delayMs = askedRetryMs(options)
    if (delayMs !== undefined) limited.headers["retry-after"] = wholeSeconds(delayMs)
    return limited
  }
  if (kind === "model_not_found") {
    const model = options.model ?? DEFAULT_MODEL
    return gatewayErrorResponse(404, "model_not_found", `Model '${model}' not found`, { modelId: model })
  }
  if (kind === "overloaded") return gatewayUpstreamError(529, "Overloaded")
  if (kind === "unauthorized") return gatewayErrorResponse(401, "authentication_error", "Invalid API key.")
  if (kind === "context_overflow") return gatewayUpstreamError(400, GATEWAY_OVERFLOW_MESSAGE)
  const status = options.status ?? 500
  if (status === 502 || status === 503) {
    return gatewayErrorResponse(status, "internal_server_error", "The service is temporarily unavailable.")
  }
  return gatewayErrorResponse(status, "internal_server_error", "Internal server error")
}

/**
 * A Bedrock error: the status, the exception's name in `x-amzn-errortype`
 * (suffixed with the Coral namespace that raised it, as AWS does) and a body
 * of only `{"message"}`. `namespace` is Bedrock's own unless the AWS front
 * door refused the request (authentication).
 */
export function bedrockErrorResponse(
  type: string,
  status: number,
  message: string,
  namespace = "com.amazon.bedrock",
): VendorErrorResponse {
  return {
    status,
    headers: jsonHeaders({
      "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/${namespace}/`,
      "x-amzn-requestid": randomUUID(),
    }),
    body: { message },
  }
}

/** ModelNotReadyException, Bedrock's 429 for a model that is still being loaded (no script step produces it). */
export function bedrockModelNotReady(): VendorErrorResponse {
  return bedrockErrorResponse("ModelNotReadyException", 429, BEDROCK_NOT_READY_MESSAGE)
}

function bedrockError(kind: ErrorKind, options: ErrorOptions): VendorErrorResponse {
  // Bedrock sends no retry-after or quota headers; a step's retry_after_s has nothing to map to.
  if (kind === "rate_limit") {
    return bedrockErrorResponse(
      "ThrottlingException",
      429,
      options.quota === true ? BEDROCK_DAILY_MESSAGE : BEDROCK_THROTTLING_MESSAGE,
    )
  }
  if (kind === "model_not_found")
    return bedrockErrorResponse("ResourceNotFoundException", 404, BEDROCK_NOT_FOUND_MESSAGE)
  if (kind === "overloaded") return bedrockErrorResponse("ServiceUnavailableException", 503, BEDROCK_OVERLOADED_MESSAGE)
  if (kind === "unauthorized") return bedrockErrorResponse("AccessDeniedException", 403, BEDROCK_ACCESS_MESSAGE)
  if (kind === "context_overflow") return bedrockErrorResponse("ValidationException", 400, BEDROCK_OVERFLOW_MESSAGE)
  const status = options.status ?? 500
  if (status === 503) return bedrockErrorResponse("ServiceUnavailableException", 503, BEDROCK_UNAVAILABLE_MESSAGE)
  return bedrockErrorResponse("InternalServerException", status, BEDROCK_INTERNAL_MESSAGE)
}

function amzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "")
}

/** What AWS answers a request whose credentials or signature it refuses; `now` words the expiry message. */
export function bedrockAuthError(failure: SigV4Failure, now: number = Date.now()): VendorErrorResponse {
  const front = (type: string, message: string) => bedrockErrorResponse(type, 403, message, "com.amazon.coral.service")
  switch (failure.type) {
    case "missing":
      return front("MissingAuthenticationTokenException", "Missing Authentication Token")
    case "malformed":
      return front("IncompleteSignatureException", `Authorization header is incomplete: ${failure.detail}.`)
    case "unknown_key":
      return front("UnrecognizedClientException", "The security token included in the request is invalid.")
    case "wrong_service":
      return front("InvalidSignatureException", "Credential should be scoped to correct service: 'bedrock'. ")
    case "bad_date":
      return front(
        "InvalidSignatureException",
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${failure.scopeDate}' != '${failure.amzDate.slice(0, 8)}', from '${failure.amzDate}'.`,
      )
    case "expired":
      return front(
        "InvalidSignatureException",
        `Signature expired: ${failure.amzDate} is now earlier than ${amzDate(now - 15 * 60 * 1000)} (${amzDate(now)} - 15 min.)`,
      )
    case "mismatch":
      return front("InvalidSignatureException", BEDROCK_SIGNATURE_MESSAGE)
  }
}
