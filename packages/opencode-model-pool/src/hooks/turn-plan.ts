// The rules `chat.message` plans a turn by, as plain data: which pool the turn runs, and what the plan changes of
// the turn (its model, the move remembered for the session, what the user is told).
import type { PoolSpec } from "@model-pool/core"
import { POOL_PROVIDER } from "../config/parse.ts"
import { parseMemberId } from "../host/member-id.ts"
import type { Move } from "../state/session-moves.ts"

/** What `chat.message` knows of a turn before planning it. */
export interface TurnInput {
  /** The turn's model, `provider/model`, as it arrived. */
  chosen: string
  /** The pool of the turn's agent, if it has one. */
  agentPool: PoolSpec | undefined
  /** Where the plugin last moved a turn of this session, if it did. */
  moved: Move | undefined
  pools: ReadonlyMap<string, PoolSpec>
}

/** The pool a turn runs; `again` when it arrived on the member the plugin moved an earlier turn of it to. */
export interface TurnPool {
  pool: PoolSpec | undefined
  again: boolean
}

/**
 * The pool a turn runs, by the first rule that holds: a turn on `pool/<name>` runs that pool; a turn on its agent's
 * primary runs the agent's pool; a turn on the member the plugin moved an earlier turn of the session to (the TUI
 * sends it again, also after `--continue`) is not the user's pick and is planned again from that pool. Any other
 * model is the user's pick for this turn and is kept, with no pool.
 */
export function turnPool(input: TurnInput): TurnPool {
  const { chosen, agentPool, moved, pools } = input
  const replanned = moved?.member === chosen ? pools.get(moved.pool) : undefined
  // Back on a member that is not the pool's primary: the move is what brought the turn here.
  const again = replanned !== undefined && replanned.members[0] !== chosen
  if (parseMemberId(chosen).providerID === POOL_PROVIDER) return { pool: pools.get(chosen), again }
  if (chosen === agentPool?.members[0]) return { pool: agentPool, again }
  return { pool: replanned, again }
}

/**
 * A turn without a pool of its own falls back in its parent session's pool when it runs on a member of it: a
 * subagent without a pool runs on its parent's model.
 */
export function inheritedPool(parent: PoolSpec | undefined, chosen: string): PoolSpec | undefined {
  return parent?.members.includes(chosen) ? parent : undefined
}

/** What the plan of a pooled turn changes. */
export interface TurnOutcome {
  /** The member the turn is moved to, when the plan starts on another model than the one chosen. */
  moveTo?: string
  /** The move to remember for the session: a turn that runs away from the primary. */
  record?: Move
  /** What the user is told, as toasts. */
  notices: string[]
}

/** What the plan of a turn changes, once the pool's plan says which member starts it. */
export function turnOutcome(input: {
  pool: PoolSpec
  chosen: string
  /** The member the plan starts on. */
  planned: string
  again: boolean
  /** Why the primary is skipped, when it cools down. */
  cooling: string | undefined
  /** Round robin: the member the session is assigned. */
  assigned?: string
}): TurnOutcome {
  const { pool, chosen, planned, again, cooling, assigned } = input
  const primary = pool.members[0]
  const notices: string[] = []
  // A session that comes back to its primary says so; a turn that runs away from it says why.
  if (planned === primary && again) notices.push(`${primary} is available again; this turn runs on it`)
  if (cooling !== undefined) notices.push(cooling)
  return {
    // OpenCode records, prices and shows the member that will answer.
    ...(planned === chosen ? {} : { moveTo: planned }),
    // The TUI keeps sending the member a turn was moved to, even after a later turn went back to the primary: the
    // record stays until the user picks another model. A round-robin session is recorded from its first turn, on
    // whichever member, so its next turns keep its member.
    ...(planned === primary && assigned === undefined
      ? {}
      : { record: { member: planned, pool: pool.name, ...(assigned === undefined ? {} : { assigned }) } }),
    notices,
  }
}
