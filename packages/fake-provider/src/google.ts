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
  return {
    promptTokenCount: ctx.promptTokens,
    candidatesTokenCount: candidates,
    totalTokenCount: ctx.promptTokens + candidates,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: ctx.promptTokens }],
  }
}

function parts(reply: Reply): unknown[] {
  const result: unknown[] = []
  if (reply.text !== "") result.push({ text: reply.text })
  if (reply.toolCall !== undefined) {
    result.push({ functionCall: { name: reply.toolCall.name, args: reply.toolCall.input } })
  }
  return result
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  return {
    candidates: [
      // Gemini reports STOP for function calls too; clients infer tool use from the parts.
      { content: { parts: parts(reply), role: "model" }, finishReason: "STOP", index: 0 },
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

  const content = splitText(reply.text, ctx.chunks).map((piece) => chunk([{ text: piece }]))
  // Gemini never streams function-call arguments piecemeal: the call arrives whole.
  if (reply.toolCall !== undefined) {
    content.push(chunk([{ functionCall: { name: reply.toolCall.name, args: reply.toolCall.input } }]))
  }
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
