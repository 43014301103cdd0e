// Test fixtures: vendor error responses as each vendor sends them (status, headers, body text), with the
// classification we expect. Shared by the table tests (APICallError built by hand) and the wire tests (the same
// bytes served over loopback to the real provider packages).
import { APICallError } from "@ai-sdk/provider"
import type { Condition, Lasting } from "../src/condition.ts"

/** Fixed clock for the payloads that carry absolute reset times. */
export const NOW = Date.parse("2025-06-01T12:00:00.000Z")

const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString()

/** Which real provider package speaks this vendor's wire format; `none` when no package is installed for it. */
export type WireFormat = "openai" | "openai-compatible" | "anthropic" | "google" | "openrouter" | "none"

/** One vendor error response and what classify should make of it. */
export interface VendorPayload {
  vendor: string
  situation: string
  wire: WireFormat
  status: number
  headers: Record<string, string>
  body: string
  expected: { condition: Condition; quota: boolean; retryAfterMs?: number; lasting?: Lasting }
  /** Text from the response that must never reach `Classification.message`. */
  secret?: string
}

const json = (value: unknown) => JSON.stringify(value)
const JSON_TYPE = { "content-type": "application/json" }

const openaiError = (message: string, type: string | null, code: string | null, param: string | null = null) =>
  json({ error: { message, type, param, code } })
const anthropicError = (type: string, message: string) =>
  json({ type: "error", error: { type, message }, request_id: "req_011CTestRequestId0000000000" })
const googleError = (code: number, status: string, message: string, details?: unknown[]) =>
  json({ error: { code, message, status, ...(details === undefined ? {} : { details }) } })
const quotaFailure = (quotaId: string, quotaMetric: string, quotaValue = "10") => ({
  "@type": "type.googleapis.com/google.rpc.QuotaFailure",
  violations: [
    { quotaMetric, quotaId, quotaDimensions: { location: "global", model: "gemini-2.0-flash" }, quotaValue },
  ],
})
const retryInfo = (retryDelay: string) => ({ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay })
const geminiHelp = {
  "@type": "type.googleapis.com/google.rpc.Help",
  links: [
    { description: "Learn more about Gemini API quotas", url: "https://ai.google.dev/gemini-api/docs/rate-limits" },
  ],
}
const GEMINI_QUOTA_MESSAGE = (metric: string, retry: string) =>
  `You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n* Quota exceeded for metric: ${metric}, limit: 10, model: gemini-2.0-flash\nPlease retry in ${retry}.`
const openrouterError = (code: number, message: string, metadata?: Record<string, unknown>) =>
  json({
    error: { message, code, ...(metadata === undefined ? {} : { metadata }) },
    user_id: "user_2abcDEFghiJKLmnoPQRstu",
  })
