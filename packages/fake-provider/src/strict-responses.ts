// OpenAI Responses request rules for strict mode. `input` may name stored
// items by `item_reference`; the fake resolves those against the answers it
// stored (requests without `store: false`), as the real API does.

import type { Rule, StrictContext, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

type Item = Record<string, unknown>

/** The input items with references replaced by the stored items (unknown ones stay references). */
function inputItems(body: Record<string, unknown>, ctx: StrictContext): Item[] {
  return records(body["input"]).map((item) => {
    if (item?.["type"] !== "item_reference") return item ?? {}
    return ctx.items.get(String(item["id"])) ?? item
  })
}

/**
 * Conversation state docs (items persist only with `store`) and the reported
 * 404 of a stateless client that sent a reference instead of the item.
 */
export function referencesResolve(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  const missing = inputItems(body, ctx).find((item) => item["type"] === "item_reference")
  if (missing === undefined) return undefined
  return {
    status: 404,
    message: `Item with id '${String(missing["id"])}' not found. Items are not persisted when \`store\` is set to false. Try again with \`store\` set to true, or remove this item from your input.`,
    param: "input",
  }
}

/** Function calling docs and reported error: each function_call_output answers an earlier function_call. */
export function outputsAnswerCalls(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  const calls = new Set<string>()
  for (const item of inputItems(body, ctx)) {
    if (item["type"] === "function_call") calls.add(String(item["call_id"]))
    if (item["type"] !== "function_call_output" || calls.has(String(item["call_id"]))) continue
    return {
      message: `No tool call found for function call output with call_id ${String(item["call_id"])}.`,
      param: "input",
    }
  }
  return undefined
}

/**
 * Reasoning docs (stateless use replays `encrypted_content`) and the reported
 * error when it comes from another organisation or model: only content this
 * server encrypted for this model, on this API (OpenAI's or xAI's), is accepted.
 */
export function encryptedReasoningValid(
  body: Record<string, unknown>,
  ctx: StrictContext,
  format: "openai-responses" | "xai-responses" = "openai-responses",
): Violation | undefined {
  for (const item of inputItems(body, ctx)) {
    const encrypted = item["encrypted_content"]
    if (item["type"] !== "reasoning" || typeof encrypted !== "string") continue
    if (ctx.signer.verify(format, ctx.model, encrypted)) continue
    const name = typeof item["id"] === "string" ? ` for item ${item["id"]}` : ""
    return {
      message: `The encrypted content${name} could not be verified.`,
      param: null,
      code: "invalid_encrypted_content",
    }
  }
  return undefined
}

export const responsesRules: readonly Rule[] = [
  referencesResolve,
  outputsAnswerCalls,
  (body, ctx) => encryptedReasoningValid(body, ctx),
]

/**
 * xAI's Responses API, checked as OpenAI's: the same conversation-state and function-calling rules, with
 * encrypted reasoning that only xAI's signatures pass. xAI's own wording of these errors is not known, so they
 * are OpenAI's.
 */
export const xaiResponsesRules: readonly Rule[] = [
  referencesResolve,
  outputsAnswerCalls,
  (body, ctx) => encryptedReasoningValid(body, ctx, "xai-responses"),
]
