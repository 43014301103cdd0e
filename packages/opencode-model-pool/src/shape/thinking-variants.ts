// The thinking variants OpenCode 1.18.33 derives for Gemini and Claude models, on every package that serves them
// (its `variants` for @ai-sdk/google, google-vertex, anthropic, google-vertex/anthropic, amazon-bedrock and the
// gateway's anthropic/ and google/ models).
import { adaptiveEfforts, isGemini25, isGeminiOneOrTwo, isOpus45, summarisesThinking } from "./model-family.ts"
import type { Options } from "./member-model.ts"
import { BASIC_EFFORTS as BASIC } from "./openai-efforts.ts"

/** One variant per name. */
export const each = (names: readonly string[], value: (name: string) => Options): Record<string, Options> =>
  Object.fromEntries(names.map((name) => [name, value(name)]))

/** The largest thinking budget Gemini 2.5 takes: more for Pro than for Flash. */
const geminiMaxBudget = (id: string) => (id.includes("pro") && !id.includes("flash") ? 32_768 : 24_576)

/** Gemini 2.5 thinks by budget: `high` and `max`. */
function geminiBudgets(id: string): Record<string, Options> {
  return {
    high: { thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } },
    max: { thinkingConfig: { includeThoughts: true, thinkingBudget: geminiMaxBudget(id) } },
  }
}

/** Gemini on Google's own packages (@ai-sdk/google and google-vertex): budgets for 2.5, levels otherwise. */
export function geminiVariants(apiID: string): Record<string, Options> {
  const id = apiID.toLowerCase()
  if (isGemini25(id)) return geminiBudgets(id)
  const levels = id.includes("gemma")
    ? ["minimal", "high"]
    : isGeminiOneOrTwo(id)
      ? ["low", "high"]
      : id.includes("flash-image")
        ? ["minimal", "high"]
        : id.includes("pro-image")
          ? ["high"]
          : id.includes("flash")
            ? ["minimal", "low", "medium", "high"]
            : BASIC
  return each(levels, (level) => ({ thinkingConfig: { includeThoughts: true, thinkingLevel: level } }))
}

/** Claude's adaptive thinking, shown summarised from 4.7 on. */
const adaptive = (apiID: string) => ({
  type: "adaptive",
  ...(summarisesThinking(apiID) ? { display: "summarized" } : {}),
})

/** Claude on Anthropic's API (@ai-sdk/anthropic, google-vertex/anthropic): efforts, or budgets from the output limit. */
export function anthropicVariants(apiID: string, outputLimit: number): Record<string, Options> {
  const efforts = adaptiveEfforts(apiID)
  if (efforts) return each(efforts, (effort) => ({ thinking: adaptive(apiID), effort }))
  const budget = Math.min(16_000, Math.floor(outputLimit / 2 - 1))
  if (isOpus45(apiID)) return each(BASIC, (effort) => ({ thinking: { type: "enabled", budgetTokens: budget }, effort }))
  return {
    high: { thinking: { type: "enabled", budgetTokens: budget } },
    max: { thinking: { type: "enabled", budgetTokens: Math.min(31_999, outputLimit - 1) } },
  }
}

/**
 * Bedrock's `reasoningConfig`: adaptive efforts for the Claude models that take them, fixed budgets for other
 * Anthropic models, and a maximum effort for the rest (Nova, DeepSeek and the like).
 */
export function bedrockVariants(apiID: string): Record<string, Options> {
  const efforts = adaptiveEfforts(apiID)
  if (efforts)
    return each(efforts, (effort) => ({
      reasoningConfig: { ...adaptive(apiID), maxReasoningEffort: effort },
    }))
  if (apiID.includes("anthropic"))
    return {
      high: { reasoningConfig: { type: "enabled", budgetTokens: 16_000 } },
      max: { reasoningConfig: { type: "enabled", budgetTokens: 31_999 } },
    }
  return each(BASIC, (effort) => ({ reasoningConfig: { type: "enabled", maxReasoningEffort: effort } }))
}

/**
 * The gateway's anthropic/ and google/ models, or undefined for the others. Budgets do not depend on the output
 * limit here, and Gemini levels are not wrapped in `thinkingConfig`: OpenCode sends them so.
 */
export function gatewayThinkingVariants(apiID: string): Record<string, Options> | undefined {
  if (apiID.includes("anthropic")) {
    const efforts = adaptiveEfforts(apiID)
    if (efforts) return each(efforts, (effort) => ({ thinking: adaptive(apiID), effort }))
    return {
      high: { thinking: { type: "enabled", budgetTokens: 16_000 } },
      max: { thinking: { type: "enabled", budgetTokens: 31_999 } },
    }
  }
  if (!apiID.includes("google")) return undefined
  if (isGemini25(apiID)) return geminiBudgets(apiID.toLowerCase())
  return each(["low", "high"], (level) => ({ includeThoughts: true, thinkingLevel: level }))
}
