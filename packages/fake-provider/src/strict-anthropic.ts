// Anthropic Messages request rules for strict mode. Messages quote the real
// API's errors, backticks included, as users have reported them.

import type { Rule, StrictContext, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

type Block = Record<string, unknown>

interface Message {
  role: unknown
  blocks: Block[]
}

const TOOL_ID = /^[a-zA-Z0-9_-]+$/
const THINKING_TYPES = new Set(["enabled", "adaptive"])
const THINKING_BLOCKS = new Set(["thinking", "redacted_thinking"])

/** Messages with their content as blocks: a string content is one text block. */
function messages(body: Record<string, unknown>): Message[] {
  return records(body["messages"]).map((message) => {
    const content = message?.["content"]
    if (typeof content === "string") return { role: message?.["role"], blocks: [{ type: "text", text: content }] }
    return { role: message?.["role"], blocks: records(content).map((block) => block ?? {}) }
  })
}

function toolUseIds(message: Message | undefined): string[] {
  if (message?.role !== "assistant") return []
  return message.blocks.filter((block) => block["type"] === "tool_use").map((block) => String(block["id"]))
}

function isToolResult(block: Block): boolean {
  return block["type"] === "tool_result"
}

/** API reference: `max_tokens` is required (the error names the field pydantic-style). */
export function maxTokensRequired(body: Record<string, unknown>): Violation | undefined {
  if (body["max_tokens"] !== undefined) return undefined
  return { message: "max_tokens: Field required" }
}

/**
 * API reference: tool_use ids match `^[a-zA-Z0-9_-]+$`. Users replaying Kimi's
 * `functions.bash:0` ids to Claude reported this exact message.
 */
export function toolIdsMatchPattern(body: Record<string, unknown>): Violation | undefined {
  for (const [n, message] of messages(body).entries()) {
    for (const [m, block] of message.blocks.entries()) {
      const field = block["type"] === "tool_use" ? "id" : isToolResult(block) ? "tool_use_id" : undefined
      if (field === undefined) continue
      if (TOOL_ID.test(String(block[field]))) continue
      return {
        message: `messages.${n}.content.${m}.${String(block["type"])}.${field}: String should match pattern '^[a-zA-Z0-9_-]+$'`,
      }
    }
  }
  return undefined
}

/** Reported API error: an empty text block (often left by a stream that produced no text) is refused. */
export function textBlocksNonEmpty(body: Record<string, unknown>): Violation | undefined {
  const empty = messages(body).some((message, n, all) =>
    message.blocks.some(
      // Only a final assistant message (a prefill) may be an empty string.
      (block) =>
        block["type"] === "text" && block["text"] === "" && !(n === all.length - 1 && message.role === "assistant"),
    ),
  )
  return empty ? { message: "messages: text content blocks must be non-empty" } : undefined
}

/** Tool use docs and reported error: every tool_result answers a tool_use of the message right before it. */
export function toolResultsAnswerToolUse(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  for (const [n, message] of all.entries()) {
    const known = new Set(toolUseIds(all[n - 1]))
    for (const [m, block] of message.blocks.entries()) {
      if (!isToolResult(block) || known.has(String(block["tool_use_id"]))) continue
      return {
        message: `messages.${n}.content.${m}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block["tool_use_id"])}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
      }
    }
  }
  return undefined
}

/** Tool use docs and reported error: a tool_use is answered by a tool_result in the very next message. */
export function toolUseAnswered(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  for (const [n, message] of all.entries()) {
    const next = all[n + 1]
    // The last message may be the assistant's own, still waiting for results.
    if (next === undefined) continue
    const answered = new Set(next.blocks.filter(isToolResult).map((block) => String(block["tool_use_id"])))
    const missing = toolUseIds(message).filter((id) => !answered.has(id))
    if (missing.length === 0) continue
    return {
      message: `messages.${n}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
    }
  }
  return undefined
}

/**
 * Extended thinking docs ("preserving thinking blocks" during tool use) and
 * the reported error: with thinking on, the assistant message of the tool
 * loop in progress (the one before the final tool results) starts with its
 * thinking block. A fallback that replays another vendor's tool call breaks this.
 */
export function thinkingOpensToolTurn(body: Record<string, unknown>): Violation | undefined {
  const thinking = body["thinking"]
  if (typeof thinking !== "object" || thinking === null) return undefined
  if (!THINKING_TYPES.has(String((thinking as Record<string, unknown>)["type"]))) return undefined
  const all = messages(body)
  const last = all.at(-1)
  const n = all.length - 2
  const assistant = all[n]
  if (last?.role !== "user" || !last.blocks.some(isToolResult) || toolUseIds(assistant).length === 0) return undefined
  const first = String(assistant?.blocks[0]?.["type"])
  if (THINKING_BLOCKS.has(first)) return undefined
  return {
    message: `messages.${n}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${first}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable \`thinking\`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking`,
  }
}

/**
 * Extended thinking docs: thinking blocks are signed and must come back
 * unmodified. A missing signature is a schema error; a changed, forged or
 * other-model one is the reported "Invalid `signature`" error.
 */
export function thinkingSignaturesValid(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  for (const [n, message] of messages(body).entries()) {
    for (const [m, block] of message.blocks.entries()) {
      if (block["type"] !== "thinking") continue
      const signature = block["signature"]
      if (typeof signature !== "string")
        return { message: `messages.${n}.content.${m}.thinking.signature: Field required` }
      if (ctx.signer.verify("anthropic", ctx.model, signature, String(block["thinking"]))) continue
      return { message: `messages.${n}.content.${m}: Invalid \`signature\` in \`thinking\` block` }
    }
  }
  return undefined
}

/** In the order the API reports them: schema errors first, then the conversation's structure. */
export const anthropicRules: readonly Rule[] = [
  maxTokensRequired,
  toolIdsMatchPattern,
  textBlocksNonEmpty,
  toolResultsAnswerToolUse,
  toolUseAnswered,
  thinkingOpensToolTurn,
  thinkingSignaturesValid,
]
