import type { ResolvedPolicy } from "../config/defaults.ts"
import { blendedPrice, type MemberCatalog } from "./member-info.ts"

/** Sorts by a key, putting members without a key last; the sort is stable, so ties keep configured order. */
function sortByKey(members: readonly string[], key: (member: string) => number | undefined): string[] {
  return members
    .map((member) => ({ member, value: key(member) }))
    .sort((a, b) => {
      if (a.value === undefined || b.value === undefined) {
        if (a.value === b.value) return 0
        return a.value === undefined ? 1 : -1
      }
      return a.value - b.value
    })
    .map((entry) => entry.member)
}

/**
 * Orders members by the pool's strategy alone (health comes after):
 * - `sequential`: as configured;
 * - `round_robin`: configured order rotated by the pool's call counter;
 * - `cost_first`: cheapest blended catalog price first, unknown prices last;
 * - `quality_first`: highest `quality` score first; unscored members after them, priciest first (price as a
 *   proxy for capability), unknown prices last.
 */
export function orderByStrategy(
  members: readonly string[],
  policy: ResolvedPolicy,
  catalog: MemberCatalog,
  cursor: number,
): string[] {
  switch (policy.strategy) {
    case "sequential":
      return [...members]
    case "round_robin": {
      const shift = members.length === 0 ? 0 : ((cursor % members.length) + members.length) % members.length
      return [...members.slice(shift), ...members.slice(0, shift)]
    }
    case "cost_first":
      return sortByKey(members, (member) => blendedPrice(catalog(member)))
    case "quality_first": {
      const scored = sortByKey(
        members.filter((member) => member in policy.quality),
        (member) => -(policy.quality[member] ?? 0),
      )
      const rest = sortByKey(
        members.filter((member) => !(member in policy.quality)),
        (member) => {
          const price = blendedPrice(catalog(member))
          return price === undefined ? undefined : -price
        },
      )
      return [...scored, ...rest]
    }
  }
}
