// Vertex AI: Gemini (`.../publishers/google/models/{model}:generateContent`) and
// Claude (`.../publishers/anthropic/models/{model}:rawPredict`) under Google
// Cloud URLs. Bodies and streams are the google and anthropic vendors' own;
// only the route, the model's place (always the URL) and the credentials differ.

import { anthropicVendor } from "./anthropic.ts"
import { googleVendor } from "./google.ts"
import { vertexAuthError } from "./vendor-errors.ts"
import type { RawRequest, Refusal, RequestShape, Vendor } from "./vendor.ts"
import { bearerToken, isRecord } from "./vendor.ts"

// Express mode (an API key, no project) drops the `projects/{p}/locations/{l}` part.
const GEMINI_ROUTE =
  /\/v1(?:beta1)?\/(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/([^/:]+):(generateContent|streamGenerateContent)$/
const CLAUDE_ROUTE =
  /\/v1(?:beta1)?\/projects\/[^/]+\/locations\/[^/]+\/publishers\/anthropic\/models\/([^/:]+):(rawPredict|streamRawPredict)$/

function modelFrom(route: RegExp, url: URL): { model: string; action: string } {
  const match = route.exec(url.pathname)
  return {
    model: match?.[1] === undefined ? "unknown-model" : decodeURIComponent(match[1]),
    action: match?.[2] ?? "",
  }
}

/** An OAuth access token, or an express-mode API key in its header or (as curl users do) `?key=`. */
function apiKey(headers: Record<string, string>, url: URL): string | undefined {
  return bearerToken(headers) ?? headers["x-goog-api-key"] ?? url.searchParams.get("key") ?? undefined
}

/** Vertex's front door refuses a request that carries no credential at all, whatever the model. */
function authorize(request: RawRequest): Refusal | undefined {
  const url = new URL(request.target, "http://127.0.0.1")
  if (apiKey(request.headers, url) !== undefined) return undefined
  const action = /:(\w+)$/.exec(url.pathname)?.[1] ?? "Predict"
  const method = `google.cloud.aiplatform.v1.PredictionService.${action.charAt(0).toUpperCase()}${action.slice(1)}`
  return { ...vertexAuthError("CREDENTIALS_MISSING", method), message: "the request carried no credential" }
}

export const vertexVendor: Vendor = {
  ...googleVendor,
  format: "vertex",
  matches: (pathname) => GEMINI_ROUTE.test(pathname),
  shape: (url): RequestShape => {
    const { model, action } = modelFrom(GEMINI_ROUTE, url)
    return { model, stream: action === "streamGenerateContent", includeUsage: false }
  },
  apiKey,
  authorize,
}

export const vertexAnthropicVendor: Vendor = {
  ...anthropicVendor,
  format: "vertex-anthropic",
  matches: (pathname) => CLAUDE_ROUTE.test(pathname),
  // The body has no `model`; `stream: true` in it streams even on `:rawPredict`, as Anthropic's own API would.
  shape: (url, body): RequestShape => {
    const { model, action } = modelFrom(CLAUDE_ROUTE, url)
    const streamed = isRecord(body) && body["stream"] === true
    return { model, stream: action === "streamRawPredict" || streamed, includeUsage: false }
  },
  apiKey,
  authorize,
}
