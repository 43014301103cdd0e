// OpenAI Responses API wire format (`POST .../responses`), which the AI SDK's
// `openai` provider (and so OpenCode's `openai` provider) uses by default.
// Every streamed event is named after its `type` and carries a
// `sequence_number` counting the frames of the stream from 0.
//
// xAI's Responses API (`POST https://api.x.ai/v1/responses`, on the fake under a
// prefix ending in `/xai/v1`), which OpenCode's `xai` provider uses, streams the
// same events; @ai-sdk/xai 3.0.102's schema differs in requiring a `status` on
// reasoning items, which xAI sends and OpenAI leaves out. Its reasoning is signed
// for xAI, so neither API accepts the other's encrypted reasoning.

import { randomBytes } from "node:crypto"
import type { StreamErrorStep } from "./script.ts"
import { XAI_PREFIX } from "./openai.ts"
import { streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, isRecord, splitText } from "./vendor.ts"

type ToolCall = NonNullable<Reply["toolCall"]>
type Reasoning = NonNullable<Reply["reasoning"]>
type ItemStatus = "in_progress" | "completed"

/** The two APIs this file speaks, which differ only in the fields of reasoning items. */
type ResponsesFormat = "openai-responses" | "xai-responses"

/** Responses API ids are a type prefix and 48 hex digits: `resp_…`, `msg_…`, `fc_…`. */
function hexId(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString("hex")}`
}

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  const include = Array.isArray(record["include"]) ? record["include"] : []
  // Usage always comes with the final event; there is no include_usage switch.
  return {
    model,
    stream: record["stream"] === true,
    includeUsage: false,
    includeEncryptedReasoning: include.includes("reasoning.encrypted_content"),
    store: record["store"] !== false,
  }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const reasoning = reply.reasoning === undefined ? 0 : estimateTokens(reply.reasoning.text)
  const output = estimateTokens(reply.text + JSON.stringify(reply.toolCall?.input ?? "")) + reasoning
  return {
    input_tokens: ctx.promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: ctx.promptTokens + output,
  }
}

/** The ids one answer uses; the streamed events about an item all repeat its id. */
interface Answer {
  responseId: string
  createdAt: number
  reasoningId: string | undefined
  /** Undefined when the answer is a bare tool call, which has no message item. */
  messageId: string | undefined
  callItemId: string | undefined
}

function answerFor(reply: Reply): Answer {
  const hasMessage = reply.text !== "" || reply.toolCall === undefined
  return {
    responseId: hexId("resp"),
    createdAt: Math.floor(Date.now() / 1000),
    reasoningId: reply.reasoning === undefined ? undefined : hexId("rs"),
    messageId: hasMessage ? hexId("msg") : undefined,
    callItemId: reply.toolCall === undefined ? undefined : hexId("fc"),
  }
}

function outputText(text: string) {
  return { type: "output_text", annotations: [], logprobs: [], text }
}

function messageItem(id: string, text: string, status: ItemStatus) {
  // A message item opens empty; its text part is announced by its own events.
  const content = status === "completed" ? [outputText(text)] : []
  return { id, type: "message", status, content, role: "assistant" }
}

function summaryText(text: string) {
  return { type: "summary_text", text }
}

/** The summary is the readable part; `encrypted_content` (only when asked for) is what a stateless client sends back. */
function reasoningItem(
  format: ResponsesFormat,
  id: string,
  reasoning: Reasoning,
  status: ItemStatus,
  ctx: ReplyContext,
) {
  const summary = status === "completed" ? [summaryText(reasoning.text)] : []
  const encrypted = ctx.includeEncryptedReasoning === true ? { encrypted_content: reasoning.signature } : {}
  return { id, type: "reasoning", summary, ...encrypted, ...(format === "xai-responses" ? { status } : {}) }
}

function functionCallItem(id: string, call: ToolCall, status: ItemStatus) {
  const args = status === "completed" ? JSON.stringify(call.input) : ""
  return { id, type: "function_call", status, arguments: args, call_id: call.id, name: call.name }
}

/** The finished output items: the reasoning and the message (if any) first, then the tool call. */
function completedItems(
  format: ResponsesFormat,
  reply: Reply,
  answer: Answer,
  ctx: ReplyContext,
): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = []
  if (reply.reasoning !== undefined && answer.reasoningId !== undefined) {
    items.push(reasoningItem(format, answer.reasoningId, reply.reasoning, "completed", ctx))
  }
  if (answer.messageId !== undefined) items.push(messageItem(answer.messageId, reply.text, "completed"))
  if (reply.toolCall !== undefined && answer.callItemId !== undefined) {
    items.push(functionCallItem(answer.callItemId, reply.toolCall, "completed"))
  }
  return items
}

interface ResponseState {
  status: "in_progress" | "completed" | "failed"
  output: unknown[]
  usage: unknown
  error: unknown
}

/** The `response` object: the non-streaming body, and the payload of the lifecycle events. */
function responseObject(answer: Pick<Answer, "responseId" | "createdAt">, ctx: ReplyContext, state: ResponseState) {
  return {
    id: answer.responseId,
    object: "response",
    created_at: answer.createdAt,
    status: state.status,
    background: false,
    error: state.error,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: ctx.model,
    output: state.output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: true,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: "auto",
    top_p: 1,
    truncation: "disabled",
    usage: state.usage,
    user: null,
    metadata: {},
  }
}

/** Lets the server keep a stored answer's items, which later requests may name by `item_reference`. */
function remember(items: Record<string, unknown>[], ctx: ReplyContext): Record<string, unknown>[] {
  for (const item of items) ctx.remember?.(item)
  return items
}

function json(format: ResponsesFormat, reply: Reply, ctx: ReplyContext): unknown {
  const answer = answerFor(reply)
  return responseObject(answer, ctx, {
    status: "completed",
    output: remember(completedItems(format, reply, answer, ctx), ctx),
    usage: usage(reply, ctx),
    error: null,
  })
}

/** Numbers events in the order they are created, which is the order they are sent. */
class Sequencer {
  private next: number

  constructor(start = 0) {
    this.next = start
  }

  event(type: string, fields: Record<string, unknown>): StreamEvent {
    return { event: type, data: { type, sequence_number: this.next++, ...fields } }
  }
}

/** `response.created` and `response.in_progress`, which open every stream. */
function openFrames(seq: Sequencer, answer: Pick<Answer, "responseId" | "createdAt">, ctx: ReplyContext) {
  const response = responseObject(answer, ctx, { status: "in_progress", output: [], usage: null, error: null })
  return [seq.event("response.created", { response }), seq.event("response.in_progress", { response })]
}

function messageFrames(seq: Sequencer, id: string, outputIndex: number, text: string, ctx: ReplyContext) {
  const at = { item_id: id, output_index: outputIndex, content_index: 0 }
  return [
    seq.event("response.output_item.added", { output_index: outputIndex, item: messageItem(id, "", "in_progress") }),
    seq.event("response.content_part.added", { ...at, part: outputText("") }),
    ...splitText(text, ctx.chunks).map((delta) =>
      seq.event("response.output_text.delta", { ...at, delta, logprobs: [] }),
    ),
    seq.event("response.output_text.done", { ...at, text, logprobs: [] }),
    seq.event("response.content_part.done", { ...at, part: outputText(text) }),
    seq.event("response.output_item.done", { output_index: outputIndex, item: messageItem(id, text, "completed") }),
  ]
}

function reasoningFrames(format: ResponsesFormat, seq: Sequencer, id: string, reasoning: Reasoning, ctx: ReplyContext) {
  const at = { item_id: id, output_index: 0, summary_index: 0 }
  return [
    seq.event("response.output_item.added", {
      output_index: 0,
      item: reasoningItem(format, id, reasoning, "in_progress", ctx),
    }),
    seq.event("response.reasoning_summary_part.added", { ...at, part: summaryText("") }),
    ...splitText(reasoning.text, ctx.chunks).map((delta) =>
      seq.event("response.reasoning_summary_text.delta", { ...at, delta }),
    ),
    seq.event("response.reasoning_summary_text.done", { ...at, text: reasoning.text }),
    seq.event("response.reasoning_summary_part.done", { ...at, part: summaryText(reasoning.text) }),
    seq.event("response.output_item.done", {
      output_index: 0,
      item: reasoningItem(format, id, reasoning, "completed", ctx),
    }),
  ]
}

function functionCallFrames(seq: Sequencer, id: string, outputIndex: number, call: ToolCall) {
  const at = { item_id: id, output_index: outputIndex }
  const args = JSON.stringify(call.input)
  return [
    seq.event("response.output_item.added", {
      output_index: outputIndex,
      item: functionCallItem(id, call, "in_progress"),
    }),
    ...splitText(args, 2).map((delta) => seq.event("response.function_call_arguments.delta", { ...at, delta })),
    // The live API leaves `name` out of this event, although its reference lists it.
    seq.event("response.function_call_arguments.done", { ...at, arguments: args }),
    seq.event("response.output_item.done", {
      output_index: outputIndex,
      item: functionCallItem(id, call, "completed"),
    }),
  ]
}

function stream(format: ResponsesFormat, reply: Reply, ctx: ReplyContext): StreamPlan {
  const answer = answerFor(reply)
  const seq = new Sequencer()
  const open = openFrames(seq, answer, ctx)
  const content: StreamEvent[] = []
  // Output indexes count the items before this one: reasoning, then message, then call.
  let outputIndex = 0
  if (reply.reasoning !== undefined && answer.reasoningId !== undefined) {
    content.push(...reasoningFrames(format, seq, answer.reasoningId, reply.reasoning, ctx))
    outputIndex++
  }
  if (answer.messageId !== undefined) {
    content.push(...messageFrames(seq, answer.messageId, outputIndex, reply.text, ctx))
    outputIndex++
  }
  if (reply.toolCall !== undefined && answer.callItemId !== undefined) {
    content.push(...functionCallFrames(seq, answer.callItemId, outputIndex, reply.toolCall))
  }
  const response = responseObject(answer, ctx, {
    status: "completed",
    output: remember(completedItems(format, reply, answer, ctx), ctx),
    usage: usage(reply, ctx),
    error: null,
  })
  return { open, content, close: [seq.event("response.completed", { response })] }
}

/** The response id and creation time announced by the frames already sent, so the failure names the same response. */
function announcedResponse(sent: readonly StreamEvent[]): Pick<Answer, "responseId" | "createdAt"> | undefined {
  const first = sent[0]?.data
  const response = isRecord(first) && isRecord(first["response"]) ? first["response"] : undefined
  if (response === undefined || typeof response["id"] !== "string" || typeof response["created_at"] !== "number") {
    return undefined
  }
  return { responseId: response["id"], createdAt: response["created_at"] }
}

/**
 * A failure inside the 200 stream. When nothing was sent yet the stream still
 * opens with `response.created` and `response.in_progress`, as the real one does.
 */
function streamError(
  format: ResponsesFormat,
  ctx: ReplyContext,
  sent: readonly StreamEvent[],
  step: StreamErrorStep,
): StreamEvent[] {
  const announced = announcedResponse(sent)
  const answer = announced ?? { responseId: hexId("resp"), createdAt: Math.floor(Date.now() / 1000) }
  const seq = new Sequencer(sent.length)
  const frames = announced === undefined ? openFrames(seq, answer, ctx) : []
  if (step.responses_event === "error") {
    frames.push(seq.event("error", { error: streamErrorBody(format, "error") }))
    return frames
  }
  const error = streamErrorBody(format, "response.failed")
  const response = responseObject(answer, ctx, { status: "failed", output: [], usage: null, error })
  frames.push(seq.event("response.failed", { response }))
  return frames
}

export const responsesVendor: Vendor = {
  format: "openai-responses",
  matches: (pathname) => pathname.endsWith("/responses"),
  shape,
  // Azure OpenAI sends its key in `api-key` instead.
  apiKey: (headers) => bearerToken(headers) ?? headers["api-key"],
  json: (reply, ctx) => json("openai-responses", reply, ctx),
  stream: (reply, ctx) => stream("openai-responses", reply, ctx),
  streamError: (ctx, sent, step) => streamError("openai-responses", ctx, sent, step),
}

export const xaiResponsesVendor: Vendor = {
  format: "xai-responses",
  matches: (pathname) => pathname.endsWith(`${XAI_PREFIX}/responses`),
  shape,
  apiKey: (headers) => bearerToken(headers),
  json: (reply, ctx) => json("xai-responses", reply, ctx),
  stream: (reply, ctx) => stream("xai-responses", reply, ctx),
  streamError: (ctx, sent, step) => streamError("xai-responses", ctx, sent, step),
}
