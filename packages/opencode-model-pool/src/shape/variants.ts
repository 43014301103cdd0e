import { isKimi } from "./model-family.ts"
import { ENCRYPTED_REASONING, type MemberModel, type Options } from "./member-model.ts"
import { BASIC_EFFORTS as BASIC, gatewayOpenaiEfforts, openaiEfforts } from "./openai-efforts.ts"
import { speaksAnthropic } from "./packages.ts"
import {
  anthropicVariants,
  bedrockVariants,
  each,
  gatewayThinkingVariants,
  geminiVariants,
} from "./thinking-variants.ts"

/** What the variant rules read of a model: everything but its options. */
export type VariantTraits = Pick<
  MemberModel,
  "providerID" | "modelID" | "apiID" | "npm" | "reasoning" | "outputLimit" | "releaseDate"
>

/** Models whose reasoning OpenCode leaves to their defaults: no variants. */
function withoutVariants(id: string, glm52: boolean): boolean {
  const names = ["deepseek-chat", "deepseek-reasoner", "deepseek-r1", "deepseek-v3", "minimax", "kimi", "k2p", "qwen"]
  return names.some((name) => id.includes(name)) || (id.includes("glm") && !glm52) || id.includes("big-pickle")
}

/** Mistral ids whose reasoning can be asked for (one level). */
const MISTRAL_REASONING = ["mistral-small-2603", "mistral-small-latest", "mistral-medium-3.5", "mistral-medium-2604"]

/** The OpenAI-style efforts of packages that send `reasoningEffort` as it is. */
function effortVariants(apiID: string): Record<string, Options> {
  if (apiID.includes("north-mini-code")) return each(["none", "high"], (effort) => ({ reasoningEffort: effort }))
  const efforts = apiID.includes("deepseek-v4") ? [...BASIC, "max"] : BASIC
  return each(efforts, (effort) => ({ reasoningEffort: effort }))
}

/** Variants by package, once the id rules shared by all packages have not decided. */
function packageVariants(model: VariantTraits, id: string, apiID: string): Record<string, Options> {
  switch (model.npm) {
    case "@openrouter/ai-sdk-provider": {
      const efforts =
        model.apiID.startsWith("openai/") || id.includes("gpt") ? gatewayOpenaiEfforts(model.apiID) : BASIC
      return each(efforts, (effort) => ({ reasoning: { effort } }))
    }
    case "@ai-sdk/gateway":
      return (
        gatewayThinkingVariants(model.apiID) ??
        each(gatewayOpenaiEfforts(model.apiID), (effort) => ({ reasoningEffort: effort }))
      )
    case "@ai-sdk/openai-compatible":
    case "@ai-sdk/cerebras":
    case "@ai-sdk/togetherai":
    case "@ai-sdk/xai":
    case "@ai-sdk/deepinfra":
    case "venice-ai-sdk-provider":
      return effortVariants(apiID)
    case "@ai-sdk/azure":
      // Azure's efforts go by the deployment's model key, not the id sent.
      if (id === "o1-mini") return {}
      return each(openaiEfforts(id, model.releaseDate), (effort) => ({
        reasoningEffort: effort,
        reasoningSummary: "auto",
        include: ENCRYPTED_REASONING,
      }))
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
    case "@ai-sdk/google-vertex/anthropic":
      return anthropicVariants(model.apiID, model.outputLimit)
    case "@ai-sdk/amazon-bedrock":
      return bedrockVariants(model.apiID)
    case "@ai-sdk/google":
    case "@ai-sdk/google-vertex":
      return geminiVariants(model.apiID)
    case "@ai-sdk/mistral":
      return MISTRAL_REASONING.some((name) => apiID.includes(name)) ? { high: { reasoningEffort: "high" } } : {}
    case "@ai-sdk/groq":
      return each(["none", ...BASIC], (effort) => ({ reasoningEffort: effort }))
    // Cohere, Perplexity, v0 and Alibaba get no variants.
    case "@ai-sdk/cohere":
    case "@ai-sdk/perplexity":
    case "@ai-sdk/vercel":
    case "@ai-sdk/alibaba":
      return {}
  }
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
  if (isKimi(model.providerID, model.apiID) && speaksAnthropic(model.npm))
    return each(["low", "medium", "high", "xhigh", "max"], (effort) => ({
      thinking: { type: "adaptive", display: "summarized" },
      effort,
    }))
  if (withoutVariants(id, glm52)) return {}
  if (id.includes("grok") && id.includes("grok-3-mini"))
    return model.npm === "@openrouter/ai-sdk-provider"
      ? each(["low", "high"], (effort) => ({ reasoning: { effort } }))
      : each(["low", "high"], (effort) => ({ reasoningEffort: effort }))
  return packageVariants(model, id, apiID)
}
