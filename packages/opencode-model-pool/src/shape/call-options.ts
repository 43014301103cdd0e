import { baseOptions } from "./base-options.ts"
import { mergeOptions, type CallContext, type MemberModel, type Options } from "./member-model.ts"
import { finalOptions } from "./provider-options.ts"
import { derivedVariants } from "./variants.ts"

/** The options of a variant for a model: the derived ones with the config's merged over them. */
function variantOptions(model: MemberModel, variant: string | undefined): Options {
  if (variant === undefined) return {}
  const listed = model.variants[variant]
  // OpenCode ignores a variant the model does not list: a member without it runs without one.
  if (listed === undefined) return {}
  return mergeOptions(derivedVariants(model)[variant] ?? {}, listed)
}

/** A model's variants as OpenCode lists them: the derived ones, with the config's merged over them. */
function allVariants(model: MemberModel): Record<string, Options> {
  return mergeOptions(derivedVariants(model), model.variants) as Record<string, Options>
}

/** The options OpenCode starts a small-model call (titles) with: the model's first variant, reasoning kept short. */
function smallBase(model: MemberModel): Options {
  const first = Object.values(allVariants(model))[0] ?? {}
  if (model.providerID === "openai" || model.npm === "@ai-sdk/openai" || model.npm === "@ai-sdk/xai")
    return mergeOptions({ store: false }, first)
  // OpenRouter's Google models think unless told not to.
  const router = model.providerID === "openrouter" || model.providerID === "llmgateway"
  if (router && Object.keys(first).length === 0 && model.apiID.includes("google"))
    return { reasoning: { enabled: false } }
  return first
}

/** OpenCode merges the model's and the agent's options over the base, then the variant; Azure's URLs come last. */
function layered(model: MemberModel, base: Options, layers: (Options | undefined)[]): Options {
  const merged = layers.reduce((options: Options, layer) => mergeOptions(options, layer), base)
  if (model.npm !== "@ai-sdk/azure") return merged
  // Azure's chat-completions URLs take neither reasoning summaries nor `include`.
  const completions = [model.providerOptions, model.options, merged].some((options) => options.useCompletionUrls)
  if (!completions) return merged
  const { reasoningSummary: _summary, include: _include, ...rest } = merged
  return rest
}

/** The options of a call on OpenCode's small model (titles), before keying: no variant is layered. */
export function smallOptions(model: MemberModel, context: CallContext): Options {
  return finalOptions(model, layered(model, smallBase(model), [model.options, context.agent.options]))
}

/**
 * A call's options for a member, before keying, layered as OpenCode layers them: its base options, the model's
 * config options, the agent's options, then the chosen variant. `carried` are the options OpenCode (and other
 * plugins' `chat.params`) gave the turn's own model, layered before the variant.
 */
export function memberOptions(model: MemberModel, context: CallContext, carried?: Options): Options {
  const layers = [model.options, context.agent.options, carried, variantOptions(model, context.variant)]
  return finalOptions(model, layered(model, baseOptions(model, context.sessionID), layers))
}
