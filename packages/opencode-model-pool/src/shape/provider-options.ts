// The last step OpenCode 1.18.33 takes with a call's options (`ProviderTransform.providerOptions`): reasoning
// forced on for OpenAI's packages, Claude 5.1+ thinking blocks bound, then the options keyed for the package.
import { optionsKey } from "../host/provider-packages.ts"
import { bindsThinkingBlocks } from "./model-family.ts"
import { isObject, type MemberModel, type Options } from "./member-model.ts"
import { speaksAnthropic, speaksResponses } from "./packages.ts"

const DROP_MISMATCHED_BLOCKS = { prefixMismatchBehavior: "drop_block" }

/** Where a package takes Claude's thinking settings, if it serves Claude. */
function thinkingField(model: MemberModel): string | undefined {
  if (model.npm === "@ai-sdk/amazon-bedrock") return "reasoningConfig"
  return speaksAnthropic(model.npm) ? "thinking" : undefined
}

/** Claude 5.1+ binds thinking blocks unless told `blockBinding: false`, which is not sent on. */
function bindBlocks(model: MemberModel, options: Options): Options {
  const field = thinkingField(model)
  if (!field) return options
  const thinking = options[field] as Options | undefined
  if (thinking?.blockBinding === false) {
    const { blockBinding: _off, ...rest } = thinking
    const { [field]: _thinking, ...others } = options
    return Object.keys(rest).length === 0 ? others : { ...others, [field]: rest }
  }
  if (!bindsThinkingBlocks(model.apiID)) return options
  const current = thinking ?? { type: "adaptive" }
  if (current.type !== "adaptive" && current.type !== "enabled") return options
  if (current.blockBinding !== undefined) return options
  return { ...options, [field]: { ...current, blockBinding: DROP_MISMATCHED_BLOCKS } }
}

/** The last touches OpenCode gives a model's options before keying them for its package. */
export function finalOptions(model: MemberModel, options: Options): Options {
  if (
    speaksResponses(model.npm) &&
    (model.reasoning || options.reasoningEffort !== undefined || options.reasoningSummary !== undefined)
  )
    return { ...options, forceReasoning: true }
  return bindBlocks(model, options)
}

/** The gateway's key for the upstream provider an id names, where it differs from the id's prefix. */
const UPSTREAM_KEY: Record<string, string> = { amazon: "bedrock" }

/**
 * The gateway reads its own `gateway` options, and passes the others to the upstream provider named by the id's
 * prefix (`anthropic/claude-...` under `anthropic`); an id without a prefix takes them all under `gateway`.
 */
function gatewayKeyed(apiID: string, options: Options): Record<string, Options> {
  const slash = apiID.indexOf("/")
  const prefix = slash > 0 ? apiID.slice(0, slash) : undefined
  const upstream = prefix === undefined ? undefined : (UPSTREAM_KEY[prefix] ?? prefix)
  const { gateway, ...rest } = options
  const keyed: Record<string, Options> = {}
  if (gateway !== undefined) keyed.gateway = gateway as Options
  if (Object.keys(rest).length === 0) return keyed
  if (upstream) keyed[upstream] = rest
  else keyed.gateway = isObject(gateway) ? { ...gateway, ...rest } : rest
  return keyed
}

/** A call's final options under the keys the member's package reads them from, as OpenCode keys them. */
export function keyOptions(model: MemberModel, options: Options): Record<string, Options> {
  if (model.npm === "@ai-sdk/gateway") return gatewayKeyed(model.apiID, options)
  // Azure's package reads some options under `openai`, others under `azure`: OpenCode sends them under both.
  if (model.npm === "@ai-sdk/azure") return { openai: options, azure: options }
  const key =
    model.npm === "@ai-sdk/openai-compatible"
      ? model.providerID.split(".")[0]!
      : optionsKey(model.npm, model.providerID)
  return { [key]: options }
}
