// What a call to a member is shaped with: the member as the shaping rules read it, what `chat.params` told the
// module about the call, and the system rewrite of the auth plugin that owns the member's login.
import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { readMarker } from "../host/call-marker.ts"
import type { MemberSource } from "../host/member-source.ts"
import type { PoolRuntime } from "../host/runtime.ts"
import { memberModel } from "../shape/from-opencode.ts"
import type { CallContext, MemberModel } from "../shape/member-model.ts"
import { withMemberSystem } from "./member-system.ts"

/** A member as the shaping rules read it, once OpenCode's provider list has answered. */
function knownModel(runtime: PoolRuntime, source: MemberSource): MemberModel | undefined {
  const known = runtime.known(source.member)
  return known ? memberModel(source, known.model, known.providerOptions) : undefined
}

/** A model the shaping rules know nothing of beyond its ids: OpenCode's provider list did not answer. */
export function bareModel(
  source: Pick<MemberSource, "member" | "providerID" | "modelID" | "apiID" | "npm">,
): MemberModel {
  return {
    ...source,
    reasoning: false,
    temperature: true,
    outputLimit: 0,
    releaseDate: "",
    options: {},
    variants: {},
    providerOptions: {},
  }
}

/** A member as the shaping rules read it: what OpenCode lists of it, or its ids alone. */
export const modelOf = (runtime: PoolRuntime, source: MemberSource) => knownModel(runtime, source) ?? bareModel(source)

/** What `chat.params` told the module about a call, read from under the provider key OpenCode used. */
export function contextOf(
  runtime: PoolRuntime | undefined,
  options: LanguageModelV3CallOptions,
  key: string,
): CallContext {
  const marker = readMarker(options.providerOptions?.[key])
  return {
    ...(marker?.session ? { sessionID: marker.session } : {}),
    ...(marker?.variant ? { variant: marker.variant } : {}),
    ...(marker?.small ? { small: true } : {}),
    agent: runtime?.agent(marker?.agent) ?? { options: {} },
  }
}

/**
 * The call with the system rewrite of the auth plugin that owns the member's login, when OpenCode did not run it:
 * OpenCode runs the plugins' rewrites for the turn's provider ID, so a member on another provider, or on an auth
 * profile (whose ID the plugin does not know), misses it. The plugin sees the provider it owns.
 */
export function withLoginSystem(
  runtime: PoolRuntime,
  source: MemberSource,
  turnProviderID: string,
  call: LanguageModelV3CallOptions,
  sessionID: string | undefined,
): LanguageModelV3CallOptions {
  const owned = runtime.profiles[source.providerID] ?? source.providerID
  const transform = owned === turnProviderID ? undefined : runtime.systemTransform(source.providerID)
  if (!transform) return call
  const model = { ...knownModel(runtime, source), providerID: owned, id: source.modelID }
  return withMemberSystem(call, model, transform, sessionID)
}
