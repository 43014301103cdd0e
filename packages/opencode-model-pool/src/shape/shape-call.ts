import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { POOL_MARKER } from "../call-marker.ts"
import { memberProviderOptions, smallProviderOptions } from "./call-options.ts"
import { defaultTemperature, defaultTopK, defaultTopP } from "./model-family.ts"
import type { CallContext, MemberModel } from "./member-model.ts"
import { shapeTranscript } from "./messages.ts"
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
  const keyed = context.small
    ? smallProviderOptions(member)
    : memberProviderOptions(member, context, member.member === turn.member ? carried : undefined)
  const ownKey = Object.keys(keyed)[0]!
  const store = (keyed[ownKey] as { store?: unknown }).store === true
  const shaped: LanguageModelV3CallOptions = {
    ...call,
    prompt: shapeTranscript(call.prompt, member, { turn, store }),
    tools: shapeTools(call.tools, member),
    providerOptions: { ...others, ...keyed } as LanguageModelV3CallOptions["providerOptions"],
    // OpenCode computed these for the turn's model from its ids, and plugins may have changed them since.
    ...(member.member === turn.member ? {} : sampling(member, context)),
  }
  if (!call.tools) delete shaped.tools
  return shaped
}