const bedrockHeaders = (errorType: string) => ({
  ...JSON_TYPE,
  "x-amzn-requestid": "5c8bb4a1-2b6e-4b61-9f0e-6f2d3c1a9e77",
  "x-amzn-errortype": `${errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
})
const GROQ_ORG = "org_01hx9w2qf5e8r9t0s1v2w3x4y5"

export const VENDOR_PAYLOADS: readonly VendorPayload[] = [
  // ---------------------------------------------------------------- OpenAI
  {
    vendor: "OpenAI",
    situation: "429 tokens-per-minute rate limit with x-ratelimit headers",
    wire: "openai",
    status: 429,
    headers: {
      ...JSON_TYPE,
      "x-request-id": "req_8f2a0c3b9d1e4f5a6b7c8d9e0f1a2b3c",
      "x-ratelimit-limit-requests": "10000",
      "x-ratelimit-limit-tokens": "30000",
      "x-ratelimit-remaining-requests": "9999",
      "x-ratelimit-remaining-tokens": "0",
      "x-ratelimit-reset-requests": "6ms",
      "x-ratelimit-reset-tokens": "4.392s",
    },
    body: openaiError(
      "Rate limit reached for gpt-4o in organization org-AbCdEfGh12345678 on tokens per min (TPM): Limit 30000, Used 29800, Requested 2400. Please try again in 4.392s. Visit https://platform.openai.com/account/rate-limits to learn more.",
      "tokens",
      "rate_limit_exceeded",
    ),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 4392 },
  },
  {
    vendor: "OpenAI",
    situation: "429 requests-per-day limit, hinted only in the message",
    wire: "openai",
    status: 429,
    headers: JSON_TYPE,
    body: openaiError(
      "Rate limit reached for gpt-4o-mini in organization org-AbCdEfGh12345678 on requests per day (RPD): Limit 10000, Used 10000, Requested 1. Please try again in 8.64s. Visit https://platform.openai.com/account/rate-limits to learn more.",
      "requests",
      "rate_limit_exceeded",
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 8640 },
  },
  {
    vendor: "OpenAI",
    situation: "429 insufficient_quota",
    wire: "openai",
    status: 429,
    headers: JSON_TYPE,
    body: openaiError(
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
      "insufficient_quota",
      "insufficient_quota",
    ),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "OpenAI",
    situation: "400 context_length_exceeded (Chat Completions)",
    wire: "openai",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens. Please reduce the length of the messages.",
      "invalid_request_error",
      "context_length_exceeded",
      "messages",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "OpenAI",
    situation: "400 context window exceeded (Responses API wording)",
    wire: "openai",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "Your input exceeds the context window of this model. Please adjust your input and try again.",
      "invalid_request_error",
      "context_length_exceeded",
      "input",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "OpenAI",
    situation: "401 invalid_api_key echoing part of the key",
    wire: "openai",
    status: 401,
    headers: JSON_TYPE,
    body: openaiError(
      "Incorrect API key provided: sk-proj-********************************************7Qz1. You can find your API key at https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
      "invalid_api_key",
    ),
    expected: { condition: "auth", quota: false },
    secret: "7Qz1",
  },
  {
    vendor: "OpenAI",
    situation: "500 server_error",
    wire: "openai",
    status: 500,
    headers: JSON_TYPE,
    body: openaiError("The server had an error while processing your request. Sorry about that!", "server_error", null),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "OpenAI",
    situation: "503 engine overloaded",
    wire: "openai",
    status: 503,
    headers: JSON_TYPE,
    body: openaiError("The engine is currently overloaded, please try again later", "server_error", null),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "OpenAI",
    situation: "404 model_not_found for a model id that does not exist",
    wire: "openai",
    status: 404,
    headers: { ...JSON_TYPE, "x-request-id": "req_1b2c3d4e5f60718293a4b5c6d7e8f901" },
    body: openaiError(
      "The model `gpt-9-turbo` does not exist or you do not have access to it.",
      "invalid_request_error",
      "model_not_found",
    ),
    expected: { condition: "provider_unavailable", quota: false, lasting: "missing_model" },
  },
  // ---------------------------------------------------------------- Azure OpenAI
  {
    vendor: "Azure OpenAI",
    situation: "429 token rate limit with retry-after",
    wire: "openai",
    status: 429,
    headers: {
      ...JSON_TYPE,
      "retry-after": "6",
      "x-ratelimit-remaining-requests": "119",
      "x-ratelimit-remaining-tokens": "0",
      "apim-request-id": "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    },
    body: json({
      error: {
        code: "429",
        message:
          "Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 6 seconds. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit. For Free Account customers, upgrade to Pay as you Go here: https://aka.ms/429TrialUpgrade.",
      },
    }),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 6000 },
  },
  {
    vendor: "Azure OpenAI",
    situation: "400 context_length_exceeded",
    wire: "openai",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "This model's maximum context length is 8192 tokens. However, your messages resulted in 9013 tokens. Please reduce the length of the messages.",
      "invalid_request_error",
      "context_length_exceeded",
      "messages",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Azure OpenAI",
    situation: "401 invalid subscription key",
    wire: "openai",
    status: 401,
    headers: JSON_TYPE,
    body: json({
      error: {
        code: "401",
        message:
          "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.",
      },
    }),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "Azure OpenAI",
    situation: "400 content filter (not a fallback condition)",
    wire: "openai",
    status: 400,
    headers: JSON_TYPE,
    body: json({
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
    expected: { condition: "other", quota: false },
  },
  // ---------------------------------------------------------------- Anthropic
  {
    vendor: "Anthropic",
    situation: "429 rate_limit_error with retry-after and rate-limit headers",
    wire: "anthropic",
    status: 429,
    headers: {
      ...JSON_TYPE,
      "request-id": "req_011CTestRequestId0000000000",
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
    body: anthropicError(
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (3f1c6a3e-2b0d-4c8e-9f5a-7d6e5c4b3a21) of 50,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later. You may also contact sales at https://www.anthropic.com/contact-sales to discuss your options for a rate limit increase.",
    ),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 17_000 },
  },
  {
    vendor: "Anthropic",
    situation: "429 behind a proxy that dropped retry-after, so only the reset headers tell",
    wire: "anthropic",
    status: 429,
    headers: {
      ...JSON_TYPE,
      "anthropic-ratelimit-requests-remaining": "12",
      "anthropic-ratelimit-requests-reset": at(59_000),
      "anthropic-ratelimit-tokens-remaining": "0",
      "anthropic-ratelimit-tokens-reset": at(20_000),
      "anthropic-ratelimit-input-tokens-remaining": "0",
      "anthropic-ratelimit-input-tokens-reset": at(20_000),
      "anthropic-ratelimit-output-tokens-remaining": "0",
      "anthropic-ratelimit-output-tokens-reset": at(8_000),
    },
    body: anthropicError(
      "rate_limit_error",
      "This request would exceed the rate limit for your organization (3f1c6a3e-2b0d-4c8e-9f5a-7d6e5c4b3a21) of 50,000 input tokens per minute.",
    ),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 20_000 },
  },
  {
    vendor: "Anthropic",
    situation: "529 overloaded_error",
    wire: "anthropic",
    status: 529,
    headers: { ...JSON_TYPE, "x-should-retry": "true" },
    body: anthropicError("overloaded_error", "Overloaded"),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "500 api_error",
    wire: "anthropic",
    status: 500,
    headers: JSON_TYPE,
    body: anthropicError("api_error", "Internal server error"),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "400 prompt is too long",
    wire: "anthropic",
    status: 400,
    headers: JSON_TYPE,
    body: anthropicError("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum"),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "400 input length and max_tokens exceed context limit",
    wire: "anthropic",
    status: 400,
    headers: JSON_TYPE,
    body: anthropicError(
      "invalid_request_error",
      "input length and `max_tokens` exceed context limit: 197779 + 21333 > 200000, decrease input length or `max_tokens` and try again",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "413 request_too_large",
    wire: "anthropic",
    status: 413,
    headers: JSON_TYPE,
    body: anthropicError("request_too_large", "Request exceeds the maximum allowed number of bytes."),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "401 authentication_error",
    wire: "anthropic",
    status: 401,
    headers: JSON_TYPE,
    body: anthropicError("authentication_error", "invalid x-api-key"),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "403 permission_error",
    wire: "anthropic",
    status: 403,
    headers: JSON_TYPE,
    body: anthropicError("permission_error", "Your API key does not have permission to use the specified resource."),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "Anthropic",
    situation: "400 credit balance too low",
    wire: "anthropic",
    status: 400,
    headers: JSON_TYPE,
    body: anthropicError(
      "invalid_request_error",
      "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
    ),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "Anthropic",
    situation: "404 not_found_error for an unknown model",
    wire: "anthropic",
    status: 404,
    headers: { ...JSON_TYPE, "request-id": "req_011CTestRequestId0000000000" },
    body: anthropicError("not_found_error", "model: claude-sonnet-9"),
    expected: { condition: "provider_unavailable", quota: false, lasting: "missing_model" },
  },
  // ---------------------------------------------------------------- Google Gemini / Vertex AI
  {
    vendor: "Gemini",
    situation: "429 RESOURCE_EXHAUSTED per-minute QuotaFailure with RetryInfo",
    wire: "google",
    status: 429,
    headers: JSON_TYPE,
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      GEMINI_QUOTA_MESSAGE("generativelanguage.googleapis.com/generate_content_free_tier_requests", "43.527343911s"),
      [
        quotaFailure(
          "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          "generativelanguage.googleapis.com/generate_content_free_tier_requests",
        ),
        geminiHelp,
        retryInfo("43s"),
      ],
    ),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 43_000 },
  },
  {
    vendor: "Gemini",
    situation: "429 RESOURCE_EXHAUSTED per-day QuotaFailure",
    wire: "google",
    status: 429,
    headers: JSON_TYPE,
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      GEMINI_QUOTA_MESSAGE("generativelanguage.googleapis.com/generate_content_free_tier_requests", "21.8s"),
      [
        quotaFailure(
          "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
          "generativelanguage.googleapis.com/generate_content_free_tier_requests",
          "250",
        ),
        geminiHelp,
        retryInfo("21s"),
      ],
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 21_000, lasting: "long_quota" },
  },
  {
    vendor: "Gemini",
    situation: "429 RESOURCE_EXHAUSTED per-day input token QuotaFailure with a RetryInfo of 11s",
    wire: "google",
    status: 429,
    headers: JSON_TYPE,
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      GEMINI_QUOTA_MESSAGE("generativelanguage.googleapis.com/generate_content_free_tier_requests", "11.2s"),
      [
        quotaFailure(
          "GenerateRequestsPerDayPerProjectPerModel-FreeTier",
          "generativelanguage.googleapis.com/generate_content_free_tier_requests",
          "50",
        ),
        geminiHelp,
        retryInfo("11s"),
      ],
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 11_000, lasting: "long_quota" },
  },
  {
    vendor: "Gemini",
    situation: "429 free tier with a quota limit of 0 for the model",
    wire: "google",
    status: 429,
    headers: JSON_TYPE,
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      GEMINI_QUOTA_MESSAGE("generativelanguage.googleapis.com/generate_content_free_tier_input_token_count", "0.5s"),
      [
        quotaFailure(
          "GenerateContentInputTokensPerModelPerMinute-FreeTier",
          "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
          "0",
        ),
        retryInfo("0.5s"),
      ],
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 500, lasting: "long_quota" },
  },
  {
    vendor: "Gemini (OpenAI-compatible endpoint)",
    situation: "429 as a JSON array holding the Google error",
    wire: "openai-compatible",
    status: 429,
    headers: JSON_TYPE,
    body: json([
      JSON.parse(
        googleError(
          429,
          "RESOURCE_EXHAUSTED",
          GEMINI_QUOTA_MESSAGE("generativelanguage.googleapis.com/generate_content_free_tier_requests", "12.1s"),
          [
            quotaFailure(
              "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
              "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            ),
            retryInfo("12s"),
          ],
        ),
      ),
    ]),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 12_000 },
  },
  {
    vendor: "Vertex AI",
    situation: "429 RESOURCE_EXHAUSTED without details (shared capacity)",
    wire: "google",
    status: 429,
    headers: JSON_TYPE,
    body: googleError(
      429,
      "RESOURCE_EXHAUSTED",
      "Resource exhausted. Please try again later. Please refer to https://cloud.google.com/vertex-ai/generative-ai/docs/error-code-429 for more details.",
    ),
    expected: { condition: "rate_limit", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "400 API_KEY_INVALID",
    wire: "google",
    status: 400,
    headers: JSON_TYPE,
    body: googleError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
      {
        "@type": "type.googleapis.com/google.rpc.LocalizedMessage",
        locale: "en-US",
        message: "API key not valid. Please pass a valid API key.",
      },
    ]),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "403 PERMISSION_DENIED",
    wire: "google",
    status: 403,
    headers: JSON_TYPE,
    body: googleError(
      403,
      "PERMISSION_DENIED",
      "Generative Language API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456789012 then retry.",
    ),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "503 UNAVAILABLE model overloaded",
    wire: "google",
    status: 503,
    headers: JSON_TYPE,
    body: googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later."),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "500 INTERNAL",
    wire: "google",
    status: 500,
    headers: JSON_TYPE,
    body: googleError(
      500,
      "INTERNAL",
      "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
    ),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "504 DEADLINE_EXCEEDED",
    wire: "google",
    status: 504,
    headers: JSON_TYPE,
    body: googleError(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."),
    expected: { condition: "timeout", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "400 input token count exceeds the maximum",
    wire: "google",
    status: 400,
    headers: JSON_TYPE,
    body: googleError(
      400,
      "INVALID_ARGUMENT",
      "The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Gemini",
    situation: "404 NOT_FOUND for a model the API version does not have",
    wire: "google",
    status: 404,
    headers: JSON_TYPE,
    body: googleError(
      404,
      "NOT_FOUND",
      "models/gemini-9-pro is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.",
    ),
    expected: { condition: "provider_unavailable", quota: false, lasting: "missing_model" },
  },
  // ---------------------------------------------------------------- OpenRouter
  {
    vendor: "OpenRouter",
    situation: "429 free-models-per-min with limiter headers in metadata",
    wire: "openrouter",
    status: 429,
    headers: JSON_TYPE,
    body: openrouterError(429, "Rate limit exceeded: free-models-per-min. ", {
      headers: { "X-RateLimit-Limit": "20", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(NOW + 15_000) },
      provider_name: null,
    }),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 15_000 },
  },
  {
    vendor: "OpenRouter",
    situation: "429 free-models-per-day",
    wire: "openrouter",
    status: 429,
    headers: JSON_TYPE,
    body: openrouterError(
      429,
      "Rate limit exceeded: free-models-per-day. Add 10 credits to unlock 1000 free model requests per day",
      {
        headers: {
          "X-RateLimit-Limit": "50",
          "X-RateLimit-Remaining": "0",
          "X-RateLimit-Reset": String(NOW + 43_200_000),
        },
        provider_name: null,
      },
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 43_200_000 },
  },
  {
    vendor: "OpenRouter",
    situation: "429 upstream provider rate-limited (Provider returned error)",
    wire: "openrouter",
    status: 429,
    headers: JSON_TYPE,
    body: openrouterError(429, "Provider returned error", {
      raw: "google/gemini-2.0-flash-exp:free is temporarily rate-limited upstream. Please retry shortly, or add your own key to accumulate your rate limits: https://openrouter.ai/settings/integrations",
      provider_name: "Google AI Studio",
    }),
    expected: { condition: "rate_limit", quota: false },
  },
  {
    vendor: "OpenRouter",
    situation: "402 insufficient credits",
    wire: "openrouter",
    status: 402,
    headers: JSON_TYPE,
    body: openrouterError(402, "Insufficient credits. Add more using https://openrouter.ai/credits"),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "OpenRouter",
    situation: "402 request requires more credits",
    wire: "openrouter",
    status: 402,
    headers: JSON_TYPE,
    body: openrouterError(
      402,
      "This request requires more credits, or fewer max_tokens. You requested up to 16384 tokens, but can only afford 3151. To increase, visit https://openrouter.ai/settings/credits and upgrade to a paid account",
    ),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "OpenRouter",
    situation: "502 Provider returned error",
    wire: "openrouter",
    status: 502,
    headers: JSON_TYPE,
    body: openrouterError(502, "Provider returned error", {
      raw: json({ error: { message: "upstream connect error or disconnect/reset before headers", code: 502 } }),
      provider_name: "Fireworks",
    }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "OpenRouter",
    situation: "404 no endpoints found",
    wire: "openrouter",
    status: 404,
    headers: JSON_TYPE,
    body: openrouterError(404, "No endpoints found for meta-llama/llama-3.1-405b-instruct:free."),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "OpenRouter",
    situation: "400 endpoint maximum context length",
    wire: "openrouter",
    status: 400,
    headers: JSON_TYPE,
    body: openrouterError(
      400,
      'This endpoint\'s maximum context length is 131072 tokens. However, you requested about 140596 tokens (132404 of text input, 8192 in the output). Please reduce the length of either one, or use the "middle-out" transform to compress your prompt automatically.',
      { provider_name: null },
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "OpenRouter",
    situation: "401 no auth credentials",
    wire: "openrouter",
    status: 401,
    headers: JSON_TYPE,
    body: openrouterError(401, "No auth credentials found"),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "OpenRouter",
    situation: "408 request timed out",
    wire: "openrouter",
    status: 408,
    headers: JSON_TYPE,
    body: openrouterError(408, "Request timed out"),
    expected: { condition: "timeout", quota: false },
  },
  // ---------------------------------------------------------------- Amazon Bedrock (no provider package installed)
  {
    vendor: "Bedrock",
    situation: "429 ThrottlingException",
    wire: "none",
    status: 429,
    headers: bedrockHeaders("ThrottlingException"),
    body: json({ message: "Too many requests, please wait before trying again." }),
    expected: { condition: "rate_limit", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "400 ThrottlingException named only by __type",
    wire: "none",
    status: 400,
    headers: JSON_TYPE,
    body: json({ __type: "com.amazon.bedrock#ThrottlingException", message: "Rate exceeded" }),
    expected: { condition: "rate_limit", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "400 ServiceQuotaExceededException",
    wire: "none",
    status: 400,
    headers: bedrockHeaders("ServiceQuotaExceededException"),
    body: json({
      message:
        "Your request exceeds the service quota for your account. You can view your quotas at Viewing service quotas. You can resubmit your request later.",
    }),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "Bedrock",
    situation: "429 ModelNotReadyException",
    wire: "none",
    status: 429,
    headers: bedrockHeaders("ModelNotReadyException"),
    body: json({ message: "Model is not ready for inference. Wait and try your request again." }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "503 ServiceUnavailableException",
    wire: "none",
    status: 503,
    headers: bedrockHeaders("ServiceUnavailableException"),
    body: json({ message: "Bedrock is unable to process your request." }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "500 InternalServerException",
    wire: "none",
    status: 500,
    headers: bedrockHeaders("InternalServerException"),
    body: json({ message: "The server encountered an internal error while processing the request." }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "408 ModelTimeoutException",
    wire: "none",
    status: 408,
    headers: bedrockHeaders("ModelTimeoutException"),
    body: json({ message: "Model has timed out in processing the request. Try your request again." }),
    expected: { condition: "timeout", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "400 ValidationException input too long",
    wire: "none",
    status: 400,
    headers: bedrockHeaders("ValidationException"),
    body: json({ message: "Input is too long for requested model." }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "400 ValidationException too many input tokens",
    wire: "none",
    status: 400,
    headers: bedrockHeaders("ValidationException"),
    body: json({ message: "Too many input tokens. Max input tokens: 200000, request input token count: 201318" }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Bedrock",
    situation: "403 AccessDeniedException",
    wire: "none",
    status: 403,
    headers: bedrockHeaders("AccessDeniedException"),
    body: json({ message: "You don't have access to the model with the specified model ID." }),
    expected: { condition: "auth", quota: false },
  },
  // ---------------------------------------------------------------- Groq
  {
    vendor: "Groq",
    situation: "429 tokens per minute with retry-after",
    wire: "openai-compatible",
    status: 429,
    headers: {
      ...JSON_TYPE,
      "retry-after": "12",
      "x-ratelimit-limit-requests": "14400",
      "x-ratelimit-limit-tokens": "6000",
      "x-ratelimit-remaining-requests": "14399",
      "x-ratelimit-remaining-tokens": "39",
      "x-ratelimit-reset-requests": "6s",
      "x-ratelimit-reset-tokens": "11.81s",
      "x-request-id": "req_01jabcdefghjkmnpqrstvwxyz0",
    },
    body: openaiError(
      `Rate limit reached for model \`llama-3.3-70b-versatile\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Used 5961, Requested 1220. Please try again in 11.81s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
      "tokens",
      "rate_limit_exceeded",
    ),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 12_000 },
  },
  {
    vendor: "Groq",
    situation: "429 tokens per day",
    wire: "openai-compatible",
    status: 429,
    headers: { ...JSON_TYPE, "retry-after": "1139" },
    body: openaiError(
      `Rate limit reached for model \`llama-3.3-70b-versatile\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per day (TPD): Limit 100000, Used 99719, Requested 1554. Please try again in 18m58.272s. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
      "tokens",
      "rate_limit_exceeded",
    ),
    expected: { condition: "rate_limit", quota: true, retryAfterMs: 1_139_000 },
  },
  {
    vendor: "Groq",
    situation: "413 request too large for the per-minute token limit",
    wire: "openai-compatible",
    status: 413,
    headers: JSON_TYPE,
    body: openaiError(
      `Request too large for model \`llama-3.1-8b-instant\` in organization \`${GROQ_ORG}\` service tier \`on_demand\` on tokens per minute (TPM): Limit 6000, Requested 9254, please reduce your message size and try again. Need more tokens? Upgrade to Dev Tier today at https://console.groq.com/settings/billing`,
      "tokens",
      "rate_limit_exceeded",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Groq",
    situation: "400 context_length_exceeded",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "Please reduce the length of the messages or completion.",
      "invalid_request_error",
      "context_length_exceeded",
      "messages",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  // ---------------------------------------------------------------- Mistral
  {
    vendor: "Mistral",
    situation: "429 requests rate limit exceeded",
    wire: "openai-compatible",
    status: 429,
    headers: JSON_TYPE,
    body: json({
      object: "error",
      message: "Requests rate limit exceeded",
      type: "rate_limited",
      param: null,
      code: "1300",
    }),
    expected: { condition: "rate_limit", quota: false },
  },
  {
    vendor: "Mistral",
    situation: "400 prompt too large for the model's context",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      object: "error",
      message: "Prompt contains 40011 tokens and 0 draft tokens, too large for model with 32768 maximum context length",
      type: "invalid_request_message_error",
      param: null,
      code: null,
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Mistral",
    situation: "401 unauthorized",
    wire: "openai-compatible",
    status: 401,
    headers: JSON_TYPE,
    body: json({ message: "Unauthorized", request_id: "0c9f2b7e5a4d4e8c9a1b2c3d4e5f6a7b" }),
    expected: { condition: "auth", quota: false },
  },
  // ---------------------------------------------------------------- DeepSeek
  {
    vendor: "DeepSeek",
    situation: "400 maximum context length",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "This model's maximum context length is 65536 tokens. However, you requested 70213 tokens (62021 in the messages, 8192 in the completion). Please reduce the length of the messages or completion.",
      "invalid_request_error",
      "invalid_request_error",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "DeepSeek",
    situation: "402 insufficient balance",
    wire: "openai-compatible",
    status: 402,
    headers: JSON_TYPE,
    body: openaiError("Insufficient Balance", "unknown_error", "invalid_request_error"),
    expected: { condition: "rate_limit", quota: true },
  },
  {
    vendor: "DeepSeek",
    situation: "503 server overloaded",
    wire: "openai-compatible",
    status: 503,
    headers: JSON_TYPE,
    body: openaiError("Server overloaded, please try again later.", "server_error", "server_error"),
    expected: { condition: "provider_unavailable", quota: false },
  },
  // ---------------------------------------------------------------- xAI
  {
    vendor: "xAI",
    situation: "400 maximum prompt length",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      code: "Client specified an invalid argument",
      error: "This model's maximum prompt length is 131072 but the request contains 140233 tokens.",
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "xAI",
    situation: "400 incorrect API key",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      code: "Client specified an invalid argument",
      error: "Incorrect API key provided: xa***Yz. You can obtain an API key from https://console.x.ai.",
    }),
    expected: { condition: "auth", quota: false },
  },
  {
    vendor: "xAI",
    situation: "429 credits used up",
    wire: "openai-compatible",
    status: 429,
    headers: JSON_TYPE,
    body: json({
      code: "Some resource has been exhausted",
      error:
        "Your team 8c5e3a1f-7b2d-4e6c-9a0b-1c2d3e4f5a6b has either used all available credits or reached its monthly spending limit. To continue making API requests, please purchase more credits or raise your spending limit.",
    }),
    expected: { condition: "rate_limit", quota: true },
  },
  // ---------------------------------------------------------------- Together, Fireworks
  {
    vendor: "Together",
    situation: "400 inputs tokens + max_new_tokens too large",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError(
      "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 32769. Given: 40112 `inputs` tokens and 2048 `max_new_tokens`",
      "invalid_request_error",
      null,
      "max_tokens",
    ),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Together",
    situation: "503 server overloaded",
    wire: "openai-compatible",
    status: 503,
    headers: JSON_TYPE,
    body: openaiError("The server is overloaded or not ready yet.", "server_error", null),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Fireworks",
    situation: "400 prompt too long for model maximum context length",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      error: {
        object: "error",
        type: "invalid_request_error",
        message: "The prompt is too long: 140233, model maximum context length: 131072",
      },
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Fireworks",
    situation: "429 rate limit",
    wire: "openai-compatible",
    status: 429,
    headers: { ...JSON_TYPE, "retry-after": "1" },
    body: json({
      error: { object: "error", type: "invalid_request_error", message: "rate limit exceeded, please try again later" },
    }),
    expected: { condition: "rate_limit", quota: false, retryAfterMs: 1000 },
  },
  // ---------------------------------------------------------------- Self-hosted: vLLM, llama.cpp, Ollama, LM Studio
  {
    vendor: "vLLM",
    situation: "400 maximum context length",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      object: "error",
      message:
        "This model's maximum context length is 32768 tokens. However, you requested 40213 tokens (39189 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.",
      type: "BadRequestError",
      param: null,
      code: 400,
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "llama.cpp",
    situation: "400 exceeds the available context size",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      error: {
        code: 400,
        message: "the request exceeds the available context size, try increasing it",
        type: "exceed_context_size_error",
        n_prompt_tokens: 5139,
        n_ctx: 4096,
      },
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "llama.cpp",
    situation: "503 loading model",
    wire: "openai-compatible",
    status: 503,
    headers: JSON_TYPE,
    body: json({ error: { code: 503, message: "Loading model", type: "unavailable_error" } }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "Ollama",
    situation: "404 model not found (a missing model, not an outage)",
    wire: "openai-compatible",
    status: 404,
    headers: JSON_TYPE,
    body: openaiError('model "llama3.2" not found, try pulling it first', "api_error", null),
    expected: { condition: "provider_unavailable", quota: false, lasting: "missing_model" },
  },
  {
    vendor: "Ollama",
    situation: "400 prompt exceeds max context length",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: openaiError("prompt too long; exceeded max context length by 1203 tokens", "invalid_request_error", null),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Ollama",
    situation: "503 server busy (native error shape)",
    wire: "openai-compatible",
    status: 503,
    headers: JSON_TYPE,
    body: json({ error: "server busy, please try again.  maximum pending requests exceeded" }),
    expected: { condition: "provider_unavailable", quota: false },
  },
  {
    vendor: "LM Studio",
    situation: "400 context overflows",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      error:
        "Trying to keep the first 5139 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough. Try to load the model with a larger context length, or provide a shorter input",
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "vLLM",
    situation: "404 for a model the server does not serve",
    wire: "openai-compatible",
    status: 404,
    headers: JSON_TYPE,
    body: json({
      object: "error",
      message: "The model `qwen3-coder` does not exist.",
      type: "NotFoundError",
      code: 404,
    }),
    expected: { condition: "provider_unavailable", quota: false, lasting: "missing_model" },
  },
  // ---------------------------------------------------------------- GitHub Copilot, Moonshot, Cerebras
  {
    vendor: "GitHub Copilot",
    situation: "400 prompt token count exceeds the limit",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      error: {
        message: "prompt token count of 140233 exceeds the limit of 128000",
        code: "model_max_prompt_tokens_exceeded",
      },
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Moonshot",
    situation: "400 exceeded model token limit",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      error: {
        message: "Invalid request: Your request exceeded model token limit: 131072 (requested: 140233)",
        type: "invalid_request_error",
      },
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Cerebras",
    situation: "400 current length over limit",
    wire: "openai-compatible",
    status: 400,
    headers: JSON_TYPE,
    body: json({
      message: "Please reduce the length of the messages or completion. Current length is 9013 while limit is 8192",
      type: "invalid_request_error",
      param: "messages",
      code: "context_length_exceeded",
    }),
    expected: { condition: "token_limit", quota: false },
  },
  {
    vendor: "Cerebras",
    situation: "429 tokens per minute",
    wire: "openai-compatible",
    status: 429,
    headers: JSON_TYPE,
    body: json({
      message: "Tokens per minute limit exceeded - too many tokens processed.",
      type: "too_many_tokens_error",
      param: "quota",
      code: "token_quota_exceeded",
    }),
    expected: { condition: "rate_limit", quota: false },
  },
]

