// The Vercel AI Gateway's language-model protocol, as @ai-sdk/gateway 3.0.191 speaks it: `POST
// {baseURL}/language-model` (baseURL https://ai-gateway.vercel.sh/v3/ai by default) with a bearer key and
// `ai-gateway-protocol-version: 0.0.1`; the model, the call's kind and the interface version travel in
// headers (`ai-language-model-id`, `ai-language-model-streaming: true|false`,
// `ai-language-model-specification-version: 3`), and the body is the AI SDK call options themselves
// (`prompt`, `tools`, `maxOutputTokens`, `providerOptions`, ...).
//
// The answer is the AI SDK's own language model result, version 3, as JSON: a non-streaming call gets
// `{content, finishReason: {unified, raw}, usage: {inputTokens: {...}, outputTokens: {...}}}`, a streaming
// one SSE whose `data:` lines are stream parts (`stream-start`, `response-metadata`, `reasoning-*`,
// `text-*`, `tool-input-*`, `tool-call`, `finish`, `error`), with no `event:` names and no `[DONE]`.
//
// The gateway relays the upstream provider's parts, so what is provider-specific follows the model id's
// prefix: reasoning carries its signature in the upstream's provider metadata (`{anthropic: {signature}}`
// for `anthropic/...`, Anthropic's field name; the prefix names the key for the others, `gateway` when
// the id has none), and an upstream failure inside a stream is an `error` part followed by a `finish`
// with reason `error`, as the upstream package emits them.

import { randomUUID } from "node:crypto"
import { gatewayErrorResponse, streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, splitText } from "./vendor.ts"

const TEXT_ID = "text-0"
const REASONING_ID = "reasoning-0"

function shape(_url: URL, _body: unknown, headers: Record<string, string>): RequestShape {
  return {
    model: headers["ai-language-model-id"] ?? "unknown-model",
    stream: headers["ai-language-model-streaming"] === "true",
    includeUsage: false,
  }
}

/** The provider-metadata key of the upstream provider the model id names (`anthropic/claude-...`). */
function upstreamKey(model: string): string {
  const slash = model.indexOf("/")
  return slash > 0 ? model.slice(0, slash) : "gateway"
}

function signed(reply: Reply, ctx: ReplyContext) {
  if (reply.reasoning === undefined) return undefined
  return { [upstreamKey(ctx.model)]: { signature: reply.reasoning.signature } }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const reasoning = reply.reasoning === undefined ? 0 : estimateTokens(reply.reasoning.text)
  const text = estimateTokens(reply.text + JSON.stringify(reply.toolCall?.input ?? ""))
  return {
    inputTokens: { total: ctx.promptTokens, noCache: ctx.promptTokens, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: text + reasoning, text, reasoning },
  }
}

function finishReason(reply: Reply) {
  return reply.toolCall === undefined ? { unified: "stop", raw: "stop" } : { unified: "tool-calls", raw: "tool_calls" }
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const content: unknown[] = []
  if (reply.reasoning !== undefined) {
    content.push({ type: "reasoning", text: reply.reasoning.text, providerMetadata: signed(reply, ctx) })
  }
  if (reply.text !== "") content.push({ type: "text", text: reply.text })
  if (reply.toolCall !== undefined) {
    const call = reply.toolCall
    content.push({ type: "tool-call", toolCallId: call.id, toolName: call.name, input: JSON.stringify(call.input) })
  }
  return { content, finishReason: finishReason(reply), usage: usage(reply, ctx) }
}

function part(data: { type: string } & Record<string, unknown>): StreamEvent {
  return { data }
}

function opening(ctx: ReplyContext): StreamEvent[] {
  return [
    part({ type: "stream-start", warnings: [] }),
    part({
      type: "response-metadata",
      id: `gen_${randomUUID().replaceAll("-", "")}`,
      modelId: ctx.model,
      timestamp: new Date().toISOString(),
    }),
  ]
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const content: StreamEvent[] = []
  if (reply.reasoning !== undefined) {
    content.push(
      part({ type: "reasoning-start", id: REASONING_ID }),
      ...splitText(reply.reasoning.text, ctx.chunks).map((delta) =>
        part({ type: "reasoning-delta", id: REASONING_ID, delta }),
      ),
      // The signature comes last, on an empty delta, as the upstream package streams it.
      part({ type: "reasoning-delta", id: REASONING_ID, delta: "", providerMetadata: signed(reply, ctx) }),
      part({ type: "reasoning-end", id: REASONING_ID }),
    )
  }
  if (reply.text !== "") {
    content.push(
      part({ type: "text-start", id: TEXT_ID }),
      ...splitText(reply.text, ctx.chunks).map((delta) => part({ type: "text-delta", id: TEXT_ID, delta })),
      part({ type: "text-end", id: TEXT_ID }),
    )
  }
  if (reply.toolCall !== undefined) {
    const call = reply.toolCall
    const input = JSON.stringify(call.input)
    content.push(
      part({ type: "tool-input-start", id: call.id, toolName: call.name }),
      ...splitText(input, 2).map((delta) => part({ type: "tool-input-delta", id: call.id, delta })),
      part({ type: "tool-input-end", id: call.id }),
      part({ type: "tool-call", toolCallId: call.id, toolName: call.name, input }),
    )
  }
  const close = [part({ type: "finish", finishReason: finishReason(reply), usage: usage(reply, ctx) })]
  return { open: opening(ctx), content, close }
}

export const gatewayVendor: Vendor = {
  format: "gateway",
  matches: (pathname) => pathname.endsWith("/language-model"),
  shape,
  apiKey: (headers) => bearerToken(headers),
  authorize: (request) =>
    bearerToken(request.headers) === undefined
      ? {
          ...gatewayErrorResponse(401, "authentication_error", "Missing authentication token."),
          message: "the request carried no API key or OIDC token",
        }
      : undefined,
  json,
  stream,
  streamError: (ctx, sent) => [
    // An error before any output still comes after the stream's opening parts.
    ...(sent.length === 0 ? opening(ctx) : []),
    part({ type: "error", error: streamErrorBody("gateway") }),
    part({ type: "finish", finishReason: { unified: "error", raw: "error" }, usage: usage({ text: "" }, ctx) }),
  ],
}
