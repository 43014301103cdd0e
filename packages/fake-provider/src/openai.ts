// OpenAI chat completions wire format (`POST .../chat/completions`), also the
// format of every "OpenAI-compatible" provider.

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

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
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
    const call = reply.toolCall
    content.push(
      chunk(
        { tool_calls: [{ index: 0, id: call.id, type: "function", function: { name: call.name, arguments: "" } }] },
        null,
      ),
    )
    for (const piece of splitText(JSON.stringify(call.input), 2)) {
      content.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null))
    }
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
  stream,
  streamError: () => [{ data: streamErrorBody("openai") }],
}
