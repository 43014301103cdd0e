import { optionsKey } from "../member-source.ts"
import { bindsThinkingBlocks, isClaude, isGeminiOneOrTwo, isKimi } from "./model-family.ts"
import { ENCRYPTED_REASONING, mergeOptions, type CallContext, type MemberModel, type Options } from "./member-model.ts"
import { derivedVariants } from "./variants.ts"

/** The options OpenCode 1.18.33 starts every call of a model with, before the config's layers. */
export function baseOptions(model: MemberModel, sessionID: string | undefined): Options {
  const id = model.apiID.toLowerCase()
  const options: Options = {}
  if (model.npm === "@ai-sdk/anthropic" && !isClaude(model.apiID)) options.toolStreaming = false
  if (model.providerID === "openai" || model.npm === "@ai-sdk/openai") options.store = false
  if (model.npm === "@openrouter/ai-sdk-provider") {
    options.usage = { include: true }
    if (id.includes("gemini") && !isGeminiOneOrTwo(model.apiID)) options.reasoning = { effort: "high" }
  }
  if (
    model.providerID === "baseten" ||
    (model.providerID === "opencode" && ["kimi-k2-thinking", "glm-4.6"].includes(model.apiID))
  )
    options.chat_template_args = { enable_thinking: true }
  if (["zai", "zhipuai"].some((name) => model.providerID.includes(name)) && model.npm === "@ai-sdk/openai-compatible")
    options.thinking = { type: "enabled", clear_thinking: false }
  if (model.providerID === "meta" && model.npm === "@ai-sdk/openai") {
    options.reasoningSummary = "auto"
    options.include = ENCRYPTED_REASONING
  }
  if (model.npm === "@ai-sdk/google" && model.reasoning)
    options.thinkingConfig = isGeminiOneOrTwo(model.apiID)
      ? { includeThoughts: true }
      : { includeThoughts: true, thinkingLevel: "high" }
  if (id.includes("minimax-m3") && model.npm === "@ai-sdk/anthropic") options.thinking = { type: "adaptive" }
  if (model.npm === "@ai-sdk/anthropic" && isKimi(model.providerID, model.apiID) && model.reasoning) {
    options.thinking = { type: "adaptive", display: "summarized" }
    options.effort = "high"
  }
  if (
    model.providerID === "alibaba-cn" &&
    model.reasoning &&
    model.npm === "@ai-sdk/openai-compatible" &&
    !id.includes("kimi-k2-thinking")
  )
    options.enable_thinking = true
  const cacheKey = model.providerOptions.setCacheKey
  if (cacheKey !== false && (model.npm === "@ai-sdk/openai" || cacheKey === true)) options.promptCacheKey = sessionID
  if (model.apiID.includes("gpt-5") && !model.apiID.includes("gpt-5-chat")) {
    if (!model.apiID.includes("gpt-5-pro")) {
      options.reasoningEffort = "medium"
      if (model.npm === "@ai-sdk/openai") {
        options.reasoningSummary = "auto"
        options.include = ENCRYPTED_REASONING
      }
    }
    if (
      model.apiID.includes("gpt-5.") &&
      !model.apiID.includes("codex") &&
      !model.apiID.includes("-chat") &&
      model.npm === "@ai-sdk/openai"
    )
      options.textVerbosity = "low"
    if (model.providerID.startsWith("opencode") && cacheKey !== false) {
      options.promptCacheKey = sessionID
      options.include = ENCRYPTED_REASONING
      options.reasoningSummary = "auto"
    }
  }
  return options
}

/** The options of a variant for a model: the derived ones with the config's merged over them. */
export function variantOptions(model: MemberModel, variant: string | undefined): Options {
  if (variant === undefined) return {}
  const listed = model.variants[variant]
  // OpenCode ignores a variant the model does not list: a member without it runs without one.
  if (listed === undefined) return {}
  return mergeOptions(derivedVariants(model)[variant] ?? {}, listed)
}

/** The last touches OpenCode gives a model's options before keying them for its package. */
function finalOptions(model: MemberModel, options: Options): Options {
  if (
    model.npm === "@ai-sdk/openai" &&
    (model.reasoning || options.reasoningEffort !== undefined || options.reasoningSummary !== undefined)
  )
    return { ...options, forceReasoning: true }
  if (model.npm !== "@ai-sdk/anthropic") return options
  const thinking = options.thinking as Options | undefined
  if (thinking?.blockBinding === false) {
    const { blockBinding: _off, ...rest } = thinking
    const { thinking: _thinking, ...others } = options
    return Object.keys(rest).length === 0 ? others : { ...others, thinking: rest }
  }
  if (!bindsThinkingBlocks(model.apiID)) return options
  const current = thinking ?? { type: "adaptive" }
  if (current.type !== "adaptive" && current.type !== "enabled") return options
  if (current.blockBinding !== undefined) return options
  return { ...options, thinking: { ...current, blockBinding: { prefixMismatchBehavior: "drop_block" } } }
}

/** A model's variants as OpenCode lists them: the derived ones, with the config's merged over them. */
function allVariants(model: MemberModel): Record<string, Options> {
  return mergeOptions(derivedVariants(model), model.variants) as Record<string, Options>
}

/**
 * The provider options of a call on OpenCode's small model (titles): no layers, only the model's first variant,
 * and OpenAI's `store: false`.
 */
export function smallProviderOptions(model: MemberModel): Record<string, Options> {
  const first = Object.values(allVariants(model))[0] ?? {}
  const options =
    model.providerID === "openai" || model.npm === "@ai-sdk/openai" ? mergeOptions({ store: false }, first) : first
  return { [optionsKey(model.npm, model.providerID)]: finalOptions(model, options) }
}

/**
 * A call's provider options for a member, layered as OpenCode layers them: its base options, the model's config
 * options, the agent's options, then the chosen variant, keyed for the member's package. `carried` are the
 * options OpenCode (and other plugins' `chat.params`) gave the turn's own model, layered before the variant.
 */
export function memberProviderOptions(
  model: MemberModel,
  context: CallContext,
  carried?: Options,
): Record<string, Options> {
  const layers = [model.options, context.agent.options, carried, variantOptions(model, context.variant)]
  const layered = layers.reduce(
    (merged: Options, layer: Options | undefined) => mergeOptions(merged, layer),
    baseOptions(model, context.sessionID),
  )
  return { [optionsKey(model.npm, model.providerID)]: finalOptions(model, layered) }
}
