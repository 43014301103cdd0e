// OpenAI chat completions wire format (`POST .../chat/completions`), also the
// format of every "OpenAI-compatible" provider, and xAI's chat completions
// (`POST https://api.x.ai/v1/chat/completions`, on the fake under a prefix ending
// in `/xai/v1`), which differ in one thing @ai-sdk/xai 3.0.102 depends on: a tool
// call streams whole, its id, type, name and complete arguments in one delta
// (the package's chunk schema requires all of them on every tool call delta and
// emits the call at once), where OpenAI sends the id and name first and then
// the arguments in pieces.

import { streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, DONE_MARKER, estimateTokens, isRecord, randomId, splitText } from "./vendor.ts"

// Real responses carry a fingerprint; clients ignore it but some log it.
const SYSTEM_FINGERPRINT = "fp_fakeprov01"

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  const streamOptions = isRecord(record["stream_options"]) ? record["stream_options"] : {}
  return {
    model,
    stream: record["stream"] === true,
    includeUsage: streamOptions["include_usage"] === true,
  }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const reasoning = reply.reasoning === undefined ? 0 : estimateTokens(reply.reasoning.text)
  const completion = estimateTokens(reply.text + JSON.stringify(reply.toolCall?.input ?? "")) + reasoning
  return {
    prompt_tokens: ctx.promptTokens,
    completion_tokens: completion,
    total_tokens: ctx.promptTokens + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  }
}

function finishReason(reply: Reply): string {
  return reply.toolCall === undefined ? "stop" : "tool_calls"
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const message: Record<string, unknown> = {
    role: "assistant",
    content: reply.text === "" && reply.toolCall !== undefined ? null : reply.text,
    // OpenAI itself never returns its reasoning; the compatible hosts that think (DeepSeek, Kimi, Qwen) use this field.
    ...(reply.reasoning === undefined ? {} : { reasoning_content: reply.reasoning.text }),
    refusal: null,
    annotations: [],
  }
  if (reply.toolCall !== undefined) {
    message["tool_calls"] = [
      {
        id: reply.toolCall.id,
        type: "function",
        function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.input) },
      },
    ]
  }
  return {
    id: `chatcmpl-${randomId(29)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: ctx.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason(reply) }],
    usage: usage(reply, ctx),
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
}

/** How a host streams a tool call: OpenAI's opening delta and argument pieces, or xAI's one whole delta. */
type ToolCallStreaming = "pieces" | "whole"

function toolCallChunks(call: NonNullable<Reply["toolCall"]>, streaming: ToolCallStreaming) {
  const args = JSON.stringify(call.input)
  const opening = { index: 0, id: call.id, type: "function" }
  if (streaming === "whole") return [{ tool_calls: [{ ...opening, function: { name: call.name, arguments: args } }] }]
  return [
    { tool_calls: [{ ...opening, function: { name: call.name, arguments: "" } }] },
    ...splitText(args, 2).map((piece) => ({ tool_calls: [{ index: 0, function: { arguments: piece } }] })),
  ]
}

function streamWith(reply: Reply, ctx: ReplyContext, toolCalls: ToolCallStreaming): StreamPlan {
  const id = `chatcmpl-${randomId(29)}`
  const created = Math.floor(Date.now() / 1000)
  // With include_usage the real API sets `usage: null` on every chunk but the last.
  const usageField = ctx.includeUsage ? { usage: null } : {}
  const envelope = {
    id,
    object: "chat.completion.chunk",
    created,
    model: ctx.model,
    service_tier: "default",
    system_fingerprint: SYSTEM_FINGERPRINT,
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null): StreamEvent => ({
    data: { ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...usageField },
  })

  const open = [chunk({ role: "assistant", content: "", refusal: null }, null)]
  const content = splitText(reply.reasoning?.text ?? "", ctx.chunks).map((piece) =>
    chunk({ reasoning_content: piece }, null),
  )
  content.push(...splitText(reply.text, ctx.chunks).map((piece) => chunk({ content: piece }, null)))
  if (reply.toolCall !== undefined) {
    content.push(...toolCallChunks(reply.toolCall, toolCalls).map((delta) => chunk(delta, null)))
  }

  const close = [chunk({}, finishReason(reply))]
  if (ctx.includeUsage) {
    close.push({
      data: { ...envelope, choices: [], usage: usage(reply, ctx) },
    })
  }
  close.push({ data: DONE_MARKER })
  return { open, content, close }
}

export const openaiVendor: Vendor = {
  format: "openai",
  matches: (pathname) => pathname.endsWith("/chat/completions"),
  shape,
  // Azure OpenAI sends its key in `api-key` instead.
  apiKey: (headers) => bearerToken(headers) ?? headers["api-key"],
  json,
  stream: (reply, ctx) => streamWith(reply, ctx, "pieces"),
  streamError: () => [{ data: streamErrorBody("openai") }],
}

/** The route prefix the fake needs in front of xAI's own `/v1/chat/completions` and `/v1/responses`. */
export const XAI_PREFIX = "/xai/v1"

export const xaiVendor: Vendor = {
  format: "xai",
  matches: (pathname) => pathname.endsWith(`${XAI_PREFIX}/chat/completions`),
  shape,
  apiKey: (headers) => bearerToken(headers),
  json,
  stream: (reply, ctx) => streamWith(reply, ctx, "whole"),
  streamError: () => [{ data: streamErrorBody("xai") }],
}
