import type { MemberInfo } from "../order/member-info.ts"
import type { CallFacts } from "./call-facts.ts"

/**
 * Why a member cannot serve a call, or undefined when it can or the catalog does not say. The context window must
 * hold the call's estimated size plus the output it reserves (the member's output limit, or the call's
 * `maxOutputTokens` when that is smaller); every file kind the call carries must be in the member's input
 * modalities; a call with tools needs a member that calls tools. Unknown facts never rule a member out.
 */
export function unfitReason(member: MemberInfo | undefined, call: CallFacts): string | undefined {
  if (member === undefined) return undefined
  const window = member.contextWindow
  if (window !== undefined) {
    const reserves = [member.outputLimit, call.maxOutputTokens].filter((value) => value !== undefined)
    const needed = call.tokens + (reserves.length > 0 ? Math.min(...reserves) : 0)
    if (needed > window) return `context ${window} < ~${needed} tokens`
  }
  if (member.input !== undefined) {
    const missing = [...call.inputs].filter((kind) => !member.input?.includes(kind))
    if (missing.length > 0) return `no ${missing.join(", ")} input`
  }
  if (call.tools && member.toolCall === false) return "no tool calls"
  return undefined
}

/**
 * Which members a call skips, in order: a member that cannot serve the call is skipped when a member after it can.
 * When none after it can, it is kept, so a call nobody fits behaves as it would without the check.
 */
export function skipsFor(members: readonly (MemberInfo | undefined)[], call: CallFacts): (string | undefined)[] {
  const reasons = members.map((member) => unfitReason(member, call))
  return reasons.map((reason, index) => {
    if (reason === undefined) return undefined
    return reasons.slice(index + 1).some((later) => later === undefined) ? reason : undefined
  })
}
