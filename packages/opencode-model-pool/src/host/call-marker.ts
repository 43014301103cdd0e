/**
 * The provider-options key through which `chat.params` tells the model module what it knows of a call that
 * OpenCode does not pass to a model: the pool it belongs to, the agent and the variant the turn runs with. The
 * module removes it before anything reaches a provider.
 */
export const POOL_MARKER = "modelPool"

/** What the marker carries. */
export interface PoolMarker {
  /** The pool whose members the call may fall back to; absent for a member called on its own. */
  pool?: string
  agent?: string
  session?: string
  variant?: string
  /** A call on OpenCode's small model (titles), which OpenCode gives lighter options. */
  small?: boolean
}

const text = (value: unknown) => (typeof value === "string" ? value : undefined)

/** Reads the marker from a provider's options, if it is there and well-formed. */
export function readMarker(options: Record<string, unknown> | undefined): PoolMarker | undefined {
  const marker = options?.[POOL_MARKER]
  if (typeof marker !== "object" || marker === null) return undefined
  const fields = marker as Record<string, unknown>
  return {
    ...(text(fields.pool) ? { pool: text(fields.pool) } : {}),
    ...(text(fields.agent) ? { agent: text(fields.agent) } : {}),
    ...(text(fields.session) ? { session: text(fields.session) } : {}),
    ...(text(fields.variant) ? { variant: text(fields.variant) } : {}),
    ...(fields.small === true ? { small: true } : {}),
  }
}
