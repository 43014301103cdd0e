import { isKimi, adaptiveEfforts, isGemini25, isGeminiOneOrTwo, isOpus45, summarisesThinking } from "./model-family.ts"
import { ENCRYPTED_REASONING, type MemberModel, type Options } from "./member-model.ts"
import { BASIC_EFFORTS as BASIC, gatewayOpenaiEfforts, openaiEfforts } from "./openai-efforts.ts"

/** What the variant rules read of a model: everything but its options. */
export type VariantTraits = Pick<
  MemberModel,
  "providerID" | "modelID" | "apiID" | "npm" | "reasoning" | "outputLimit" | "releaseDate"
>

const each = (names: readonly string[], value: (name: string) => Options): Record<string, Options> =>
  Object.fromEntries(names.map((name) => [name, value(name)]))

function geminiVariants(apiID: string): Record<string, Options> {
  const id = apiID.toLowerCase()
  if (isGemini25(id)) {
    const max = id.includes("pro") && !id.includes("flash") ? 32_768 : 24_576
    return {
      high: { thinkingConfig: { includeThoughts: true, thinkingBudget: 16_000 } },
      max: { thinkingConfig: { includeThoughts: true, thinkingBudget: max } },
    }
  }
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

function anthropicVariants(model: VariantTraits): Record<string, Options> {
  const efforts = adaptiveEfforts(model.apiID)
  if (efforts) {
    const display = summarisesThinking(model.apiID) ? { display: "summarized" } : {}
    return each(efforts, (effort) => ({ thinking: { type: "adaptive", ...display }, effort }))
  }
  const budget = Math.min(16_000, Math.floor(model.outputLimit / 2 - 1))
  if (isOpus45(model.apiID))
    return each(BASIC, (effort) => ({ thinking: { type: "enabled", budgetTokens: budget }, effort }))
  return {
    high: { thinking: { type: "enabled", budgetTokens: budget } },
    max: { thinking: { type: "enabled", budgetTokens: Math.min(31_999, model.outputLimit - 1) } },
  }
}

/** Models whose reasoning OpenCode leaves to their defaults: no variants. */
function withoutVariants(id: string, glm52: boolean): boolean {
  const names = ["deepseek-chat", "deepseek-reasoner", "deepseek-r1", "deepseek-v3", "minimax", "kimi", "k2p", "qwen"]
  return names.some((name) => id.includes(name)) || (id.includes("glm") && !glm52) || id.includes("big-pickle")
}

/**
 * The variants OpenCode 1.18.33 derives for a model from its package and ids (reasoning efforts, thinking
 * budgets and levels), for the packages a pool member can use. The config's own variants are merged over these.
 */
export function derivedVariants(model: VariantTraits): Record<string, Options> {
  if (!model.reasoning) return {}
  const id = model.modelID.toLowerCase()
  const apiID = model.apiID.toLowerCase()
  const glm52 = ["glm-5.2", "glm-5-2", "glm-5p2"].some((name) => id.includes(name) || apiID.includes(name))
  if (apiID.includes("minimax-m3") && (model.npm === "@ai-sdk/anthropic" || model.npm === "@ai-sdk/openai-compatible"))
    return ["nvidia", "lilac"].includes(model.providerID)
      ? {
          none: { chat_template_kwargs: { thinking_mode: "disabled" } },
          thinking: { chat_template_kwargs: { thinking_mode: "enabled" } },
        }
      : { none: { thinking: { type: "disabled" } }, thinking: { thinking: { type: "adaptive" } } }
  if (glm52 && model.npm === "@openrouter/ai-sdk-provider")
    return { high: { reasoning: { effort: "high" } }, xhigh: { reasoning: { effort: "xhigh" } } }
  if (glm52 && model.npm === "@ai-sdk/openai-compatible")
    return { high: { reasoningEffort: "high" }, max: { reasoningEffort: "max" } }
  if (glm52 && model.npm === "@ai-sdk/anthropic") return { high: { effort: "high" }, max: { effort: "max" } }
  if (isKimi(model.providerID, model.apiID) && model.npm === "@ai-sdk/anthropic")
    return each(["low", "medium", "high", "xhigh", "max"], (effort) => ({
      thinking: { type: "adaptive", display: "summarized" },
      effort,
    }))
  if (withoutVariants(id, glm52)) return {}
  if (id.includes("grok") && id.includes("grok-3-mini"))
    return model.npm === "@openrouter/ai-sdk-provider"
      ? each(["low", "high"], (effort) => ({ reasoning: { effort } }))
      : each(["low", "high"], (effort) => ({ reasoningEffort: effort }))
  switch (model.npm) {
    case "@openrouter/ai-sdk-provider": {
      const efforts =
        model.apiID.startsWith("openai/") || id.includes("gpt") ? gatewayOpenaiEfforts(model.apiID) : BASIC
      return each(efforts, (effort) => ({ reasoning: { effort } }))
    }
    case "@ai-sdk/openai-compatible": {
      if (apiID.includes("north-mini-code")) return each(["none", "high"], (effort) => ({ reasoningEffort: effort }))
      const efforts = apiID.includes("deepseek-v4") ? [...BASIC, "max"] : BASIC
      return each(efforts, (effort) => ({ reasoningEffort: effort }))
    }
    case "@ai-sdk/openai": {
      const efforts =
        model.providerID === "meta"
          ? ["none", "minimal", ...BASIC, "xhigh"]
          : openaiEfforts(model.apiID, model.releaseDate)
      return each(efforts, (effort) => ({
        reasoningEffort: effort,
        reasoningSummary: "auto",
        include: ENCRYPTED_REASONING,
      }))
    }
    case "@ai-sdk/anthropic":
      return anthropicVariants(model)
    case "@ai-sdk/google":
      return geminiVariants(model.apiID)
    default:
      return {}
  }
}
