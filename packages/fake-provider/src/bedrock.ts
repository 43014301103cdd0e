// Amazon Bedrock Converse API wire format (`POST .../model/{modelId}/converse`
// and `/converse-stream`). Like Gemini, the model and the streaming mode are in
// the URL. Streams are AWS event stream binary frames, not SSE, and every
// request must carry a valid SigV4 signature or a Bedrock API key.

import { randomUUID } from "node:crypto"
import { eventStreamFrame } from "./event-stream.ts"
import type { AwsCredentials } from "./sigv4.ts"
import { verifySigV4 } from "./sigv4.ts"
import { BEDROCK_STREAM_EXCEPTION, bedrockAuthError, streamErrorBody } from "./vendor-errors.ts"
import type {
  RawRequest,
  Refusal,
  Reply,
  ReplyContext,
  RequestShape,
  StreamEncoding,
  StreamEvent,
  StreamPlan,
  Vendor,
} from "./vendor.ts"
import { bearerToken, estimateTokens, splitText } from "./vendor.ts"

/**
 * The one key pair the fake's SigV4 check accepts; sign with it, e.g.
 * `createAmazonBedrock({ region, baseURL: fake.url, ...FAKE_AWS_CREDENTIALS })`.
 * Any other secret is refused as AWS refuses it. Not a real AWS key.
 */
export const FAKE_AWS_CREDENTIALS: AwsCredentials = {
  accessKeyId: "AKIAFAKEPROVIDER0000",
  secretAccessKey: "fakeProviderSecretAccessKey0123456789abc",
}

const ROUTE = /\/model\/([^/]+)\/(converse|converse-stream)$/
const SERVICE = "bedrock"
// Bedrock pads each event with a `p` field of a varying prefix of this, so payload sizes do not leak content.
const PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

function shape(url: URL): RequestShape {
  const match = ROUTE.exec(url.pathname)
  const model = match?.[1] === undefined ? "unknown-model" : decodeURIComponent(match[1])
  return { model, stream: match?.[2] === "converse-stream", includeUsage: false }
}

function usage(reply: Reply, ctx: ReplyContext) {
  const output = estimateTokens(
    (reply.reasoning?.text ?? "") + reply.text + JSON.stringify(reply.toolCall?.input ?? ""),
  )
  return { inputTokens: ctx.promptTokens, outputTokens: output, totalTokens: ctx.promptTokens + output }
}

function stopReason(reply: Reply): string {
  return reply.toolCall === undefined ? "end_turn" : "tool_use"
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  const content: unknown[] = []
  if (reply.reasoning !== undefined) {
    content.push({
      reasoningContent: { reasoningText: { text: reply.reasoning.text, signature: reply.reasoning.signature } },
    })
  }
  if (reply.text !== "") content.push({ text: reply.text })
  if (reply.toolCall !== undefined) {
    content.push({ toolUse: { toolUseId: reply.toolCall.id, name: reply.toolCall.name, input: reply.toolCall.input } })
  }
  return {
    metrics: { latencyMs: 42 },
    output: { message: { content, role: "assistant" } },
    stopReason: stopReason(reply),
    usage: usage(reply, ctx),
  }
}

function event(type: string, data: Record<string, unknown>): StreamEvent {
  const padding = PADDING.slice(0, 4 + (JSON.stringify(data).length % (PADDING.length - 4)))
  return { event: type, data: { ...data, p: padding } }
}

function delta(index: number, value: Record<string, unknown>): StreamEvent {
  return event("contentBlockDelta", { contentBlockIndex: index, delta: value })
}

function stop(index: number): StreamEvent {
  return event("contentBlockStop", { contentBlockIndex: index })
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  // Text and reasoning blocks open with their first delta; only a toolUse block has a contentBlockStart.
  const blocks: StreamEvent[][] = []
  const reasoning = reply.reasoning
  if (reasoning !== undefined) {
    const index = blocks.length
    blocks.push([
      ...splitText(reasoning.text, ctx.chunks).map((piece) => delta(index, { reasoningContent: { text: piece } })),
      // The signature comes whole, after the last reasoning delta.
      delta(index, { reasoningContent: { signature: reasoning.signature } }),
      stop(index),
    ])
  }
  if (reply.text !== "") {
    const index = blocks.length
    blocks.push([...splitText(reply.text, ctx.chunks).map((piece) => delta(index, { text: piece })), stop(index)])
  }
  const call = reply.toolCall
  if (call !== undefined) {
    const index = blocks.length
    blocks.push([
      event("contentBlockStart", {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: call.id, name: call.name } },
      }),
      ...splitText(JSON.stringify(call.input), 2).map((piece) => delta(index, { toolUse: { input: piece } })),
      stop(index),
    ])
  }
  return {
    open: [event("messageStart", { role: "assistant" })],
    content: blocks.flat(),
    close: [
      event("messageStop", { stopReason: stopReason(reply) }),
      event("metadata", { usage: usage(reply, ctx), metrics: { latencyMs: 42 } }),
    ],
  }
}

/** Bedrock's exception events are the only ones named `...Exception`; they travel as `:message-type` exception. */
const encoding: StreamEncoding = {
  contentType: "application/vnd.amazon.eventstream",
  frame: (frame) => {
    const type = frame.event ?? "unknown"
    const payload = Buffer.from(JSON.stringify(frame.data), "utf8")
    if (type.endsWith("Exception")) {
      return eventStreamFrame(
        { ":exception-type": type, ":content-type": "application/json", ":message-type": "exception" },
        payload,
      )
    }
    return eventStreamFrame(
      { ":event-type": type, ":content-type": "application/json", ":message-type": "event" },
      payload,
    )
  },
}

/** The access key id of a SigV4 `Authorization` header, which names the key without revealing its secret. */
function accessKeyId(headers: Record<string, string>): string | undefined {
  const match = /Credential=([^/,\s]+)\//.exec(headers["authorization"] ?? "")
  return match?.[1]
}

function authorize(request: RawRequest): Refusal | undefined {
  // Bedrock API keys are bearer tokens the fake cannot check against AWS; like the other vendors' keys, any is taken.
  const token = bearerToken(request.headers)
  if (token !== undefined) return undefined
  const result = verifySigV4(request, { service: SERVICE, credentials: [FAKE_AWS_CREDENTIALS], now: Date.now() })
  if (result.ok) return undefined
  const error = bedrockAuthError(result)
  const body = error.body as { message: string }
  return { ...error, message: body.message }
}

export const bedrockVendor: Vendor = {
  format: "bedrock",
  matches: (pathname) => ROUTE.test(pathname),
  shape,
  apiKey: (headers) => bearerToken(headers) ?? accessKeyId(headers),
  json,
  stream,
  streamError: () => [{ event: BEDROCK_STREAM_EXCEPTION, data: streamErrorBody("bedrock") }],
  encoding,
  headers: () => ({ "x-amzn-requestid": randomUUID() }),
  authorize,
}
