// Anthropic Messages API wire format (`POST .../messages`).

import { streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, isRecord, randomId, splitText } from "./vendor.ts"

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  return { model, stream: record["stream"] === true, includeUsage: false }
}

function outputTokens(reply: Reply): number {
  return estimateTokens(reply.text + JSON.stringify(reply.toolCall?.input ?? ""))
}

function stopReason(reply: Reply): string {
  return reply.toolCall === undefined ? "end_turn" : "tool_use"
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const content: unknown[] = []
  if (reply.text !== "") content.push({ type: "text", text: reply.text })
  if (reply.toolCall !== undefined) {
    content.push({ type: "tool_use", id: reply.toolCall.id, name: reply.toolCall.name, input: reply.toolCall.input })
  }
  return {
    id: `msg_01${randomId(22)}`,
    type: "message",
    role: "assistant",
    model: ctx.model,
    content,
    stop_reason: stopReason(reply),
    stop_sequence: null,
    usage: {
      input_tokens: ctx.promptTokens,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: outputTokens(reply),
      service_tier: "standard",
    },
  }
}

/** Anthropic names every SSE event after the `type` of its payload. */
function event(data: { type: string } & Record<string, unknown>): StreamEvent {
  return { event: data.type, data }
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const open = [
    event({
      type: "message_start",
      message: {
        id: `msg_01${randomId(22)}`,
        type: "message",
        role: "assistant",
        model: ctx.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: {
          input_tokens: ctx.promptTokens,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 0,
          output_tokens: 1,
          service_tier: "standard",
        },
      },
    }),
  ]

  const content: StreamEvent[] = []
  if (reply.text !== "") {
    content.push(event({ type: "content_block_start", index: 0, content_block: { type: "text", text: "" } }))
    // The real API sends its first ping right after the first block opens.
    content.push(event({ type: "ping" }))
    for (const piece of splitText(reply.text, ctx.chunks)) {
      content.push(event({ type: "content_block_delta", index: 0, delta: { type: "text_delta", text: piece } }))
    }
    content.push(event({ type: "content_block_stop", index: 0 }))
  }
  if (reply.toolCall !== undefined) {
    const call = reply.toolCall
    // Blocks are numbered in order: the tool block follows the text block when there is one.
    const index = reply.text === "" ? 0 : 1
    content.push(
      event({
        type: "content_block_start",
        index,
        content_block: { type: "tool_use", id: call.id, name: call.name, input: {} },
      }),
    )
    if (index === 0) content.push(event({ type: "ping" }))
    // The first input delta is empty in real streams; clients must cope with it.
    const pieces = ["", ...splitText(JSON.stringify(call.input), 2)]
    for (const piece of pieces) {
      content.push(
        event({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } }),
      )
    }
    content.push(event({ type: "content_block_stop", index }))
  }

  const close = [
    event({
      type: "message_delta",
      delta: { stop_reason: stopReason(reply), stop_sequence: null },
      usage: { output_tokens: outputTokens(reply) },
    }),
    event({ type: "message_stop" }),
  ]
  return { open, content, close }
}

export const anthropicVendor: Vendor = {
  format: "anthropic",
  matches: (pathname) => pathname.endsWith("/messages"),
  shape,
  // API keys travel in x-api-key; OAuth tokens (Claude subscriptions) as a bearer.
  apiKey: (headers) => headers["x-api-key"] ?? bearerToken(headers),
  json,
  stream,
  streamError: () => [{ event: "error", data: streamErrorBody("anthropic") }],
}