// What fetch reports as `statusText`, which providers use as the message when the body is not their JSON shape.
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  413: "Payload Too Large",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
}

/** Reads the vendor message the way the providers' error handlers do, falling back to the status text. */
function vendorMessage(body: unknown, statusText: string): string {
  const root = Array.isArray(body) ? (body[0] as unknown) : body
  if (typeof root !== "object" || root === null) return statusText
  const record = root as { error?: unknown; message?: unknown }
  if (typeof record.error === "object" && record.error !== null) {
    const message = (record.error as { message?: unknown }).message
    if (typeof message === "string") return message
  }
  if (typeof record.message === "string") return record.message
  return statusText
}

/** Builds the APICallError an AI SDK provider builds for this response (see provider-utils' JSON error handler). */
export function toApiCallError(payload: VendorPayload): APICallError {
  let data: unknown
  try {
    data = JSON.parse(payload.body) as unknown
  } catch {
    data = undefined
  }
  return new APICallError({
    message: vendorMessage(data, STATUS_TEXT[payload.status] ?? ""),
    url: "https://api.example.com/v1/chat/completions",
    requestBodyValues: { model: "test-model", messages: [] },
    statusCode: payload.status,
    responseHeaders: payload.headers,
    responseBody: payload.body,
    data,
  })
}
