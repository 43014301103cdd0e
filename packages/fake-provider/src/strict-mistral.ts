// Mistral chat completions request rules for strict mode. Messages, types and codes quote the real API's 400s
// as users have reported them; both rules are why OpenCode rewrites a conversation for Mistral models.

import type { Rule, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

const TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/

function invalidId(id: string): Violation {
  return {
    message: `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`,
    type: "invalid_function_call",
    code: "3280",
  }
}

/** Reported API error: every tool call id, in an assistant's calls and in tool messages, is nine letters and digits. */
export function toolCallIdsValid(body: Record<string, unknown>): Violation | undefined {
  for (const message of records(body["messages"])) {
    for (const call of records(message?.["tool_calls"])) {
      const id = String(call?.["id"] ?? "")
      if (!TOOL_CALL_ID.test(id)) return invalidId(id)
    }
    const answered = message?.["tool_call_id"]
    if (message?.["role"] === "tool" && !TOOL_CALL_ID.test(String(answered ?? ""))) return invalidId(String(answered))
  }
  return undefined
}

/** Reported API error: a user message may not follow a tool message; the assistant speaks in between. */
export function noUserAfterTool(body: Record<string, unknown>): Violation | undefined {
  const roles = records(body["messages"]).map((message) => message?.["role"])
  const broken = roles.some((role, index) => role === "user" && roles[index - 1] === "tool")
  if (!broken) return undefined
  return {
    message: "Unexpected role 'user' after role 'tool'",
    type: "invalid_request_message_order",
    code: "3230",
  }
}

export const mistralRules: readonly Rule[] = [toolCallIdsValid, noUserAfterTool]
