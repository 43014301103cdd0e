// Perplexity chat completions rules for strict mode. The message quotes the real API's 400, as users have
// reported it for conversations whose roles do not alternate.

import type { Rule, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

const ALTERNATING_MESSAGE = "After the (optional) system message(s), user and assistant roles should be alternating."

/**
 * Reported API error: system messages may only open the conversation, and after them no two messages in a
 * row have the same role (two user turns in a row are refused, as is a system message between turns).
 */
export function rolesAlternate(body: Record<string, unknown>): Violation | undefined {
  const roles = records(body["messages"]).map((message) => message?.["role"])
  const firstTurn = roles.findIndex((role) => role !== "system")
  if (firstTurn === -1) return undefined
  const turns = roles.slice(firstTurn)
  const broken = turns.some((role, index) => role === "system" || (index > 0 && role === turns[index - 1]))
  return broken ? { message: ALTERNATING_MESSAGE, type: "invalid_message" } : undefined
}

export const perplexityRules: readonly Rule[] = [rolesAlternate]
