// Mistral's chat completions (`POST https://api.mistral.ai/v1/chat/completions`), as @ai-sdk/mistral 3.0.51
// reads it. The path is OpenAI's, so on the fake the prefix must end in `/mistral/v1`
// (`createMistral({ baseURL: `${url}/mistral/v1` })`) to tell the two apart.
//
// It looks like OpenAI's chat completions; what differs, and what the package depends on:
// - A tool call streams whole: one delta carries its id, its name and its complete arguments. The package's
//   chunk schema requires an id and a name on every tool call delta and emits the call at once, so OpenAI's
//   opening delta followed by argument pieces fails to parse.
// - Tool call ids are nine letters and digits (`D681PevKs`), and the API refuses any other id in a replayed
//   conversation (see strict-mistral.ts).
// - Reasoning models (Magistral, and the models that take `reasoning_effort`) think in `content`, which is then
//   an array: `[{type: "thinking", thinking: [{type: "text", text}]}]`. Answer text is a plain string. The
//   package ignores OpenAI-compatible hosts' `reasoning_content`.
// - There is no `stream_options`: the last chunk, with the finish reason, always carries the usage; `[DONE]`
//   follows.
// - Errors are `{object: "error", message, type, param, code}` (see vendor-errors.ts).

import { randomBytes } from "node:crypto"
import { streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, DONE_MARKER, estimateTokens, isRecord, randomId, splitText } from "./vendor.ts"

/** The route prefix the fake needs in front of Mistral's own `/v1/chat/completions`. */
export const MISTRAL_PATH = "/mistral/v1/chat/completions"

/** A tool call id as Mistral issues them: nine letters and digits. */
export const mistralToolId = () => randomId(9)

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  return { model, stream: record["stream"] === true, includeUsage: false }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const completion = estimateTokens(
    (reply.reasoning?.text ?? "") + reply.text + JSON.stringify(reply.toolCall?.input ?? ""),
  )
  return { prompt_tokens: ctx.promptTokens, total_tokens: ctx.promptTokens + completion, completion_tokens: completion }
}

const finishReason = (reply: Reply) => (reply.toolCall === undefined ? "stop" : "tool_calls")

const thinking = (text: string) => ({ type: "thinking", thinking: [{ type: "text", text }] })

function toolCall(call: NonNullable<Reply["toolCall"]>) {
  return {
    id: call.id,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.input) },
    index: 0,
  }
}

/** Completion ids are 32 hex digits. */
const completionId = () => randomBytes(16).toString("hex")

function json(reply: Reply, ctx: ReplyContext): unknown {
  // With reasoning the content is the chunk array; without, a plain string (empty beside a bare tool call).
  const content =
    reply.reasoning === undefined
      ? reply.text
      : [thinking(reply.reasoning.text), ...(reply.text === "" ? [] : [{ type: "text", text: reply.text }])]
  const message = {
    role: "assistant",
    content,
    ...(reply.toolCall === undefined ? {} : { tool_calls: [toolCall(reply.toolCall)] }),
  }
  return {
    id: completionId(),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
    choices: [{ index: 0, message, finish_reason: finishReason(reply) }],
    usage: usage(reply, ctx),
  }
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const envelope = {
    id: completionId(),
    object: "chat.completion.chunk",
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) => ({
    data: { ...envelope, choices: [{ index: 0, delta, finish_reason: finish }], ...extra },
  })
  const open: StreamEvent[] = [chunk({ role: "assistant", content: "" }, null)]
  const content = splitText(reply.reasoning?.text ?? "", ctx.chunks).map((piece) =>
    chunk({ content: [thinking(piece)] }, null),
  )
  content.push(...splitText(reply.text, ctx.chunks).map((piece) => chunk({ content: piece }, null)))
  if (reply.toolCall !== undefined) content.push(chunk({ tool_calls: [toolCall(reply.toolCall)] }, null))
  const close: StreamEvent[] = [
    chunk({ content: "" }, finishReason(reply), { usage: usage(reply, ctx) }),
    { data: DONE_MARKER },
  ]
  return { open, content, close }
}

export const mistralVendor: Vendor = {
  format: "mistral",
  matches: (pathname) => pathname.endsWith(MISTRAL_PATH),
  shape,
  apiKey: (headers) => bearerToken(headers),
  json,
  stream,
  // A chunk of only Mistral's error object: the package's chunk schema refuses it, which it reports as an error part.
  streamError: () => [{ data: streamErrorBody("mistral") }],
  headers: () => ({ "mistral-correlation-id": crypto.randomUUID() }),
}
