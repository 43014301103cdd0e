import { makeStateFolder, readStateFile, replaceStateFile, unwritable } from "@model-pool/core"

/** How many sessions' moves are kept: a session's record is only read while the session is in use. */
const KEPT = 500

/**
 * Which member the plugin last moved each session's turn to. The TUI keeps sending that member with every prompt
 * (in a live session, and from the last user message once the session is entered again), so it would otherwise
 * look like the user's own pick and stick after its reason (a cooling primary) is gone. Kept in a file
 * beside the health state, because `opencode --continue` is another process.
 */
export interface SessionMoves {
  /** Where the plugin last moved a turn of the session, until the user picks another model. */
  moved(session: string): Move | undefined
  record(session: string, move: Move | undefined): void
}

/** A turn the plugin moved: the member it moved to, in which pool. */
export interface Move {
  member: string
  pool: string
  /** Round robin: the member the session is assigned, which its turns start on while it is healthy. */
  assigned?: string
}

/** Options of the session moves. */
export interface SessionMovesOptions {
  /** Orders records for pruning. */
  clock?: () => number
  /**
   * Told once, in a sentence naming the file and what is done instead, when the file is damaged or cannot be
   * written. Moves keep working either way: the file is a cache.
   */
  onProblem?: (message: string) => void
}

type Moves = Record<string, Move & { at: number }>

function isMoves(data: unknown): data is Record<string, unknown> {
  return typeof data === "object" && data !== null && !Array.isArray(data)
}

function isMove(value: unknown): value is Move & { at: number } {
  if (!isMoves(value)) return false
  return (
    typeof value.member === "string" &&
    typeof value.pool === "string" &&
    typeof value.at === "number" &&
    (value.assigned === undefined || typeof value.assigned === "string")
  )
}

/**
 * The moves kept in `path`. A file that cannot be written never fails a turn: the moves stay in this process's
 * memory, and every later record tries the file again.
 */
export function createSessionMoves(path: string, options: SessionMovesOptions = {}): SessionMoves {
  const clock = options.clock ?? Date.now
  // What this process keeps while the file cannot be written; reads return it.
  let held: Moves | undefined
  let told = false

  function tell(message: string): void {
    if (told) return
    told = true
    try {
      options.onProblem?.(message)
    } catch {
      // A listener's failure is not the store's.
    }
  }

  function load(): Moves {
    if (held) return held
    const read = readStateFile(path, isMoves, "session moves")
    if (read.problem !== undefined) tell(read.problem)
    // A missing file, or a record that is not a move, only means that session was not moved.
    if (read.text === undefined) return {}
    return Object.fromEntries(
      Object.entries(read.data).flatMap(([session, move]) => (isMove(move) ? [[session, move] as const] : [])),
    )
  }

  return {
    moved(session) {
      const move = load()[session]
      if (move === undefined) return undefined
      return {
        member: move.member,
        pool: move.pool,
        ...(move.assigned === undefined ? {} : { assigned: move.assigned }),
      }
    },
    record(session, move) {
      const moves = { ...load() }
      if (move === undefined && !(session in moves)) return
      const known = moves[session]
      const same = known?.member === move?.member && known?.pool === move?.pool && known?.assigned === move?.assigned
      if (move !== undefined && same) return
      if (move === undefined) delete moves[session]
      else moves[session] = { ...move, at: clock() }
      const kept: Moves = Object.fromEntries(
        Object.entries(moves)
          .sort(([, a], [, b]) => b.at - a.at)
          .slice(0, KEPT),
      )
      const failure = makeStateFolder(path) ?? replaceStateFile(path, JSON.stringify(kept))
      held = failure ? kept : undefined
      if (failure) tell(unwritable(failure, "session moves"))
    },
  }
}
