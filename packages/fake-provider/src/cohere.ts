// Cohere v2 chat wire format (`POST /v2/chat`). Streams are SSE named after
// each payload's `type` (message-start, content-delta, tool-call-start, ...).
// Text said before a tool call is Cohere's `tool_plan`, not content.

import { randomUUID } from "node:crypto"
import { cohereErrorResponse, streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, isRecord, randomId, splitText } from "./vendor.ts"

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  return { model, stream: record["stream"] === true, includeUsage: false }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const output = estimateTokens(
    (reply.reasoning?.text ?? "") + reply.text + JSON.stringify(reply.toolCall?.input ?? ""),
  )
  // Billed units leave out the tokens of Cohere's own chat template, so they are the smaller pair.
  return {
    billed_units: { input_tokens: ctx.promptTokens, output_tokens: output },
    tokens: { input_tokens: ctx.promptTokens + 200, output_tokens: output },
  }
}

function finishReason(reply: Reply): string {
  return reply.toolCall === undefined ? "COMPLETE" : "TOOL_CALL"
}

function toolCallJson(call: NonNullable<Reply["toolCall"]>) {
  return { id: call.id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.input) } }
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const content: unknown[] = []
  if (reply.reasoning !== undefined) content.push({ type: "thinking", thinking: reply.reasoning.text })
  const message: Record<string, unknown> = { role: "assistant" }
  if (reply.toolCall === undefined && reply.text !== "") content.push({ type: "text", text: reply.text })
  if (reply.toolCall !== undefined) {
    if (reply.text !== "") message["tool_plan"] = reply.text
    message["tool_calls"] = [toolCallJson(reply.toolCall)]
  }
  if (content.length > 0) message["content"] = content
  return { id: randomUUID(), message, finish_reason: finishReason(reply), usage: usage(reply, ctx) }
}

/** Cohere names every SSE event after the `type` of its payload. */
function event(data: { type: string } & Record<string, unknown>): StreamEvent {
  return { event: data.type, data }
}

function contentBlock(index: number, kind: "text" | "thinking", text: string, ctx: ReplyContext): StreamEvent[] {
  return [
    event({ type: "content-start", index, delta: { message: { content: { type: kind, [kind]: "" } } } }),
    ...splitText(text, ctx.chunks).map((piece) =>
      event({ type: "content-delta", index, delta: { message: { content: { [kind]: piece } } } }),
    ),
    event({ type: "content-end", index }),
  ]
}

function toolCallEvents(call: NonNullable<Reply["toolCall"]>): StreamEvent[] {
  const start = { id: call.id, type: "function", function: { name: call.name, arguments: "" } }
  return [
    event({ type: "tool-call-start", index: 0, delta: { message: { tool_calls: start } } }),
    ...splitText(JSON.stringify(call.input), 2).map((piece) =>
      event({
        type: "tool-call-delta",
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: piece } } } },
      }),
    ),
    event({ type: "tool-call-end", index: 0 }),
  ]
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const open = [
    event({
      id: randomUUID(),
      type: "message-start",
      delta: { message: { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] } },
    }),
  ]
  const content: StreamEvent[] = []
  if (reply.reasoning !== undefined) content.push(...contentBlock(0, "thinking", reply.reasoning.text, ctx))
  if (reply.toolCall === undefined && reply.text !== "") {
    content.push(...contentBlock(reply.reasoning === undefined ? 0 : 1, "text", reply.text, ctx))
  }
  if (reply.toolCall !== undefined) {
    content.push(
      ...splitText(reply.text, ctx.chunks).map((piece) =>
        event({ type: "tool-plan-delta", delta: { message: { tool_plan: piece } } }),
      ),
      ...toolCallEvents(reply.toolCall),
    )
  }
  const close = [
    event({ type: "message-end", delta: { finish_reason: finishReason(reply), usage: usage(reply, ctx) } }),
  ]
  return { open, content, close }
}

export const cohereVendor: Vendor = {
  format: "cohere",
  matches: (pathname) => pathname.endsWith("/v2/chat"),
  shape,
  apiKey: (headers) => bearerToken(headers),
  authorize: (request) =>
    bearerToken(request.headers) === undefined
      ? { ...cohereErrorResponse(401, "no api key supplied"), message: "the request carried no API key" }
      : undefined,
  json,
  stream,
  // Cohere has no error event: a failed generation ends the stream with finish_reason ERROR.
  streamError: (ctx) => {
    const body = streamErrorBody("cohere")
    return [event({ type: "message-end", delta: { ...(isRecord(body) ? body : {}), usage: usage({ text: "" }, ctx) } })]
  },
  headers: () => ({ "x-debug-trace-id": randomId(32).toLowerCase() }),
}
