/**
 * The provider-options key through which `chat.params` tells the model module which pool a call belongs to.
 * The module removes it before anything reaches a provider.
 */
export const POOL_MARKER = "modelPool"

/** What the marker carries. */
export interface PoolMarker {
  pool: string
}

/** Reads the marker from a provider's options, if it is there and well-formed. */
export function readMarker(options: Record<string, unknown> | undefined): PoolMarker | undefined {
  const marker = options?.[POOL_MARKER]
  if (typeof marker !== "object" || marker === null) return undefined
  const pool = (marker as Record<string, unknown>).pool
  return typeof pool === "string" ? { pool } : undefined
}
