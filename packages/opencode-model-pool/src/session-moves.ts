import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

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
}

type Moves = Record<string, Move & { at: number }>

function load(path: string): Moves {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"))
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Moves) : {}
  } catch {
    // A missing or damaged file only means no session was moved.
    return {}
  }
}

/** The moves kept in `path`; `clock` orders records for pruning. */
export function createSessionMoves(path: string, clock: () => number = Date.now): SessionMoves {
  return {
    moved(session) {
      const move = load(path)[session]
      return move === undefined ? undefined : { member: move.member, pool: move.pool }
    },
    record(session, move) {
      const moves = load(path)
      if (move === undefined && !(session in moves)) return
      const known = moves[session]
      if (move !== undefined && known?.member === move.member && known.pool === move.pool) return
      if (move === undefined) delete moves[session]
      else moves[session] = { ...move, at: clock() }
      const kept = Object.entries(moves)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, KEPT)
      mkdirSync(dirname(path), { recursive: true })
      const temporary = `${path}.${process.pid}.tmp`
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(kept)))
      renameSync(temporary, path)
    },
  }
}
