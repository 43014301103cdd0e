/** What the decisions know about a member beyond its name, usually from a model catalog. */
export interface MemberInfo {
  /** Price in USD per million tokens. */
  cost?: { input: number; output: number }
  /** Context window in tokens. */
  contextWindow?: number
  /** The most output tokens a call may ask for; reserved out of the window. */
  outputLimit?: number
  /** Input kinds beyond text the member takes (`modalities.input`): `image`, `pdf`, `audio`, `video`. */
  input?: readonly string[]
  /** False when the member cannot call tools. */
  toolCall?: boolean
}

/** Looks a member up; undefined when the catalog does not know it. */
export type MemberCatalog = (member: string) => MemberInfo | undefined

/**
 * One price per member for `cost_first`: input and output blended 3:1, because a turn that carries its history
 * and tool results sends far more tokens than it receives. Undefined when the catalog has no price.
 */
export function blendedPrice(info: MemberInfo | undefined): number | undefined {
  if (!info?.cost) return undefined
  return (info.cost.input * 3 + info.cost.output) / 4
}
