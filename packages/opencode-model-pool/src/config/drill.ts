// Fault drills: `OPENCODE_MODEL_POOL_DRILL="provider/model=condition,..."` makes those members fail with that
// condition in this process, without a request, so a user can watch the pool fall back before an outage does it.
import { FALLBACK_CONDITIONS, type FallbackCondition } from "@model-pool/core"

/** The variable a drill is set in. */
export const DRILL_ENV = "OPENCODE_MODEL_POOL_DRILL"

/** The members a drill makes fail, and what is wrong with the variable's entries. */
export interface Drill {
  members: ReadonlyMap<string, FallbackCondition>
  problems: string[]
}

const isCondition = (value: string): value is FallbackCondition =>
  (FALLBACK_CONDITIONS as readonly string[]).includes(value)

/**
 * Reads the drill variable: comma-separated `provider/model=condition` entries. An entry that is not one is told by
 * its text and left out; `members` are the members a pool has, to tell a drill that would never show.
 */
export function parseDrill(text: string | undefined, members: ReadonlySet<string>): Drill {
  const drilled = new Map<string, FallbackCondition>()
  const problems: string[] = []
  for (const entry of (text ?? "").split(",").map((part) => part.trim())) {
    if (entry === "") continue
    const at = entry.lastIndexOf("=")
    const member = entry.slice(0, at).trim()
    const condition = entry.slice(at + 1).trim()
    if (at < 0 || !member.includes("/")) {
      problems.push(`${DRILL_ENV}: "${entry}" is not provider/model=condition; it is ignored`)
      continue
    }
    if (!isCondition(condition)) {
      problems.push(
        `${DRILL_ENV}: "${entry}": "${condition}" is not one of ${FALLBACK_CONDITIONS.join(", ")}; it is ignored`,
      )
      continue
    }
    if (!members.has(member)) problems.push(`${DRILL_ENV}: "${entry}": ${member} is in no pool, so no call plays it`)
    drilled.set(member, condition)
  }
  return { members: drilled, problems }
}

/** What every notice of a drill says: which members play which failure, and how to end it. */
export function drillNotice(drill: Drill): string | undefined {
  if (drill.members.size === 0) return undefined
  const plays = [...drill.members].map(([member, condition]) => `${member} plays ${condition}`).join(", ")
  return `fault drill active (${DRILL_ENV}): ${plays}, in this process only, without requests; unset ${DRILL_ENV} to end it`
}
