// Amazon Bedrock Converse request rules for strict mode. Messages quote the
// real API's ValidationException messages as users have reported them; the
// integer wording of maxTokensPositive is ours.

import type { Rule, StrictContext, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

type Block = Record<string, unknown>

interface Message {
  role: unknown
  blocks: Block[]
}

function messages(body: Record<string, unknown>): Message[] {
  return records(body["messages"]).map((message) => ({
    role: message?.["role"],
    blocks: records(message?.["content"]).map((block) => block ?? {}),
  }))
}

function field(block: Block, name: string): Record<string, unknown> | undefined {
  const value = block[name]
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function toolUseIds(message: Message | undefined): string[] {
  if (message?.role !== "assistant") return []
  return message.blocks.flatMap((block) => {
    const use = field(block, "toolUse")
    return use === undefined ? [] : [String(use["toolUseId"])]
  })
}

function toolResultIds(message: Message): string[] {
  return message.blocks.flatMap((block) => {
    const result = field(block, "toolResult")
    return result === undefined ? [] : [String(result["toolUseId"])]
  })
}

/** API reference: `inferenceConfig.maxTokens` has a minimum of 1 (AWS's generic constraint message). */
export function maxTokensPositive(body: Record<string, unknown>): Violation | undefined {
  const config = body["inferenceConfig"]
  if (typeof config !== "object" || config === null) return undefined
  const value = (config as Record<string, unknown>)["maxTokens"]
  if (value === undefined) return undefined
  const prefix = `1 validation error detected: Value '${String(value)}' at 'inferenceConfig.maxTokens' failed to satisfy constraint:`
  if (typeof value !== "number" || !Number.isInteger(value)) return { message: `${prefix} Member must be an integer` }
  if (value >= 1) return undefined
  return { message: `${prefix} Member must have value greater than or equal to 1` }
}

/** Reported API error: the first message is the user's. */
export function startsWithUser(body: Record<string, unknown>): Violation | undefined {
  const first = messages(body)[0]
  if (first === undefined || first.role === "user") return undefined
  return {
    message:
      "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
  }
}

/** Reported API error: two messages in a row never share a role. */
export function rolesAlternate(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  const repeated = all.some((message, i) => i > 0 && message.role === all[i - 1]?.role)
  if (!repeated) return undefined
  return {
    message:
      "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
  }
}

/** Reported API error: a text block must not be blank (a stream that produced no text often leaves one). */
export function textBlocksNonBlank(body: Record<string, unknown>): Violation | undefined {
  for (const [n, message] of messages(body).entries()) {
    for (const [m, block] of message.blocks.entries()) {
      if (!("text" in block) || String(block["text"]).trim() !== "") continue
      return {
        message: `The text field in the ContentBlock object at messages.${n}.content.${m} is blank. Add text to the text field, and try again.`,
      }
    }
  }
  return undefined
}

/**
 * Tool use docs and reported errors: a user message with toolResult blocks
 * answers the toolUse blocks of the assistant message just before it, and the
 * message after an assistant's toolUse answers every one of its ids.
 */
export function toolResultsAnswerToolUse(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  for (const [n, message] of all.entries()) {
    const results = toolResultIds(message)
    const uses = toolUseIds(all[n - 1])
    if (results.length > uses.length) {
      return {
        message: `The number of toolResult blocks at messages.${n}.content exceeds the number of toolUse blocks of previous turn.`,
      }
    }
    if (uses.length === 0) continue
    const missing = uses.filter((id) => !results.includes(id))
    if (missing.length === 0) continue
    const found = results.length === 0 ? "" : `, but found: ${results.join(", ")}`
    return {
      message: `Expected toolResult blocks at messages.${n}.content for the following Ids: ${missing.join(", ")}${found}`,
    }
  }
  return undefined
}

/**
 * Extended thinking docs: reasoning replayed to Claude keeps the signature it
 * came with; Bedrock relays the model's refusal in its own words.
 */
export function reasoningSignaturesValid(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  for (const [n, message] of messages(body).entries()) {
    if (message.role !== "assistant") continue
    for (const [m, block] of message.blocks.entries()) {
      const reasoning = field(block, "reasoningContent")
      const text = reasoning === undefined ? undefined : field(reasoning, "reasoningText")
      if (text === undefined) continue
      const signature = text["signature"]
      if (typeof signature === "string" && ctx.signer.verify("bedrock", ctx.model, signature, String(text["text"]))) {
        continue
      }
      return {
        message: `The model returned the following errors: messages.${n}.content.${m}: Invalid \`signature\` in \`thinking\` block`,
      }
    }
  }
  return undefined
}

/** Schema constraints before the conversation's structure, as Bedrock checks them. */
export const bedrockRules: readonly Rule[] = [
  maxTokensPositive,
  startsWithUser,
  rolesAlternate,
  textBlocksNonBlank,
  toolResultsAnswerToolUse,
  reasoningSignaturesValid,
]
