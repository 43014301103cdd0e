// Strict mode: the checks a real vendor makes before its model sees a
// request, so a test learns that a client (or a fallback that rewrote a
// conversation for another vendor) sent something the real API would refuse.
// The rules live in one file per vendor; this file runs them and wraps the
// first violation in that vendor's own error body.

import { anthropicRules } from "./strict-anthropic.ts"
import { bedrockRules } from "./strict-bedrock.ts"
import { googleRules } from "./strict-google.ts"
import { mistralRules } from "./strict-mistral.ts"
import { openaiRules, toolCallsAnswered, toolMessagesAnswerCalls } from "./strict-openai.ts"
import { perplexityRules } from "./strict-perplexity.ts"
import { responsesRules, xaiResponsesRules } from "./strict-responses.ts"
import type { Rule, StrictContext, Violation } from "./strict-rule.ts"
import type { VendorErrorResponse } from "./vendor-errors.ts"
import {
  bedrockErrorResponse,
  gatewayErrorResponse,
  mistralErrorResponse,
  perplexityErrorResponse,
} from "./vendor-errors.ts"
import type { WireFormat } from "./vendor.ts"
import { randomId } from "./vendor.ts"

export interface Rejection extends VendorErrorResponse {
  /** The error message, as recorded in the request log. */
  message: string
}

const RULES: Record<WireFormat, readonly Rule[]> = {
  anthropic: anthropicRules,
  openai: openaiRules,
  "openai-responses": responsesRules,
  google: googleRules,
  bedrock: bedrockRules,
  // No rules yet: Vertex's would be the google and anthropic ones, but those check thought signatures issued
  // for those two formats, and the Vertex vendors sign as themselves.
  cohere: [],
  vertex: [],
  "vertex-anthropic": [],
  perplexity: perplexityRules,
  // None known: the gateway validates the call options and then the upstream provider validates what the
  // gateway made of them; neither set of checks is documented for the gateway's own protocol.
  gateway: [],
  mistral: mistralRules,
  // A conversation's structure as OpenAI checks it; xAI's length limit on tool call ids, if any, is not known.
  xai: [toolMessagesAnswerCalls, toolCallsAnswered],
  "xai-responses": xaiResponsesRules,
}

function errorBody(format: WireFormat, violation: Violation, status: number): VendorErrorResponse {
  if (format === "anthropic") {
    const requestId = `req_011${randomId(21)}`
    return {
      status,
      headers: { "content-type": "application/json", "request-id": requestId },
      body: {
        type: "error",
        error: { type: "invalid_request_error", message: violation.message },
        request_id: requestId,
      },
    }
  }
  if (format === "bedrock") return bedrockErrorResponse("ValidationException", status, violation.message)
  if (format === "perplexity") {
    return perplexityErrorResponse(status, violation.type ?? "invalid_request_error", violation.message)
  }
  if (format === "gateway") return gatewayErrorResponse(status, "invalid_request_error", violation.message)
  if (format === "mistral") {
    return mistralErrorResponse(status, violation.message, violation.type ?? "invalid_request_error", violation.code)
  }
  if (format === "google") {
    return {
      status,
      headers: { "content-type": "application/json; charset=UTF-8" },
      body: { error: { code: status, message: violation.message, status: "INVALID_ARGUMENT" } },
    }
  }
  return {
    status,
    headers: { "content-type": "application/json", "x-request-id": `req_${randomId(32).toLowerCase()}` },
    body: {
      error: {
        message: violation.message,
        type: "invalid_request_error",
        param: violation.param ?? null,
        code: violation.code ?? null,
      },
    },
  }
}

/** Runs the vendor's rules in order and answers the first violation as that vendor would. */
export function validate(format: WireFormat, body: Record<string, unknown>, ctx: StrictContext): Rejection | undefined {
  for (const rule of RULES[format]) {
    const violation = rule(body, ctx)
    if (violation === undefined) continue
    return { ...errorBody(format, violation, violation.status ?? 400), message: violation.message }
  }
  return undefined
}
