import type { FallbackCondition } from "../condition.ts"

// All codes are compared lower-cased. They come from vendor `type` / `code` / `status` / `reason` fields, Bedrock
// exception names, Node/undici/Bun network error codes and error names.

/** Codes that mean the prompt does not fit the model. */
export const CONTEXT_CODES: ReadonlySet<string> = new Set([
  "context_length_exceeded", // OpenAI, Azure OpenAI, Groq, Cerebras
  "model_max_prompt_tokens_exceeded", // GitHub Copilot
  "exceed_context_size_error", // llama.cpp server
  "request_too_large", // Anthropic 413
  "tokens_limit_reached", // GitHub Models
])

/** Codes that mean the model asked for does not exist, whatever the status. */
export const MISSING_MODEL_CODES: ReadonlySet<string> = new Set([
  "model_not_found", // OpenAI, the Vercel AI Gateway
  "invalid_model", // Mistral, Perplexity (both a 400)
])

/** Codes that mean the credentials are missing, wrong or not allowed to use the model. */
export const AUTH_CODES: ReadonlySet<string> = new Set([
  "authentication_error", // Anthropic
  "permission_error", // Anthropic
  "invalid_api_key", // OpenAI
  "incorrect_api_key",
  "invalid_authentication",
  "api_key_invalid", // Google ErrorInfo reason
  "unauthenticated", // Google status
  "permission_denied", // Google status
  "accessdeniedexception", // Bedrock
  "unrecognizedclientexception", // AWS: unknown access key
  "invalidsignatureexception", // AWS
  "expiredtokenexception", // AWS
  "ai_loadapikeyerror", // AI SDK: no key configured
])

/** Codes that mean a long quota window or billing problem rather than a short burst. */
export const QUOTA_CODES: ReadonlySet<string> = new Set([
  "insufficient_quota", // OpenAI
  "billing_hard_limit_reached", // OpenAI
  "billing_not_active", // OpenAI
  "servicequotaexceededexception", // Bedrock
  "insufficient_balance",
  "payment_required",
])

/** Codes that name a fallback condition outright, whatever the HTTP status says. */
export const CODE_CONDITIONS: ReadonlyMap<string, FallbackCondition> = new Map<string, FallbackCondition>([
  // Rate limits.
  ["rate_limit_error", "rate_limit"], // Anthropic
  ["rate_limit_exceeded", "rate_limit"], // OpenAI, Groq
  ["rate_limited", "rate_limit"], // Mistral
  ["too_many_requests", "rate_limit"],
  ["resource_exhausted", "rate_limit"], // Google
  ["throttlingexception", "rate_limit"], // Bedrock
  ["toomanyrequestsexception", "rate_limit"], // AWS
  // Timeouts.
  ["deadline_exceeded", "timeout"], // Google
  ["modeltimeoutexception", "timeout"], // Bedrock
  ["etimedout", "timeout"], // Node
  ["esockettimedout", "timeout"],
  ["err_socket_connection_timeout", "timeout"],
  ["und_err_connect_timeout", "timeout"], // undici
  ["und_err_headers_timeout", "timeout"],
  ["und_err_body_timeout", "timeout"],
  // The provider is down, overloaded or unreachable.
  ["overloaded_error", "provider_unavailable"], // Anthropic
  ["unavailable_error", "provider_unavailable"], // llama.cpp while loading a model
  ["service_tier_capacity_exceeded", "provider_unavailable"], // Mistral
  ["serviceunavailableexception", "provider_unavailable"], // Bedrock
  ["modelnotreadyexception", "provider_unavailable"], // Bedrock
  ["internalserverexception", "provider_unavailable"], // Bedrock
  ["modelstreamerrorexception", "provider_unavailable"], // Bedrock stream
  ["modelerrorexception", "provider_unavailable"], // Bedrock
  ["econnrefused", "provider_unavailable"], // Node / Bun network errors from here on
  ["econnreset", "provider_unavailable"],
  ["econnaborted", "provider_unavailable"],
  ["enotfound", "provider_unavailable"],
  ["eai_again", "provider_unavailable"],
  ["epipe", "provider_unavailable"],
  ["ehostunreach", "provider_unavailable"],
  ["ehostdown", "provider_unavailable"],
  ["enetunreach", "provider_unavailable"],
  ["enetdown", "provider_unavailable"],
  ["connectionrefused", "provider_unavailable"], // Bun
  ["connectionclosed", "provider_unavailable"], // Bun
  ["failedtoopensocket", "provider_unavailable"], // Bun
  ["und_err_socket", "provider_unavailable"], // undici
  ["und_err_closed", "provider_unavailable"],
  ["err_stream_premature_close", "provider_unavailable"],
])

/**
 * Generic codes that only refine a server-side failure (no status, 408, 429 or 5xx). They must not override a client
 * error: Ollama sends "model not found" as a 404 typed `api_error`.
 */
export const SERVER_CODE_CONDITIONS: ReadonlyMap<string, FallbackCondition> = new Map<string, FallbackCondition>([
  ["timeout", "timeout"],
  ["timeout_error", "timeout"],
  ["request_timeout", "timeout"],
  ["api_error", "provider_unavailable"], // Anthropic
  ["server_error", "provider_unavailable"], // OpenAI
  ["internal_server_error", "provider_unavailable"],
  ["service_unavailable", "provider_unavailable"],
  ["unavailable", "provider_unavailable"], // Google
  ["internal", "provider_unavailable"], // Google
])
