// Perplexity's chat completions (`POST https://api.perplexity.ai/chat/completions`), as @ai-sdk/perplexity
// 3.0.26 reads it. The path is OpenAI's, at the host's root, so on the fake the prefix must end in
// `/perplexity` (`createPerplexity({ baseURL: `${url}/perplexity` })`) to tell the two apart.
//
// It looks like OpenAI's chat completions but is not: every chunk repeats `delta.role: "assistant"` and
// carries `delta.content` as a string (the package's schema refuses a chunk without either, so the final
// chunk has an empty one), chunks carry `citations` and `search_results` (empty here: the fake searches
// nothing), there is no `[DONE]` marker, and the last chunk has the finish reason and the usage, with
// Perplexity's `search_context_size` and `cost`.
//
// Tools: Perplexity's chat API has no function calling, and @ai-sdk/perplexity never sends a request's
// tools (it drops them without a warning). The real API is not known to refuse a `tools` field, so the
// fake ignores one too, and answers a `tool_call` step with the step's text alone and finish reason
// `stop`, which is all a Perplexity model can say.
//
// Reasoning: Perplexity's reasoning models (sonar-reasoning, sonar-reasoning-pro) think inside the
// content, between `<think>` and `</think>`, and the package passes that on as text; so does the fake.

import { randomUUID } from "node:crypto"
import { errorResponse, streamErrorBody } from "./vendor-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, StreamPlan, Vendor } from "./vendor.ts"
import { bearerToken, estimateTokens, isRecord, splitText } from "./vendor.ts"

/** The route prefix the fake needs in front of Perplexity's own `/chat/completions`. */
export const PERPLEXITY_PATH = "/perplexity/chat/completions"

// Fake prices in dollars, of the order of Sonar's, so `cost` holds plausible numbers.
const INPUT_DOLLARS_PER_TOKEN = 0.000001
const OUTPUT_DOLLARS_PER_TOKEN = 0.000001
const REQUEST_DOLLARS = 0.005

function shape(_url: URL, body: unknown): RequestShape {
  const record = isRecord(body) ? body : {}
  const model = typeof record["model"] === "string" ? record["model"] : "unknown-model"
  return { model, stream: record["stream"] === true, includeUsage: false }
}

/** What the model says on the wire: its reasoning in think tags, then its text; never a tool call. */
function spoken(reply: Reply): string {
  const thought = reply.reasoning === undefined ? "" : `<think>\n${reply.reasoning.text}\n</think>\n\n`
  return thought + reply.text
}

function dollars(value: number): number {
  return Number(value.toFixed(6))
}

function usage(reply: Reply, ctx: ReplyContext) {
  const reasoning = reply.reasoning === undefined ? 0 : estimateTokens(reply.reasoning.text)
  const completion = estimateTokens(spoken(reply))
  const input = dollars(ctx.promptTokens * INPUT_DOLLARS_PER_TOKEN)
  const output = dollars(completion * OUTPUT_DOLLARS_PER_TOKEN)
  return {
    prompt_tokens: ctx.promptTokens,
    completion_tokens: completion,
    total_tokens: ctx.promptTokens + completion,
    ...(reply.reasoning === undefined ? {} : { reasoning_tokens: reasoning }),
    search_context_size: "low",
    cost: {
      input_tokens_cost: input,
      output_tokens_cost: output,
      request_cost: REQUEST_DOLLARS,
      total_cost: dollars(input + output + REQUEST_DOLLARS),
    },
  }
}

function envelope(ctx: ReplyContext, id: string, created: number, object: string) {
  return { id, model: ctx.model, created, object, citations: [], search_results: [] }
}

function json(reply: Reply, ctx: ReplyContext): unknown {
  return {
    ...envelope(ctx, randomUUID(), Math.floor(Date.now() / 1000), "chat.completion"),
    usage: usage(reply, ctx),
    choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: spoken(reply) } }],
  }
}

function stream(reply: Reply, ctx: ReplyContext): StreamPlan {
  const base = envelope(ctx, randomUUID(), Math.floor(Date.now() / 1000), "chat.completion.chunk")
  let soFar = ""
  const chunk = (piece: string, finish: string | null, extra: Record<string, unknown> = {}): StreamEvent => {
    soFar += piece
    // Each chunk also carries the message so far, as Perplexity's do; the package reads only the delta.
    const message = { role: "assistant", content: soFar }
    return {
      data: {
        ...base,
        ...extra,
        choices: [{ index: 0, finish_reason: finish, message, delta: { role: "assistant", content: piece } }],
      },
    }
  }
  const content = splitText(spoken(reply), ctx.chunks).map((piece) => chunk(piece, null))
  const close = [chunk("", "stop", { usage: usage(reply, ctx) })]
  return { open: [], content, close }
}

export const perplexityVendor: Vendor = {
  format: "perplexity",
  matches: (pathname) => pathname.endsWith(PERPLEXITY_PATH),
  shape,
  apiKey: (headers) => bearerToken(headers),
  // Perplexity's front door refuses a request without a key; it has answered with openresty's HTML
  // "401 Authorization Required" page as well as with this JSON body.
  authorize: (request) =>
    bearerToken(request.headers) === undefined
      ? { ...errorResponse("perplexity", "unauthorized"), message: "the request carried no API key" }
      : undefined,
  json,
  stream,
  // A chunk of only `{"error": ...}`: the package's chunk schema refuses it, which it reports as an error part.
  streamError: () => [{ data: streamErrorBody("perplexity") }],
}
