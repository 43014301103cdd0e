// OpenAI chat completions request rules for strict mode. Messages quote the
// real API's errors as users have reported them (the "preceeding" typo is
// OpenAI's own).

import type { Rule, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

type Message = Record<string, unknown>

const MAX_TOOL_CALL_ID = 40

function messages(body: Record<string, unknown>): Message[] {
  return records(body["messages"]).map((message) => message ?? {})
}

function callIds(message: Message | undefined): string[] {
  if (message?.["role"] !== "assistant") return []
  return records(message["tool_calls"]).map((call) => String(call?.["id"]))
}

function tooLong(where: string, id: string): Violation {
  return {
    message: `Invalid '${where}': string too long. Expected a string with maximum length ${MAX_TOOL_CALL_ID}, but got a string with length ${id.length} instead.`,
    param: where,
    code: "string_above_max_length",
  }
}

/** Reported API error: tool call ids are at most 40 characters, in the assistant's calls and in tool messages. */
export function toolCallIdsShort(body: Record<string, unknown>): Violation | undefined {
  for (const [i, message] of messages(body).entries()) {
    for (const [j, call] of records(message["tool_calls"]).entries()) {
      const id = String(call?.["id"] ?? "")
      if (id.length > MAX_TOOL_CALL_ID) return tooLong(`messages[${i}].tool_calls[${j}].id`, id)
    }
    const answered = message["tool_call_id"]
    if (typeof answered === "string" && answered.length > MAX_TOOL_CALL_ID) {
      return tooLong(`messages[${i}].tool_call_id`, answered)
    }
  }
  return undefined
}

/**
 * Function calling guide and reported errors: a tool message follows (maybe
 * after sibling tool messages) an assistant message whose tool_calls hold its id.
 */
export function toolMessagesAnswerCalls(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  for (const [i, message] of all.entries()) {
    if (message["role"] !== "tool") continue
    const owner = all.slice(0, i).findLast((earlier) => earlier["role"] !== "tool")
    const ids = callIds(owner)
    if (ids.length === 0) {
      return {
        message:
          "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
        param: `messages.[${i}].role`,
      }
    }
    const id = String(message["tool_call_id"])
    if (ids.includes(id)) continue
    return {
      message: `Invalid parameter: 'tool_call_id' of '${id}' not found in 'tool_calls' of previous message.`,
      param: `messages.[${i}].tool_call_id`,
    }
  }
  return undefined
}

/** Reported API error: each tool call is answered by a tool message before the conversation moves on. */
export function toolCallsAnswered(body: Record<string, unknown>): Violation | undefined {
  const all = messages(body)
  for (const [i, message] of all.entries()) {
    const ids = callIds(message)
    const rest = all.slice(i + 1)
    // A conversation that ends with the calls is still waiting for their results.
    if (ids.length === 0 || rest.length === 0) continue
    const end = rest.findIndex((later) => later["role"] !== "tool")
    const replies = end === -1 ? rest : rest.slice(0, end)
    const answered = new Set(replies.map((reply) => String(reply["tool_call_id"])))
    const missing = ids.filter((id) => !answered.has(id))
    if (missing.length === 0) continue
    return {
      message: `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${missing.join(", ")}`,
      param: `messages.[${i}].role`,
    }
  }
  return undefined
}

/** Schema errors (lengths) before the conversation's structure. */
export const openaiRules: readonly Rule[] = [toolCallIdsShort, toolMessagesAnswerCalls, toolCallsAnswered]
