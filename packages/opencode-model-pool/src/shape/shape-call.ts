import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { POOL_MARKER } from "../host/call-marker.ts"
import { memberOptions, smallOptions } from "./call-options.ts"
import { defaultTemperature, defaultTopK, defaultTopP } from "./model-family.ts"
import type { CallContext, MemberModel, Options } from "./member-model.ts"
import { shapeTranscript } from "./messages.ts"
import { keyOptions } from "./provider-options.ts"
import { shapeTools } from "./tools.ts"

/** OpenCode's cap on output tokens, unless `OPENCODE_EXPERIMENTAL_OUTPUT_TOKEN_MAX` sets another. */
function outputCap(): number {
  const flag = Number(process.env.OPENCODE_EXPERIMENTAL_OUTPUT_TOKEN_MAX)
  return Number.isInteger(flag) && flag > 0 ? flag : 32_000
}

/** Output limit and sampling as OpenCode sets them for a model that is not the turn's. */
function sampling(member: MemberModel, context: CallContext): Partial<LanguageModelV3CallOptions> {
  return {
    // OpenCode's own OpenAI plugin leaves the output limit to the API.
    maxOutputTokens:
      member.providerID === "openai" ? undefined : Math.min(member.outputLimit, outputCap()) || outputCap(),
    temperature: member.temperature ? (context.agent.temperature ?? defaultTemperature(member.apiID)) : undefined,
    topP: context.agent.topP ?? defaultTopP(member.apiID, member.providerID),
    topK: defaultTopK(member.apiID),
  }
}

/** OpenCode's Cerebras plugin leaves the output limit to `max_completion_tokens` when the options set one. */
const leavesOutputLimit = (member: MemberModel, options: Options) =>
  member.npm === "@ai-sdk/cerebras" && options.max_completion_tokens !== undefined

/** Everything shaping a call needs: the member it goes to, the turn's model it was prepared for, the call. */
export interface ShapeInput {
  member: MemberModel
  turn: MemberModel
  context: CallContext
  call: LanguageModelV3CallOptions
}

/**
 * The one place that shapes a call for a member, the turn's own member included: OpenCode prepared the call for
 * the turn's model as it sees it through the pool module (a `file://` package, so its package-keyed rules are
 * off); this gives the call what stock OpenCode 1.18.33 sends that member: transcript, tools, provider options
 * with variants, output limit and sampling. The provider keys other than the turn's pass through.
 */
export function shapeCall({ member, turn, context, call }: ShapeInput): LanguageModelV3CallOptions {
  const { [turn.providerID]: own, ...others } = call.providerOptions ?? {}
  const { [POOL_MARKER]: _marker, ...carried } = own ?? {}
  const options = context.small
    ? smallOptions(member, context)
    : memberOptions(member, context, member.member === turn.member ? carried : undefined)
  const shaped: LanguageModelV3CallOptions = {
    ...call,
    prompt: shapeTranscript(call.prompt, member, { turn, options }),
    tools: shapeTools(call.tools, member),
    providerOptions: { ...others, ...keyOptions(member, options) } as LanguageModelV3CallOptions["providerOptions"],
    // OpenCode computed these for the turn's model from its ids, and plugins may have changed them since.
    ...(member.member === turn.member ? {} : sampling(member, context)),
  }
  if (!call.tools) delete shaped.tools
  if (leavesOutputLimit(member, options)) shaped.maxOutputTokens = undefined
  return shaped
}
