// Gemini API wire format (`POST .../models/{model}:generateContent` and
// `:streamGenerateContent`). Unlike the others, the model and the streaming
// mode are part of the URL, not the body.

import { streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, randomId, splitText } from "./vendor.ts"

const ROUTE = /\/([^/]+):(generateContent|streamGenerateContent)$/

function shape(url: URL): RequestShape {
  const match = ROUTE.exec(url.pathname)
  const model = match?.[1] === undefined ? "unknown-model" : decodeURIComponent(match[1])
  return { model, stream: match?.[2] === "streamGenerateContent", includeUsage: false }
}

function usageMetadata(reply: Reply, ctx: ReplyContext) {
  const candidates = estimateTokens(reply.text + JSON.stringify(reply.toolCall?.input ?? ""))
  const thoughts = reply.reasoning === undefined ? 0 : estimateTokens(reply.reasoning.text)
  return {
    promptTokenCount: ctx.promptTokens,
    candidatesTokenCount: candidates,
    ...(thoughts === 0 ? {} : { thoughtsTokenCount: thoughts }),
    totalTokenCount: ctx.promptTokens + candidates + thoughts,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: ctx.promptTokens }],
  }
}

/**
 * The answer's parts, in streaming order: the thought, then the text, then the
 * call. Gemini 2.5 and 3 put the thought's signature on the first part after
 * it, which for a tool call is the functionCall part.
 */
function answerParts(reply: Reply, ctx: ReplyContext, streamed: boolean): Record<string, unknown>[] {
  const result: Record<string, unknown>[] = []
  const texts = streamed ? splitText(reply.text, ctx.chunks) : reply.text === "" ? [] : [reply.text]
  if (reply.reasoning !== undefined) {
    const thoughts = streamed ? splitText(reply.reasoning.text, ctx.chunks) : [reply.reasoning.text]
    result.push(...thoughts.map((text) => ({ text, thought: true })))
  }
  const signedFrom = result.length
  result.push(...texts.map((text) => ({ text })))
  if (reply.toolCall !== undefined) {
    result.push({ functionCall: { name: reply.toolCall.name, args: reply.toolCall.input } })
  }
  if (reply.reasoning === undefined) return result
  // A thought with nothing after it still needs somewhere to carry its signature.
  if (result.length === signedFrom) result.push({ text: "" })
  result[signedFrom] = { ...result[signedFrom], thoughtSignature: reply.reasoning.signature }
  return result
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  return {
    candidates: [
      // Gemini reports STOP for function calls too; clients infer tool use from the parts.
      { content: { parts: answerParts(reply, ctx, false), role: "model" }, finishReason: "STOP", index: 0 },
    ],
    usageMetadata: usageMetadata(reply, ctx),
    modelVersion: ctx.model,
    responseId: randomId(22),
  }
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const responseId = randomId(22)
  // Intermediate chunks report only the prompt so far; the last one carries the totals.
  const runningUsage = { promptTokenCount: ctx.promptTokens, totalTokenCount: ctx.promptTokens }
  const chunk = (chunkParts: unknown[], finishReason?: string): StreamEvent => ({
    data: {
      candidates: [
        {
          content: { parts: chunkParts, role: "model" },
          ...(finishReason === undefined ? {} : { finishReason }),
          index: 0,
        },
      ],
      usageMetadata: finishReason === undefined ? runningUsage : usageMetadata(reply, ctx),
      modelVersion: ctx.model,
      responseId,
    },
  })

  // One part per chunk; Gemini never streams function-call arguments piecemeal, the call arrives whole.
  const content = answerParts(reply, ctx, true).map((part) => chunk([part]))
  return { open: [], content, close: [chunk([{ text: "" }], "STOP")] }
}

export const googleVendor: Vendor = {
  format: "google",
  matches: (pathname) => ROUTE.test(pathname),
  shape,
  // The SDK sends x-goog-api-key; curl users and older clients use ?key=.
  apiKey: (headers, url) => headers["x-goog-api-key"] ?? url.searchParams.get("key") ?? bearerToken(headers),
  json,
  stream,
  streamError: () => [{ data: streamErrorBody("google") }],
}
