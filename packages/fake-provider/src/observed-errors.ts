// Every vendor error response we know, as data: what the fake server answers to each error step in each wire
// format it speaks, and the other wordings, codes and shapes vendors were seen to send (OpenAI-compatible hosts,
// OpenRouter, Azure, variants of the big vendors' errors). Each says what the vendor means by it, so a failure
// classifier can be checked against the bytes themselves. The server serves any of them to a `vendor_error` step.

import type { ErrorKind, ErrorOptions, VendorErrorResponse } from "./vendor-errors.ts"
import {
  anthropicBody,
  bedrockErrorResponse,
  bedrockModelNotReady,
  errorResponse,
  googleRpc,
  openaiBody,
} from "./vendor-errors.ts"
import type { WireFormat } from "./vendor.ts"

/** The clock the responses with absolute reset times were built against. */
export const OBSERVED_AT = Date.parse("2025-06-01T12:00:00.000Z")

/** The fake's wire formats, plus the two that answer on its OpenAI chat completions route with bodies of their own. */
export type ObservedWire = WireFormat | "openai-compatible" | "openrouter"

/** What the vendor means: one of the script's error kinds, a timeout, or a refusal of the content itself. */
export type ObservedKind = ErrorKind | "timeout" | "refusal"

/** One vendor error response and what the vendor means by it. */
export interface ObservedError {
  /** Stable name: the `error` of a `vendor_error` script step. */
  id: string
  vendor: string
  situation: string
  wire: ObservedWire
  kind: ObservedKind
  /** A quota or billing limit ran out whose window is a day or longer (or that has none): minutes will not help. */
  quota: boolean
  /**
   * How long the response asks the client to wait, in ms: its Retry-After, else the latest reset among the limits
   * it says are exhausted, else the delay its body or message names. Absent when it names none.
   */
  retryAfterMs?: number
  /**
   * A wait the response names is sized for another limit: Gemini sends its per-minute RetryInfo (seconds) on a daily
   * quota and on a limit of 0, which no wait brings back.
   */
  waitUnreliable?: true
  /** Text of the response, part of an API key, that must never be shown to anyone. */
  secret?: string
  response: VendorErrorResponse
}

type Facts = Pick<ObservedError, "id" | "vendor" | "situation" | "kind" | "quota"> &
  Partial<Pick<ObservedError, "retryAfterMs" | "waitUnreliable" | "secret">>

/** What the fake server answers to a step of this kind with these options. */
function served(wire: WireFormat, options: ErrorOptions, facts: Facts & { kind: ErrorKind }): ObservedError {
  return { ...facts, wire, response: errorResponse(wire, facts.kind, { now: OBSERVED_AT, ...options }) }
}

/** A response the server sends to no step of its own. */
function seen(wire: ObservedWire, response: VendorErrorResponse, facts: Facts): ObservedError {
  return { ...facts, wire, response }
}

const JSON_TYPE = { "content-type": "application/json" }

const json = (status: number, body: unknown, headers: Record<string, string> = {}): VendorErrorResponse => ({
  status,
  headers: { ...JSON_TYPE, ...headers },
  body,
})

const at = (offsetMs: number) => new Date(OBSERVED_AT + offsetMs).toISOString()

const ANTHROPIC_REQUEST = "req_011CTestRequestId0000000000"
const anthropic = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  json(status, anthropicBody(type, message, ANTHROPIC_REQUEST), headers)

