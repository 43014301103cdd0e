// Agent keys that look like a misspelt pool key, and the nearest-name guess the start-up checks share.
import type { ConfigIssue } from "@model-pool/core"
import { AGENT_POOL_KEYS, AgentPool, POOL_KEY_ALIASES } from "./schema.ts"

/** `fallbackOn`, `Fallback-On` and `fallback_on` read alike: config keys here are snake_case. */
function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/-/g, "_")
    .toLowerCase()
}

/** Edits (insert, delete, replace, swap of two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const width = b.length + 1
  // Edits from the first i letters of `a` to the first j of `b`, kept at i * width + j.
  const table = new Array<number>((a.length + 1) * width).fill(0)
  const at = (i: number, j: number) => table[i * width + j] ?? 0
  for (let i = 0; i <= a.length; i++)
    for (let j = 0; j <= b.length; j++) {
      const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]
      table[i * width + j] =
        i === 0 || j === 0
          ? i + j
          : Math.min(
              at(i - 1, j) + 1,
              at(i, j - 1) + 1,
              at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
              swapped ? at(i - 2, j - 2) + 1 : Number.POSITIVE_INFINITY,
            )
    }
  return at(a.length, b.length)
}

/**
 * The candidate `word` is most likely a misspelling of, if any is close enough: one edit for a name of up to six
 * letters, two up to twelve, three beyond. Short names get one, so `mode` (an OpenCode key) is not `models`.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const found = [...candidates]
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ candidate, distance }) => distance <= (candidate.length <= 6 ? 1 : candidate.length <= 12 ? 2 : 3))
    .sort((a, b) => a.distance - b.distance)
  return found[0]?.candidate
}

/**
 * Keys of an agent entry that look like a misspelt pool key (`fallbak_on`, `stratgy`, `fallbackOn`) or another
 * fallback plugin's name for one (`fallback_models`). They are reported, not removed: OpenCode passes unknown agent
 * keys on to the provider as options, as it does without this plugin, and what the user wrote is theirs to change.
 * Keys far from every pool key are OpenCode's or the provider's, and are not judged.
 */
export function misspeltKeys(name: string, agent: unknown): ConfigIssue[] {
  if (typeof agent !== "object" || agent === null) return []
  const known = new Set(Object.keys(AgentPool.shape))
  return Object.keys(agent).flatMap((key): ConfigIssue[] => {
    if (known.has(key)) return []
    const snake = snakeCase(key)
    const meant = POOL_KEY_ALIASES[snake] ?? closest(snake, AGENT_POOL_KEYS)
    if (meant === undefined) return []
    const path = `agent.${name}.${key}`
    return [
      {
        path,
        message: `${path}: unknown key; did you mean "${meant}"? (left as written: OpenCode sends unknown agent keys to the provider as options)`,
      },
    ]
  })
}
