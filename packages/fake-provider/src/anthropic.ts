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
  return estimateTokens((reply.reasoning?.text ?? "") + reply.text + JSON.stringify(reply.toolCall?.input ?? ""))
}

function stopReason(reply: Reply): string {
  return reply.toolCall === undefined ? "end_turn" : "tool_use"
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const content: unknown[] = []
  if (reply.reasoning !== undefined) {
    content.push({ type: "thinking", thinking: reply.reasoning.text, signature: reply.reasoning.signature })
  }
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

function thinkingBlock(index: number, reasoning: NonNullable<Reply["reasoning"]>, ctx: ReplyContext): StreamEvent[] {
  return [
    event({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "", signature: "" } }),
    ...splitText(reasoning.text, ctx.chunks).map((piece) =>
      event({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: piece } }),
    ),
    // The signature arrives whole, after the last thinking delta and before the block closes.
    event({ type: "content_block_delta", index, delta: { type: "signature_delta", signature: reasoning.signature } }),
    event({ type: "content_block_stop", index }),
  ]
}

function textBlock(index: number, text: string, ctx: ReplyContext): StreamEvent[] {
  return [
    event({ type: "content_block_start", index, content_block: { type: "text", text: "" } }),
    ...splitText(text, ctx.chunks).map((piece) =>
      event({ type: "content_block_delta", index, delta: { type: "text_delta", text: piece } }),
    ),
    event({ type: "content_block_stop", index }),
  ]
}

function toolBlock(index: number, call: NonNullable<Reply["toolCall"]>): StreamEvent[] {
  // The first input delta is empty in real streams; clients must cope with it.
  const pieces = ["", ...splitText(JSON.stringify(call.input), 2)]
  return [
    event({
      type: "content_block_start",
      index,
      content_block: { type: "tool_use", id: call.id, name: call.name, input: {} },
    }),
    ...pieces.map((piece) =>
      event({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: piece } }),
    ),
    event({ type: "content_block_stop", index }),
  ]
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

  // Blocks are numbered in order: thinking, then text, then the tool call, each present or not.
  const blocks: StreamEvent[][] = []
  if (reply.reasoning !== undefined) blocks.push(thinkingBlock(blocks.length, reply.reasoning, ctx))
  if (reply.text !== "") blocks.push(textBlock(blocks.length, reply.text, ctx))
  if (reply.toolCall !== undefined) blocks.push(toolBlock(blocks.length, reply.toolCall))
  // The real API sends its first ping right after the first block opens.
  const content = blocks.flatMap((frames, index) =>
    index === 0 ? [...frames.slice(0, 1), event({ type: "ping" }), ...frames.slice(1)] : frames,
  )

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
