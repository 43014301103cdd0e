// Members OpenCode cannot place: a provider it does not know (no call can be sent), or a model neither the config
// nor OpenCode's catalog lists (sent as written). Told at start-up; the model module leaves the first kind out.
import type { MemberSource } from "../host/member-source.ts"
import type { Notice } from "../host/notifier.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { closest } from "./misspelt.ts"

/** A member OpenCode cannot build as the user meant it. */
export interface Misplaced {
  /**
   * `provider`: OpenCode knows no such provider, so no call to the member can be sent; `model`: neither the config
   * nor OpenCode's catalog lists the model, which is sent as written all the same.
   */
  kind: "provider" | "model"
  /** What is wrong, without the member's keys: `no provider "zz" is configured or known to OpenCode`. */
  reason: string
}

/** What the check reads of OpenCode's provider list. */
type Offered = Pick<ProviderInfo, "env" | "models">

/**
 * Checks a member against OpenCode's provider list, which also holds what the plugin's routing added: an entry for
 * each member's provider and model. So a provider the config does not define is known to OpenCode only when OpenCode
 * has more of it than the routing added (its catalog's key variables, or other models), and a model the config does
 * not list is in the catalog only when OpenCode filled in what the catalog says of it (a release date or a context
 * window). A custom provider without a `models` map lists nothing: its members are not judged. Undefined when the
 * member is fine, or when the list is empty (OpenCode did not answer).
 */
export function misplaced(
  source: MemberSource,
  known: ReadonlyMap<string, Offered>,
  sources: ReadonlyMap<string, MemberSource>,
): Misplaced | undefined {
  const declared = source.declared ?? "model"
  if (declared === "model" || known.size === 0) return undefined
  const { providerID, modelID } = source
  const info = known.get(providerID)
  if (!info)
    return {
      kind: "provider",
      reason:
        declared === "none"
          ? `no provider "${providerID}" is configured or known to OpenCode`
          : `OpenCode does not offer provider "${providerID}" (is it in disabled_providers, or missing from enabled_providers?)`,
    }
  // A model entry only the routing gave is filled in when the catalog has the model.
  const filled = (model: Offered["models"][string] | undefined) => Boolean(model?.release_date || model?.limit?.context)
  const added = (id: string) => (sources.get(`${providerID}/${id}`)?.declared ?? "model") !== "model"
  const own = Object.entries(info.models)
    .filter(([id, model]) => !added(id) || filled(model))
    .map(([id]) => id)
  const catalog = (info.env?.length ?? 0) > 0 || own.length > 0
  if (declared === "none" && !catalog)
    return { kind: "provider", reason: `no provider "${providerID}" is configured or known to OpenCode` }
  if (filled(info.models[modelID]) || (declared === "provider" && !catalog)) return undefined
  const guess = closest(modelID, own)
  const hint = guess === undefined ? "" : ` (did you mean "${providerID}/${guess}"?)`
  const where =
    declared === "models" && (info.env?.length ?? 0) === 0
      ? `provider.${providerID}.models in the config has no "${modelID}"`
      : `OpenCode's catalog has no model "${modelID}" for provider "${providerID}", and the config does not list it`
  return { kind: "model", reason: `${where}${hint}` }
}

/**
 * What to tell at start-up about members OpenCode cannot place, one notice per member naming every key that names
 * it: a provider OpenCode does not know (its pools' calls leave it out), a model nobody lists (the member
 * is tried as written).
 */
export function misplacedNotices(
  sources: ReadonlyMap<string, MemberSource>,
  known: ReadonlyMap<string, Offered>,
): Notice[] {
  return [...sources.values()].flatMap((source): Notice[] => {
    const found = misplaced(source, known, sources)
    if (!found) return []
    const where = source.paths?.length ? `${source.paths.join(", ")}: ` : ""
    const next =
      found.kind === "provider" ? "the pool leaves it out of its calls" : "the pool still sends it as written"
    return [
      {
        level: found.kind === "provider" ? "error" : "warn",
        message: `${where}${JSON.stringify(source.member)}: ${found.reason}; ${next}`,
        toast: true,
      },
    ]
  })
}
