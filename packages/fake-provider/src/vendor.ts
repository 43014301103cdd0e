// The contract every wire format (OpenAI chat and Responses, Anthropic, Gemini, Bedrock, Cohere, Vertex AI,
// Perplexity, the Vercel AI Gateway, Mistral, xAI chat and Responses) implements, plus the small helpers they share. The server only talks to this
// interface, so a new vendor is one new file.

import { randomBytes } from "node:crypto"
import type { StreamErrorStep } from "./script.ts"
import type { VendorErrorResponse } from "./vendor-errors.ts"

export type WireFormat =
  | "openai"
  | "openai-responses"
  | "anthropic"
  | "google"
  | "bedrock"
  | "cohere"
  | "vertex"
  | "vertex-anthropic"
  | "perplexity"
  | "gateway"
  | "mistral"
  | "xai"
  | "xai-responses"

/** What the model "says": optional reasoning, then optional text, then at most one tool call. */
export interface Reply {
  text: string
  /** The signature is the server's, issued for this vendor, model and text (see signature.ts). */
  reasoning?: { text: string; signature: string }
  toolCall?: { id: string; name: string; input: Record<string, unknown> }
}

/** Facts about the request a vendor needs to shape its answer. */
export interface ReplyContext {
  model: string
  /** How many deltas the text is split into when streaming. */
  chunks: number
  /** OpenAI only: `stream_options.include_usage` was set. */
  includeUsage: boolean
  promptTokens: number
  /** Responses only: the request's `include` asked for `reasoning.encrypted_content`. */
  includeEncryptedReasoning?: boolean
  /** Responses only: called with each output item of a stored answer, so a later `item_reference` resolves. */
  remember?: (item: Record<string, unknown>) => void
}

/** One streamed frame. `data` is JSON-encoded unless it is the raw `[DONE]` marker. */
export interface StreamEvent {
  event?: string
  data: unknown
}

/**
 * A streamed answer in three phases. Keeping them apart lets the server send
 * `open` + `content` and then cut the connection before `close`, which is
 * exactly what a dropped stream looks like to a client.
 */
export interface StreamPlan {
  open: StreamEvent[]
  content: StreamEvent[]
  close: StreamEvent[]
}

/** What the router learned from the URL and body. */
export interface RequestShape {
  model: string
  stream: boolean
  includeUsage: boolean
  /** Responses only: `include` has `reasoning.encrypted_content`. */
  includeEncryptedReasoning?: boolean
  /** Responses only: `store` is not false, so the answer's items can be referenced later. */
  store?: boolean
}

/** How a vendor that does not stream Server-Sent Events puts its frames on the wire. */
export interface StreamEncoding {
  contentType: string
  frame(frame: StreamEvent): Uint8Array
}

/** The raw request, for vendors that authenticate it as a whole (a signature over method, path, headers and body). */
export interface RawRequest {
  method: string
  /** Path and query exactly as sent, still percent-encoded. */
  target: string
  headers: Record<string, string>
  body: Buffer
}

/** A request refused before it reached the model, with the message the request log records. */
export interface Refusal extends VendorErrorResponse {
  message: string
}

export interface Vendor {
  readonly format: WireFormat
  /** True when this vendor serves the given URL path. */
  matches(pathname: string): boolean
  /** `headers` are lower-cased; the AI Gateway names the model and the streaming mode there, not in the body. */
  shape(url: URL, body: unknown, headers: Record<string, string>): RequestShape
  /** The API key the client sent, wherever this vendor puts it. */
  apiKey(headers: Record<string, string>, url: URL): string | undefined
  json(reply: Reply, ctx: ReplyContext): unknown
  stream(reply: Reply, ctx: ReplyContext): StreamPlan
  /**
   * The frames of an error that arrives inside an already-open 200 stream.
   * `sent` holds the frames already streamed before it (none when the error
   * comes first), for formats that number their events or open with a preamble.
   */
  streamError(ctx: ReplyContext, sent: readonly StreamEvent[], step: StreamErrorStep): StreamEvent[]
  /** Binary framing and its content type; streams are SSE text without it. */
  readonly encoding?: StreamEncoding
  /** Headers added to every successful answer, such as a request id the client reads. */
  headers?(): Record<string, string>
  /** Checks the request's credentials; undefined lets it through. Without it any key is accepted. */
  authorize?(request: RawRequest): Refusal | undefined
}

export const DONE_MARKER = "[DONE]"

/** Encodes one frame as Server-Sent Events text. */
export function sseFrame(frame: StreamEvent): string {
  const data = frame.data === DONE_MARKER ? DONE_MARKER : JSON.stringify(frame.data)
  const eventLine = frame.event === undefined ? "" : `event: ${frame.event}\n`
  return `${eventLine}data: ${data}\n\n`
}

/**
 * Splits text into at most `parts` pieces of near-equal length, never inside
 * a surrogate pair, so streamed deltas always re-join to the original string.
 */
export function splitText(text: string, parts: number): string[] {
  const chars = Array.from(text)
  if (chars.length === 0) return []
  const count = Math.max(1, Math.min(Math.floor(parts), chars.length))
  const size = Math.ceil(chars.length / count)
  const pieces: string[] = []
  for (let start = 0; start < chars.length; start += size) {
    pieces.push(chars.slice(start, start + size).join(""))
  }
  return pieces
}

/** A crude but stable token estimate: real tokenisers average ~4 chars per token. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? "")
  return Math.max(1, Math.ceil(text.length / 4))
}

/** Random id suffix in the style vendors use (letters and digits only). */
export function randomId(length = 24): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  const bytes = randomBytes(length)
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("")
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Reads `Authorization: Bearer <key>`, the scheme OpenAI-style APIs use. */
export function bearerToken(headers: Record<string, string>): string | undefined {
  const header = headers["authorization"]
  if (header === undefined) return undefined
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  return match?.[1]
}