const quotaFailure = (quotaId: string, quotaMetric: string, quotaValue = "10") => ({
  "@type": "type.googleapis.com/google.rpc.QuotaFailure",
  violations: [
    { quotaMetric, quotaId, quotaDimensions: { location: "global", model: "gemini-2.0-flash" }, quotaValue },
  ],
})
const retryInfo = (retryDelay: string) => ({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay })
const GEMINI_HELP = {
  "@type": "type.googleapis.com/google.rpc.Help",
  links: [
    { description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" },
  ],
}
const GEMINI_FREE_REQUESTS = "generativelanguage.googleapis.com/generate_content_free_tier_requests"
const geminiQuotaMessage = (metric: string, retry: string) =>
  `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: ${metric}, limit: 10, model: gemini-2.0-flash\nPlease retry in ${retry}.`

const openrouter = (status: number, message: string, metadata?: Record<string, unknown>) =>
  json(status, {
    error: { message, code: status, ...(metadata === undefined ? {} : { metadata }) },
    user_id: "user_2abcDEFghiJKLmnoPQRstu",
  })

const GROQ_ORG = "org_01hx9w2qf5e8r9t0s1v2w3x4y5"

export const OBSERVED_ERRORS: readonly ObservedError[] = [
  // ---------------------------------------------------------------- OpenAI (chat completions, Responses)
  served(
    "openai",
    { model: "gpt-4o", retry_after_s: 20 },
    {
      id: "openai-rate-limit",
      vendor: "OpenAI",
      situation: "429 requests per minute",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 20_000,
    },
  ),
  seen(
    "openai",
    json(
      429,
      openaiBody(
        "Rate limit reached for gpt-4o in organization org-AbCdEfGh12345678 on tokens per min (TPM): Limit 30000, Used 29800, Requested 2400. Please try again in 4.392s. Visit https://platform.openai.com/account/rate-limits to learn more.",
        "tokens",
        "rate_limit_exceeded",
      ),
      {
        "x-request-id": "req_8f2a0c3b9d1e4f5a6b7c8d9e0f1a2b3c",
        "x-ratelimit-limit-requests": "10000",
        "x-ratelimit-limit-tokens": "30000",
        "x-ratelimit-remaining-requests": "9999",
        "x-ratelimit-remaining-tokens": "0",
        "x-ratelimit-reset-requests": "6ms",
        "x-ratelimit-reset-tokens": "4.392s",
      },
    ),
    {
      id: "openai-rate-limit-tokens",
      vendor: "OpenAI",
      situation: "429 tokens per minute with x-ratelimit headers",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 4392,
    },
  ),
  seen(
    "openai",
    json(
      429,
      openaiBody(
        "Rate limit reached for gpt-4o-mini in organization org-AbCdEfGh12345678 on requests per day (RPD): Limit 10000, Used 10000, Requested 1. Please try again in 8.64s. Visit https://platform.openai.com/account/rate-limits to learn more.",
        "requests",
        "rate_limit_exceeded",
      ),
    ),
    {
      id: "openai-rate-limit-per-day",
      vendor: "OpenAI",
      situation: "429 requests per day, named only in the message",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 8640,
    },
  ),
  served(
    "openai",
    { quota: true },
    { id: "openai-quota", vendor: "OpenAI", situation: "429 insufficient_quota", kind: "rate_limit", quota: true },
  ),
  seen(
    "openai",
    json(
      429,
      openaiBody(
        "Your account is not active, please check your billing details on our website.",
        "billing_not_active",
        "billing_not_active",
      ),
    ),
    {
      id: "openai-billing-not-active",
      vendor: "OpenAI",
      situation: "429 billing_not_active",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "openai",
    {},
    {
      id: "openai-context",
      vendor: "OpenAI",
      situation: "400 context_length_exceeded",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "openai-responses",
    {},
    {
      id: "openai-responses-context",
      vendor: "OpenAI",
      situation: "400 context window exceeded, in the Responses API's words",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "openai",
    {},
    {
      id: "openai-unauthorized",
      vendor: "OpenAI",
      situation: "401 invalid_api_key",
      kind: "unauthorized",
      quota: false,
    },
  ),
  seen(
    "openai",
    json(
      401,
      openaiBody(
        "Incorrect API key provided: sk-proj-********************************************7Qz1. You can find your API key at https://platform.openai.com/account/api-keys.",
        "invalid_request_error",
        "invalid_api_key",
      ),
    ),
    {
      id: "openai-unauthorized-key-tail",
      vendor: "OpenAI",
      situation: "401 invalid_api_key echoing the end of the key",
      kind: "unauthorized",
      quota: false,
      secret: "7Qz1",
    },
  ),
  served(
    "openai",
    {},
    { id: "openai-server-error", vendor: "OpenAI", situation: "500 server_error", kind: "server_error", quota: false },
  ),
  served(
    "openai",
    { status: 502 },
    {
      id: "openai-bad-gateway",
      vendor: "OpenAI",
      situation: "502 from the edge proxy",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "openai",
    { status: 503 },
    {
      id: "openai-unavailable",
      vendor: "OpenAI",
      situation: "503 overloaded or not ready",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "openai",
    {},
    { id: "openai-overloaded", vendor: "OpenAI", situation: "503 engine overloaded", kind: "overloaded", quota: false },
  ),
  served(
    "openai",
    { model: "gpt-9-turbo" },
    {
      id: "openai-model-not-found",
      vendor: "OpenAI",
      situation: "404 model_not_found",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Azure OpenAI
  seen(
    "openai",
    json(
      429,
      {
        error: {
          code: "429",
          message:
            "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit. For Free Account customers, upgrade to Pay as you Go here: https://aka.ms/429TrialUpgrade.",
        },
      },
      {
        "retry-after": "6",
        "x-ratelimit-remaining-requests": "119",
        "x-ratelimit-remaining-tokens": "0",
        "apim-request-id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
      },
    ),
    {
      id: "azure-rate-limit",
      vendor: "Azure OpenAI",
      situation: "429 token rate limit with retry-after",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 6000,
    },
  ),
  seen(
    "openai",
    json(
      400,
      openaiBody(
        "This model's maximum context length is 8192 tokens. However, your messages resulted in 9013 tokens. Please reduce the length of the messages.",
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
      ),
    ),
    {
      id: "azure-context",
      vendor: "Azure OpenAI",
      situation: "400 context_length_exceeded",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai",
    json(401, {
      error: {
        code: "401",
        message:
          "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
      },
    }),
    {
      id: "azure-unauthorized",
      vendor: "Azure OpenAI",
      situation: "401 invalid subscription key",
      kind: "unauthorized",
      quota: false,
    },
  ),
  seen(
    "openai",
    json(400, {
      error: {
        message:
          "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
        type: null,
        param: "prompt",
        code: "content_filter",
        status: 400,
        innererror: {
          code: "ResponsibleAIPolicyViolation",
          content_filter_result: {
            hate: { filtered: false, severity: "safe" },
            violence: { filtered: true, severity: "medium" },
          },
        },
      },
    }),
    {
      id: "azure-content-filter",
      vendor: "Azure OpenAI",
      situation: "400 content filter",
      kind: "refusal",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Anthropic
  served(
    "anthropic",
    { retry_after_s: 30 },
    {
      id: "anthropic-rate-limit",
      vendor: "Anthropic",
      situation: "429 rate_limit_error",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 30_000,
    },
  ),
  seen(
    "anthropic",
    anthropic(
      429,
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (3f1c6a3e-2b0d-4c8e-9f5a-7d6e5c4b3a21) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.",
      {
        "request-id": ANTHROPIC_REQUEST,
        "retry-after": "17",
        "anthropic-ratelimit-requests-limit": "50",
        "anthropic-ratelimit-requests-remaining": "49",
        "anthropic-ratelimit-requests-reset": at(1_000),
        "anthropic-ratelimit-input-tokens-limit": "50000",
        "anthropic-ratelimit-input-tokens-remaining": "0",
        "anthropic-ratelimit-input-tokens-reset": at(17_000),
        "anthropic-ratelimit-output-tokens-limit": "10000",
        "anthropic-ratelimit-output-tokens-remaining": "10000",
        "anthropic-ratelimit-output-tokens-reset": at(0),
      },
    ),
    {
      id: "anthropic-rate-limit-tokens",
      vendor: "Anthropic",
      situation: "429 input tokens per minute with retry-after and every limit's headers",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 17_000,
    },
  ),
  seen(
    "anthropic",
    anthropic(
      429,
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (3f1c6a3e-2b0d-4c8e-9f5a-7d6e5c4b3a21) of 50,000 input tokens per minute.",
      {
        "anthropic-ratelimit-requests-remaining": "12",
        "anthropic-ratelimit-requests-reset": at(59_000),
        "anthropic-ratelimit-tokens-remaining": "0",
        "anthropic-ratelimit-tokens-reset": at(20_000),
        "anthropic-ratelimit-input-tokens-remaining": "0",
        "anthropic-ratelimit-input-tokens-reset": at(20_000),
        "anthropic-ratelimit-output-tokens-remaining": "0",
        "anthropic-ratelimit-output-tokens-reset": at(8_000),
      },
    ),
    {
      id: "anthropic-rate-limit-resets-only",
      vendor: "Anthropic",
      situation: "429 behind a proxy that dropped retry-after, so only the reset headers tell",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 20_000,
    },
  ),
  served(
    "anthropic",
    { quota: true },
    {
      id: "anthropic-credit",
      vendor: "Anthropic",
      situation: "400 credit balance too low",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "anthropic",
    {},
    {
      id: "anthropic-overloaded",
      vendor: "Anthropic",
      situation: "529 overloaded_error",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "anthropic",
    {},
    {
      id: "anthropic-server-error",
      vendor: "Anthropic",
      situation: "500 api_error",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "anthropic",
    {},
    {
      id: "anthropic-context",
      vendor: "Anthropic",
      situation: "400 prompt is too long",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "anthropic",
    anthropic(
      400,
      "invalid_request_error",
      "input length and `max_tokens` exceed context limit: 197779 + 21333 > 200000, decrease input length or `max_tokens` and try again",
    ),
    {
      id: "anthropic-context-max-tokens",
      vendor: "Anthropic",
      situation: "400 input length and max_tokens exceed context limit",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen("anthropic", anthropic(413, "request_too_large", "Request exceeds the maximum allowed number of bytes."), {
    id: "anthropic-request-too-large",
    vendor: "Anthropic",
    situation: "413 request_too_large",
    kind: "context_overflow",
    quota: false,
  }),
  served(
    "anthropic",
    {},
    {
      id: "anthropic-unauthorized",
      vendor: "Anthropic",
      situation: "401 authentication_error",
      kind: "unauthorized",
      quota: false,
    },
  ),
  seen(
    "anthropic",
    anthropic(403, "permission_error", "Your API key does not have permission to use the specified resource."),
    {
      id: "anthropic-permission",
      vendor: "Anthropic",
      situation: "403 permission_error",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "anthropic",
    { model: "claude-sonnet-9" },
    {
      id: "anthropic-model-not-found",
      vendor: "Anthropic",
      situation: "404 not_found_error",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Gemini
  served(
    "google",
    { model: "gemini-2.0-flash", retry_after_s: 20 },
    {
      id: "gemini-rate-limit",
      vendor: "Gemini",
      situation: "429 RESOURCE_EXHAUSTED per-minute QuotaFailure with RetryInfo",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 20_000,
    },
  ),
  seen(
    "google",
    googleRpc(429, "RESOURCE_EXHAUSTED", geminiQuotaMessage(GEMINI_FREE_REQUESTS, "43.527343911s"), [
      quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", GEMINI_FREE_REQUESTS),
      GEMINI_HELP,
      retryInfo("43s"),
    ]),
    {
      id: "gemini-rate-limit-fraction",
      vendor: "Gemini",
      situation: "429 per-minute quota whose message names a finer delay than its RetryInfo",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 43_000,
    },
  ),
  served(
    "google",
    { model: "gemini-2.0-flash", quota: true },
    {
      id: "gemini-quota",
      vendor: "Gemini",
      situation: "429 RESOURCE_EXHAUSTED per-day QuotaFailure without RetryInfo",
      kind: "rate_limit",
      quota: true,
      waitUnreliable: true,
    },
  ),
  seen(
    "google",
    googleRpc(429, "RESOURCE_EXHAUSTED", geminiQuotaMessage(GEMINI_FREE_REQUESTS, "21.8s"), [
      quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", GEMINI_FREE_REQUESTS, "250"),
      GEMINI_HELP,
      retryInfo("21s"),
    ]),
    {
      id: "gemini-quota-retry-info",
      vendor: "Gemini",
      situation: "429 per-day QuotaFailure with a RetryInfo of 21 s",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 21_000,
      waitUnreliable: true,
    },
  ),
  seen(
    "google",
    googleRpc(429, "RESOURCE_EXHAUSTED", geminiQuotaMessage(GEMINI_FREE_REQUESTS, "11.2s"), [
      quotaFailure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", GEMINI_FREE_REQUESTS, "50"),
      GEMINI_HELP,
      retryInfo("11s"),
    ]),
    {
      id: "gemini-quota-retry-info-short",
      vendor: "Gemini",
      situation: "429 per-day QuotaFailure with a RetryInfo of 11 s",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 11_000,
      waitUnreliable: true,
    },
  ),
  seen(
    "google",
    googleRpc(
      429,
      "RESOURCE_EXHAUSTED",
      geminiQuotaMessage("generativelanguage.googleapis.com/generate_content_free_tier_input_token_count", "0.5s"),
      [
        quotaFailure(
          "GenerateContentInputTokensPerModelPerMinute-FreeTier",
          "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
          "0",
        ),
        retryInfo("0.5s"),
      ],
    ),
    {
      id: "gemini-quota-zero",
      vendor: "Gemini",
      situation: "429 free tier with a quota limit of 0 for the model",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 500,
      waitUnreliable: true,
    },
  ),
  seen(
    "openai-compatible",
    json(429, [
      googleRpc(429, "RESOURCE_EXHAUSTED", geminiQuotaMessage(GEMINI_FREE_REQUESTS, "12.1s"), [
        quotaFailure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", GEMINI_FREE_REQUESTS),
        retryInfo("12s"),
      ]).body,
    ]),
    {
      id: "gemini-openai-endpoint-rate-limit",
      vendor: "Gemini (OpenAI-compatible endpoint)",
      situation: "429 as a JSON array holding the Google error",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 12_000,
    },
  ),
  served(
    "google",
    {},
    {
      id: "gemini-api-key-invalid",
      vendor: "Gemini",
      situation: "400 API_KEY_INVALID",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "google",
    { status: 401 },
    {
      id: "gemini-unauthenticated",
      vendor: "Gemini",
      situation: "401 UNAUTHENTICATED",
      kind: "unauthorized",
      quota: false,
    },
  ),
  seen(
    "google",
    googleRpc(
      403,
      "PERMISSION_DENIED",
      "Generative Language API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456789012 then retry.",
    ),
    {
      id: "gemini-permission-denied",
      vendor: "Gemini",
      situation: "403 PERMISSION_DENIED",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "google",
    {},
    {
      id: "gemini-overloaded",
      vendor: "Gemini",
      situation: "503 UNAVAILABLE model overloaded",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "google",
    {},
    { id: "gemini-internal", vendor: "Gemini", situation: "500 INTERNAL", kind: "server_error", quota: false },
  ),
  served(
    "google",
    { status: 503 },
    { id: "gemini-unavailable", vendor: "Gemini", situation: "503 UNAVAILABLE", kind: "server_error", quota: false },
  ),
  seen("google", googleRpc(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."), {
    id: "gemini-deadline",
    vendor: "Gemini",
    situation: "504 DEADLINE_EXCEEDED",
    kind: "timeout",
    quota: false,
  }),
  served(
    "google",
    {},
    {
      id: "gemini-context",
      vendor: "Gemini",
      situation: "400 input token count exceeds the maximum",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "google",
    { model: "gemini-9-pro" },
    {
      id: "gemini-model-not-found",
      vendor: "Gemini",
      situation: "404 NOT_FOUND for the API version",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Vertex AI (Gemini, Claude)
  served(
    "vertex",
    {},
    {
      id: "vertex-rate-limit",
      vendor: "Vertex AI",
      situation: "429 RESOURCE_EXHAUSTED without details (dynamic shared quota)",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "vertex",
    { model: "gemini-2.0-flash", quota: true },
    {
      id: "vertex-quota-per-minute",
      vendor: "Vertex AI",
      situation: "429 project quota per minute per base model",
      kind: "rate_limit",
      quota: false,
    },
  ),
  seen(
    "vertex",
    googleRpc(
      429,
      "RESOURCE_EXHAUSTED",
      "Quota exceeded for quota metric 'Generate content requests' and limit 'Generate content requests per day per project per base model' of service 'aiplatform.googleapis.com' for consumer 'project_number:123456789012'.",
      [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "RATE_LIMIT_EXCEEDED",
          domain: "googleapis.com",
          metadata: {
            service: "aiplatform.googleapis.com",
            consumer: "projects/123456789012",
            quota_limit: "GenerateContentRequestsPerDayPerProjectPerBaseModel",
          },
        },
      ],
    ),
    {
      id: "vertex-quota-per-day",
      vendor: "Vertex AI",
      situation: "429 a daily project quota, named in an ErrorInfo rather than a QuotaFailure",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "vertex",
    {},
    {
      id: "vertex-unauthenticated",
      vendor: "Vertex AI",
      situation: "401 ACCESS_TOKEN_EXPIRED",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "vertex",
    {},
    {
      id: "vertex-overloaded",
      vendor: "Vertex AI",
      situation: "503 UNAVAILABLE model overloaded",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "vertex",
    {},
    { id: "vertex-internal", vendor: "Vertex AI", situation: "500 INTERNAL", kind: "server_error", quota: false },
  ),
  served(
    "vertex",
    {},
    {
      id: "vertex-context",
      vendor: "Vertex AI",
      situation: "400 input token count exceeds the maximum",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "vertex",
    { model: "gemini-9-pro" },
    {
      id: "vertex-model-not-found",
      vendor: "Vertex AI",
      situation: "404 publisher model not found",
      kind: "model_not_found",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    { model: "claude-sonnet-4-5@20250929" },
    {
      id: "vertex-anthropic-rate-limit",
      vendor: "Claude on Vertex AI",
      situation: "429 requests per base model, in Google's shape",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    { model: "claude-sonnet-4-5@20250929", quota: true },
    {
      id: "vertex-anthropic-quota",
      vendor: "Claude on Vertex AI",
      situation: "429 tokens per day per base model, in Google's shape",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "vertex-anthropic",
    {},
    {
      id: "vertex-anthropic-unauthenticated",
      vendor: "Claude on Vertex AI",
      situation: "401 ACCESS_TOKEN_EXPIRED",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    {},
    {
      id: "vertex-anthropic-overloaded",
      vendor: "Claude on Vertex AI",
      situation: "529 overloaded_error",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    {},
    {
      id: "vertex-anthropic-context",
      vendor: "Claude on Vertex AI",
      situation: "400 prompt is too long",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    { status: 503 },
    {
      id: "vertex-anthropic-unavailable",
      vendor: "Claude on Vertex AI",
      situation: "503 UNAVAILABLE from the front door",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "vertex-anthropic",
    { model: "claude-sonnet-9" },
    {
      id: "vertex-anthropic-model-not-found",
      vendor: "Claude on Vertex AI",
      situation: "404 publisher model not found",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- OpenRouter
  seen(
    "openrouter",
    openrouter(429, "Rate limit exceeded: free-models-per-min. ", {
      headers: {
        "X-RateLimit-Limit": "20",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(OBSERVED_AT + 15_000),
      },
      provider_name: null,
    }),
    {
      id: "openrouter-rate-limit",
      vendor: "OpenRouter",
      situation: "429 free-models-per-min with its limiter's headers in the metadata",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 15_000,
    },
  ),
  seen(
    "openrouter",
    openrouter(
      429,
      "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
      {
        headers: {
          "X-RateLimit-Limit": "50",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": String(OBSERVED_AT + 43_200_000),
        },
        provider_name: null,
      },
    ),
    {
      id: "openrouter-rate-limit-per-day",
      vendor: "OpenRouter",
      situation: "429 free-models-per-day",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 43_200_000,
    },
  ),
  seen(
    "openrouter",
    openrouter(429, "Provider returned error", {
      raw: "google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations",
      provider_name: "Google AI Studio",
    }),
    {
      id: "openrouter-upstream-rate-limit",
      vendor: "OpenRouter",
      situation: "429 upstream provider rate-limited (Provider returned error)",
      kind: "rate_limit",
      quota: false,
    },
  ),
  seen("openrouter", openrouter(402, "Insufficient credits. Add more using https://openrouter.ai/credits"), {
    id: "openrouter-credits",
    vendor: "OpenRouter",
    situation: "402 insufficient credits",
    kind: "rate_limit",
    quota: true,
  }),
  seen(
    "openrouter",
    openrouter(
      402,
      "This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 3151. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account",
    ),
    {
      id: "openrouter-more-credits",
      vendor: "OpenRouter",
      situation: "402 request requires more credits",
      kind: "rate_limit",
      quota: true,
    },
  ),
  seen(
    "openrouter",
    openrouter(502, "Provider returned error", {
      raw: JSON.stringify({
        error: { message: "upstream connect error or disconnect/reset before headers", code: 502 },
      }),
      provider_name: "Fireworks",
    }),
    {
      id: "openrouter-upstream-error",
      vendor: "OpenRouter",
      situation: "502 Provider returned error",
      kind: "server_error",
      quota: false,
    },
  ),
  seen("openrouter", openrouter(404, "No endpoints found for meta-llama/llama-3.1-405b-instruct:free."), {
    id: "openrouter-no-endpoints",
    vendor: "OpenRouter",
    situation: "404 no endpoints found: every provider of the model is out for now",
    kind: "overloaded",
    quota: false,
  }),
  seen(
    "openrouter",
    openrouter(
      400,
      'This endpoint\'s maximum context length is 131072 tokens. However, you requested about 140596 tokens (132404 of text input, 8192 in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.',
      { provider_name: null },
    ),
    {
      id: "openrouter-context",
      vendor: "OpenRouter",
      situation: "400 endpoint maximum context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen("openrouter", openrouter(401, "No auth credentials found"), {
    id: "openrouter-unauthorized",
    vendor: "OpenRouter",
    situation: "401 no auth credentials",
    kind: "unauthorized",
    quota: false,
  }),
  seen("openrouter", openrouter(408, "Request timed out"), {
    id: "openrouter-timeout",
    vendor: "OpenRouter",
    situation: "408 request timed out",
    kind: "timeout",
    quota: false,
  }),
  // ---------------------------------------------------------------- Amazon Bedrock
  served(
    "bedrock",
    {},
    {
      id: "bedrock-throttling",
      vendor: "Bedrock",
      situation: "429 ThrottlingException",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "bedrock",
    { quota: true },
    {
      id: "bedrock-tokens-per-day",
      vendor: "Bedrock",
      situation: "429 ThrottlingException, tokens per day",
      kind: "rate_limit",
      quota: true,
    },
  ),
  seen("bedrock", json(400, { __type: "com.amazon.bedrock#ThrottlingException", message: "Rate exceeded" }), {
    id: "bedrock-throttling-type-field",
    vendor: "Bedrock",
    situation: "400 ThrottlingException named only by __type",
    kind: "rate_limit",
    quota: false,
  }),
  seen(
    "bedrock",
    bedrockErrorResponse(
      "ServiceQuotaExceededException",
      400,
      "Your request exceeds the service quota for your account. You can view your quotas at Viewing service quotas. You can resubmit your request later.",
    ),
    {
      id: "bedrock-service-quota",
      vendor: "Bedrock",
      situation: "400 ServiceQuotaExceededException",
      kind: "rate_limit",
      quota: true,
    },
  ),
  {
    id: "bedrock-model-not-ready",
    vendor: "Bedrock",
    situation: "429 ModelNotReadyException",
    wire: "bedrock",
    kind: "overloaded",
    quota: false,
    response: bedrockModelNotReady(),
  },
  served(
    "bedrock",
    {},
    {
      id: "bedrock-too-many-connections",
      vendor: "Bedrock",
      situation: "503 ServiceUnavailableException, too many connections",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "bedrock",
    { status: 503 },
    {
      id: "bedrock-unavailable",
      vendor: "Bedrock",
      situation: "503 ServiceUnavailableException",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "bedrock",
    {},
    {
      id: "bedrock-internal",
      vendor: "Bedrock",
      situation: "500 InternalServerException",
      kind: "server_error",
      quota: false,
    },
  ),
  seen(
    "bedrock",
    bedrockErrorResponse(
      "ModelErrorException",
      424,
      "The system encountered an unexpected error during processing. Try your request again.",
    ),
    {
      id: "bedrock-model-error",
      vendor: "Bedrock",
      situation: "424 ModelErrorException: the model failed to answer",
      kind: "server_error",
      quota: false,
    },
  ),
  seen(
    "bedrock",
    bedrockErrorResponse(
      "ModelTimeoutException",
      408,
      "Model has timed out in processing the request. Try your request again.",
    ),
    {
      id: "bedrock-model-timeout",
      vendor: "Bedrock",
      situation: "408 ModelTimeoutException",
      kind: "timeout",
      quota: false,
    },
  ),
  served(
    "bedrock",
    {},
    {
      id: "bedrock-context",
      vendor: "Bedrock",
      situation: "400 ValidationException input too long",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "bedrock",
    bedrockErrorResponse(
      "ValidationException",
      400,
      "Too many input tokens. Max input tokens: 200000, request input token count: 201318",
    ),
    {
      id: "bedrock-context-input-tokens",
      vendor: "Bedrock",
      situation: "400 ValidationException too many input tokens",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "bedrock",
    {},
    {
      id: "bedrock-access-denied",
      vendor: "Bedrock",
      situation: "403 AccessDeniedException",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "bedrock",
    {},
    {
      id: "bedrock-model-not-found",
      vendor: "Bedrock",
      situation: "404 ResourceNotFoundException",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Cohere
  served(
    "cohere",
    { retry_after_s: 20 },
    {
      id: "cohere-rate-limit",
      vendor: "Cohere",
      situation: "429 trial key calls per minute",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 20_000,
    },
  ),
  served(
    "cohere",
    { quota: true },
    {
      id: "cohere-monthly",
      vendor: "Cohere",
      situation: "429 trial key calls per month",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "cohere",
    {},
    { id: "cohere-overloaded", vendor: "Cohere", situation: "503 model overloaded", kind: "overloaded", quota: false },
  ),
  served(
    "cohere",
    {},
    {
      id: "cohere-unauthorized",
      vendor: "Cohere",
      situation: "401 invalid api token",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "cohere",
    {},
    {
      id: "cohere-context",
      vendor: "Cohere",
      situation: "400 too many tokens",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "cohere",
    {},
    {
      id: "cohere-server-error",
      vendor: "Cohere",
      situation: "500 internal server error",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "cohere",
    { model: "command-z" },
    {
      id: "cohere-model-not-found",
      vendor: "Cohere",
      situation: "404 model not found",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Perplexity
  served(
    "perplexity",
    {},
    {
      id: "perplexity-rate-limit",
      vendor: "Perplexity",
      situation: "429 rate_limit_exceeded",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "perplexity",
    { quota: true },
    {
      id: "perplexity-quota",
      vendor: "Perplexity",
      situation: "429 insufficient_quota",
      kind: "rate_limit",
      quota: true,
    },
  ),
  served(
    "perplexity",
    {},
    {
      id: "perplexity-overloaded",
      vendor: "Perplexity",
      situation: "503 model overloaded",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "perplexity",
    {},
    {
      id: "perplexity-unauthorized",
      vendor: "Perplexity",
      situation: "401 invalid_api_key",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "perplexity",
    {},
    {
      id: "perplexity-context",
      vendor: "Perplexity",
      situation: "400 exceeds the model's maximum context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "perplexity",
    {},
    {
      id: "perplexity-server-error",
      vendor: "Perplexity",
      situation: "500 internal_server_error",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "perplexity",
    { model: "sonar-9" },
    {
      id: "perplexity-model-not-found",
      vendor: "Perplexity",
      situation: "400 invalid_model",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Vercel AI Gateway
  served(
    "gateway",
    {},
    {
      id: "gateway-rate-limit",
      vendor: "AI Gateway",
      situation: "429 rate_limit_exceeded",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "gateway",
    { quota: true },
    { id: "gateway-funds", vendor: "AI Gateway", situation: "402 insufficient_funds", kind: "rate_limit", quota: true },
  ),
  served(
    "gateway",
    {},
    {
      id: "gateway-overloaded",
      vendor: "AI Gateway",
      situation: "529 from the upstream provider",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "gateway",
    {},
    {
      id: "gateway-unauthorized",
      vendor: "AI Gateway",
      situation: "401 authentication_error",
      kind: "unauthorized",
      quota: false,
    },
  ),
  served(
    "gateway",
    {},
    {
      id: "gateway-context",
      vendor: "AI Gateway",
      situation: "400 prompt is too long, from the upstream provider",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "gateway",
    {},
    {
      id: "gateway-server-error",
      vendor: "AI Gateway",
      situation: "500 internal_server_error",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "gateway",
    { model: "openai/gpt-9" },
    {
      id: "gateway-model-not-found",
      vendor: "AI Gateway",
      situation: "404 model_not_found",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Mistral
  served(
    "mistral",
    {},
    { id: "mistral-rate-limit", vendor: "Mistral", situation: "429 rate_limited", kind: "rate_limit", quota: false },
  ),
  seen(
    "mistral",
    json(429, {
      object: "error",
      message: "Requests rate limit exceeded",
      type: "rate_limited",
      param: null,
      code: "1300",
    }),
    {
      id: "mistral-rate-limit-requests",
      vendor: "Mistral",
      situation: "429 requests rate limit exceeded",
      kind: "rate_limit",
      quota: false,
    },
  ),
  served(
    "mistral",
    {},
    {
      id: "mistral-capacity",
      vendor: "Mistral",
      situation: "503 service tier capacity exceeded",
      kind: "overloaded",
      quota: false,
    },
  ),
  served(
    "mistral",
    {},
    {
      id: "mistral-unauthorized",
      vendor: "Mistral",
      situation: "401 from the front door, as {detail}",
      kind: "unauthorized",
      quota: false,
    },
  ),
  seen("mistral", json(401, { message: "Unauthorized", request_id: "0c9f2b7e5a4d4e8c9a1b2c3d4e5f6a7b" }), {
    id: "mistral-unauthorized-message",
    vendor: "Mistral",
    situation: "401 unauthorized, as {message}",
    kind: "unauthorized",
    quota: false,
  }),
  served(
    "mistral",
    {},
    {
      id: "mistral-context",
      vendor: "Mistral",
      situation: "400 prompt too large for the model's context",
      kind: "context_overflow",
      quota: false,
    },
  ),
  served(
    "mistral",
    {},
    {
      id: "mistral-server-error",
      vendor: "Mistral",
      situation: "500 internal_server_error",
      kind: "server_error",
      quota: false,
    },
  ),
  served(
    "mistral",
    { model: "mistral-huge-9" },
    {
      id: "mistral-model-not-found",
      vendor: "Mistral",
      situation: "400 invalid_model",
      kind: "model_not_found",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- xAI (its own shape; the fake answers in OpenAI's)
  seen(
    "xai",
    json(400, {
      code: "Client specified an invalid argument",
      error: "This model's maximum prompt length is 131072 but the request contains 140233 tokens.",
    }),
    {
      id: "xai-context",
      vendor: "xAI",
      situation: "400 maximum prompt length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "xai",
    json(400, {
      code: "Client specified an invalid argument",
      error: "Incorrect API key provided: xa***Yz. You can obtain an API key from https://console.x.ai.",
    }),
    { id: "xai-unauthorized", vendor: "xAI", situation: "400 incorrect API key", kind: "unauthorized", quota: false },
  ),
  seen(
    "xai",
    json(429, {
      code: "Some resource has been exhausted",
      error:
        "Your team 8c5e3a1f-7b2d-4e6c-9a0b-1c2d3e4f5a6b has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.",
    }),
    { id: "xai-credits", vendor: "xAI", situation: "429 credits used up", kind: "rate_limit", quota: true },
  ),
  // ---------------------------------------------------------------- Groq
  seen(
    "openai-compatible",
    json(
      429,
      openaiBody(
        `Rate limit reached for model \`llama-3.3-70b-versatile\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Used 5961, Requested 1220. Please try again in 11.81s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
        "tokens",
        "rate_limit_exceeded",
      ),
      {
        "retry-after": "12",
        "x-ratelimit-limit-requests": "14400",
        "x-ratelimit-limit-tokens": "6000",
        "x-ratelimit-remaining-requests": "14399",
        "x-ratelimit-remaining-tokens": "39",
        "x-ratelimit-reset-requests": "6s",
        "x-ratelimit-reset-tokens": "11.81s",
        "x-request-id": "req_01jabcdefghjkmnpqrstvwxyz0",
      },
    ),
    {
      id: "groq-rate-limit",
      vendor: "Groq",
      situation: "429 tokens per minute with retry-after",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 12_000,
    },
  ),
  seen(
    "openai-compatible",
    json(
      429,
      openaiBody(
        `Rate limit reached for model \`llama-3.3-70b-versatile\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per day (TPD): Limit 100000, Used 99719, Requested 1554. Please try again in 18m58.272s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
        "tokens",
        "rate_limit_exceeded",
      ),
      { "retry-after": "1139" },
    ),
    {
      id: "groq-rate-limit-per-day",
      vendor: "Groq",
      situation: "429 tokens per day",
      kind: "rate_limit",
      quota: true,
      retryAfterMs: 1_139_000,
    },
  ),
  seen(
    "openai-compatible",
    json(
      413,
      openaiBody(
        `Request too large for model \`llama-3.1-8b-instant\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Requested 9254, please reduce your message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
        "tokens",
        "rate_limit_exceeded",
      ),
    ),
    {
      id: "groq-request-too-large",
      vendor: "Groq",
      situation: "413 request larger than the per-minute token limit",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(
      400,
      openaiBody(
        "Please reduce the length of the messages or completion.",
        "invalid_request_error",
        "context_length_exceeded",
        "messages",
      ),
    ),
    {
      id: "groq-context",
      vendor: "Groq",
      situation: "400 context_length_exceeded",
      kind: "context_overflow",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- DeepSeek
  seen(
    "openai-compatible",
    json(
      400,
      openaiBody(
        "This model's maximum context length is 65536 tokens. However, you requested 70213 tokens (62021 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
        "invalid_request_error",
        "invalid_request_error",
      ),
    ),
    {
      id: "deepseek-context",
      vendor: "DeepSeek",
      situation: "400 maximum context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(400, openaiBody("Model Not Exist", "invalid_request_error", "invalid_request_error")),
    {
      id: "deepseek-model-not-found",
      vendor: "DeepSeek",
      situation: "400 model not exist",
      kind: "model_not_found",
      quota: false,
    },
  ),
  seen("openai-compatible", json(402, openaiBody("Insufficient Balance", "unknown_error", "invalid_request_error")), {
    id: "deepseek-balance",
    vendor: "DeepSeek",
    situation: "402 insufficient balance",
    kind: "rate_limit",
    quota: true,
  }),
  seen(
    "openai-compatible",
    json(503, openaiBody("Server overloaded, please try again later.", "server_error", "server_error")),
    {
      id: "deepseek-overloaded",
      vendor: "DeepSeek",
      situation: "503 server overloaded",
      kind: "overloaded",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- Together, Fireworks
  seen(
    "openai-compatible",
    json(
      400,
      openaiBody(
        "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 32769. Given: 40112 `inputs` tokens and 2048 `max_new_tokens`",
        "invalid_request_error",
        null,
        "max_tokens",
      ),
    ),
    {
      id: "together-context",
      vendor: "Together",
      situation: "400 inputs tokens + max_new_tokens too large",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen("openai-compatible", json(503, openaiBody("The server is overloaded or not ready yet.", "server_error", null)), {
    id: "together-overloaded",
    vendor: "Together",
    situation: "503 server overloaded",
    kind: "overloaded",
    quota: false,
  }),
  seen(
    "openai-compatible",
    json(400, {
      error: {
        object: "error",
        type: "invalid_request_error",
        message: "The prompt is too long: 140233, model maximum context length: 131072",
      },
    }),
    {
      id: "fireworks-context",
      vendor: "Fireworks",
      situation: "400 prompt too long for the model's maximum context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(
      429,
      {
        error: {
          object: "error",
          type: "invalid_request_error",
          message: "rate limit exceeded, please try again later",
        },
      },
      { "retry-after": "1" },
    ),
    {
      id: "fireworks-rate-limit",
      vendor: "Fireworks",
      situation: "429 rate limit",
      kind: "rate_limit",
      quota: false,
      retryAfterMs: 1000,
    },
  ),
  // ---------------------------------------------------------------- Self-hosted: vLLM, llama.cpp, Ollama, LM Studio
  seen(
    "openai-compatible",
    json(400, {
      object: "error",
      message:
        "This model's maximum context length is 32768 tokens. However, you requested 40213 tokens (39189 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.",
      type: "BadRequestError",
      param: null,
      code: 400,
    }),
    {
      id: "vllm-context",
      vendor: "vLLM",
      situation: "400 maximum context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(404, {
      object: "error",
      message: "The model `qwen3-coder` does not exist.",
      type: "NotFoundError",
      code: 404,
    }),
    {
      id: "vllm-model-not-found",
      vendor: "vLLM",
      situation: "404 for a model the server does not serve",
      kind: "model_not_found",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(400, {
      error: {
        code: 400,
        message: "the request exceeds the available context size, try increasing it",
        type: "exceed_context_size_error",
        n_prompt_tokens: 5139,
        n_ctx: 4096,
      },
    }),
    {
      id: "llamacpp-context",
      vendor: "llama.cpp",
      situation: "400 exceeds the available context size",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen("openai-compatible", json(503, { error: { code: 503, message: "Loading model", type: "unavailable_error" } }), {
    id: "llamacpp-loading",
    vendor: "llama.cpp",
    situation: "503 loading model",
    kind: "overloaded",
    quota: false,
  }),
  seen(
    "openai-compatible",
    json(404, openaiBody('model "llama3.2" not found, try pulling it first', "api_error", null)),
    {
      id: "ollama-model-not-found",
      vendor: "Ollama",
      situation: "404 model not found (a missing model, not an outage)",
      kind: "model_not_found",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(400, openaiBody("prompt too long; exceeded max context length by 1203 tokens", "invalid_request_error", null)),
    {
      id: "ollama-context",
      vendor: "Ollama",
      situation: "400 prompt exceeds max context length",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen("openai-compatible", json(503, { error: "server busy, please try again.  maximum pending requests exceeded" }), {
    id: "ollama-busy",
    vendor: "Ollama",
    situation: "503 server busy (native error shape)",
    kind: "overloaded",
    quota: false,
  }),
  seen(
    "openai-compatible",
    json(400, {
      error:
        "Trying to keep the first 5139 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input",
    }),
    {
      id: "lmstudio-context",
      vendor: "LM Studio",
      situation: "400 context overflows",
      kind: "context_overflow",
      quota: false,
    },
  ),
  // ---------------------------------------------------------------- GitHub Copilot, Moonshot, Cerebras
  seen(
    "openai-compatible",
    json(400, {
      error: {
        message: "prompt token count of 140233 exceeds the limit of 128000",
        code: "model_max_prompt_tokens_exceeded",
      },
    }),
    {
      id: "copilot-context",
      vendor: "GitHub Copilot",
      situation: "400 prompt token count exceeds the limit",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(400, {
      error: {
        message: "Invalid request: Your request exceeded model token limit: 131072 (requested: 140233)",
        type: "invalid_request_error",
      },
    }),
    {
      id: "moonshot-context",
      vendor: "Moonshot",
      situation: "400 exceeded model token limit",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(429, {
      error: {
        message:
          "Your account org-0a1b2c3d4e5f <ak-6g7h8i9j0k> is suspended due to insufficient balance, please recharge your account or check your plan and billing details",
        type: "exceeded_current_quota_error",
      },
    }),
    {
      id: "moonshot-balance",
      vendor: "Moonshot",
      situation: "429 account suspended for insufficient balance",
      kind: "rate_limit",
      quota: true,
    },
  ),
  seen(
    "openai-compatible",
    json(400, {
      message: "Please reduce the length of the messages or completion. Current length is 9013 while limit is 8192",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    }),
    {
      id: "cerebras-context",
      vendor: "Cerebras",
      situation: "400 current length over limit",
      kind: "context_overflow",
      quota: false,
    },
  ),
  seen(
    "openai-compatible",
    json(429, {
      message: "Tokens per minute limit exceeded - too many tokens processed.",
      type: "too_many_tokens_error",
      param: "quota",
      code: "token_quota_exceeded",
    }),
    {
      id: "cerebras-rate-limit",
      vendor: "Cerebras",
      situation: "429 tokens per minute",
      kind: "rate_limit",
      quota: false,
    },
  ),
]

const BY_ID = new Map(OBSERVED_ERRORS.map((error) => [error.id, error]))

/** The observed error of that id, or undefined. */
export function observedError(id: string): ObservedError | undefined {
  return BY_ID.get(id)
}
