// Test helper: the fake provider's observed vendor errors (the bytes vendors send), read two ways: what the core
// should make of each, and the APICallError an AI SDK provider builds from it.
import { APICallError } from "@ai-sdk/provider"
import type { ObservedError, ObservedKind } from "@model-pool/fake-provider"
import type { Condition, Lasting } from "../src/condition.ts"

const CONDITIONS: Record<ObservedKind, Condition> = {
  rate_limit: "rate_limit",
  server_error: "provider_unavailable",
  overloaded: "provider_unavailable",
  model_not_found: "provider_unavailable",
  unauthorized: "auth",
  context_overflow: "token_limit",
  timeout: "timeout",
  refusal: "other",
}

/** What classify should make of an observed error, from what the vendor means by it. */
export function expectedOf(error: ObservedError): {
  condition: Condition
  quota: boolean
  retryAfterMs: number | undefined
  lasting: Lasting | undefined
} {
  const lasting = error.kind === "model_not_found" ? "missing_model" : error.waitUnreliable ? "long_quota" : undefined
  return { condition: CONDITIONS[error.kind], quota: error.quota, retryAfterMs: error.retryAfterMs, lasting }
}

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
export function toApiCallError(error: ObservedError): APICallError {
  const { status, headers, body } = error.response
  return new APICallError({
    message: vendorMessage(body, STATUS_TEXT[status] ?? ""),
    url: "https://api.example.com/v1/chat/completions",
    requestBodyValues: { model: "test-model", messages: [] },
    statusCode: status,
    responseHeaders: headers,
    responseBody: JSON.stringify(body),
    data: body,
  })
}
