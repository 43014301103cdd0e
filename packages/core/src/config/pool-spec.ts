import type { ResolvedPolicy } from "./defaults.ts"
import type { ConfigIssue } from "./format-issue.ts"

/** A pool ready for the decisions: its members in configured order and its full policy. */
export interface PoolSpec {
  /** The host's name for the pool: it keys the round-robin position and names the pool in reports. */
  name: string
  /** Member ids as the host's `build` takes them; the first is the primary. */
  members: readonly string[]
  policy: ResolvedPolicy
}

/** How a host checks a member list beyond duplicates. */
export interface MemberRules {
  /** Maps list positions back to the key the user wrote, when the list starts before it (model + fallbacks). */
  offset?: number
  /** Why the host refuses a member (e.g. "is a pool; ..."), or undefined when it takes it. */
  reject?: (member: string) => string | undefined
}

/**
 * Checks a pool's member list: every member listed once, none the host refuses. Each issue names the member's
 * position under `path`, as `path[index]`.
 */
export function memberIssues(path: string, members: readonly string[], rules: MemberRules = {}): ConfigIssue[] {
  const offset = rules.offset ?? 0
  return members.flatMap((member, index) => {
    const at = `${path}[${index - offset}]`
    const reason = rules.reject?.(member)
    if (reason !== undefined) return [{ path: at, message: `${at}: ${JSON.stringify(member)} ${reason}` }]
    if (members.indexOf(member) === index) return []
    return [{ path: at, message: `${at}: ${JSON.stringify(member)} is listed twice; list each model once` }]
  })
}
