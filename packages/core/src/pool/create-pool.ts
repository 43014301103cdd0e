import type { PoolSpec } from "../config/pool-spec.ts"
import { formatIssues } from "../config/format-issue.ts"
import { resolvePolicy } from "../config/policy.ts"
import { Policy } from "../config/policy-schema.ts"
import type { FallbackObserver } from "../fallback/candidate.ts"
import { createMemoryHealthStore, type HealthStore } from "../health/store.ts"
import type { LanguageModelLike } from "../language-model.ts"
import type { PlannedAttempt } from "../order/plan.ts"
import { createPoolModel, type PoolModelSettings } from "./pool-model.ts"

/**
 * The short start: the members themselves, and whatever of the pool's settings differs from the defaults; every
 * other setting of `createPoolModel` (a clock, drills, a catalog, ...) may be given beside them.
 */
export interface CreatePoolSettings<M extends LanguageModelLike> extends Omit<
  PoolModelSettings,
  "pool" | "store" | "build" | "observer" | "specificationVersion"
> {
  /** The members in order, the first the primary; all of one AI SDK major (`LanguageModelV3` or `LanguageModelV4`). */
  models: readonly M[]
  /** Names the pool in reports, errors and the round-robin position. Default `pool`. */
  name?: string
  /** The policy keys, as a config file writes them (`fallback_on`, `strategy`, `cooldown`, ...); checked at once. */
  policy?: Policy
  /** Where health lives; default in this process's memory. A file or Redis store shares it between processes. */
  store?: HealthStore
  observer?: FallbackObserver
}

/** A pool as one model of its members' own type, plus the plan it would follow now. */
export type Pool<M extends LanguageModelLike> = M & { plan(): PlannedAttempt[] }

/**
 * A member's id in reports: the provider's name without the API after its dot (`openai.responses` -> `openai`),
 * then the model id; a repeated id gets `#2`, `#3`, in order.
 */
function memberIds(models: readonly LanguageModelLike[]): string[] {
  const seen = new Map<string, number>()
  return models.map((model) => {
    const id = `${model.provider.split(".")[0]}/${model.modelId}`
    const count = (seen.get(id) ?? 0) + 1
    seen.set(id, count)
    return count === 1 ? id : `${id}#${count}`
  })
}

/**
 * A pool of `models` as one model that `streamText` and `generateText` take, of the same specification as its
 * members: the policy's defaults unless `policy` says otherwise, health in memory unless a `store` is given. Throws
 * at once, naming the key, for a policy that does not validate, and for members of two AI SDK majors.
 *
 * @example createPool({ models: [openai("gpt-5"), anthropic("claude-sonnet-4-5")] })
 */
export function createPool<M extends LanguageModelLike>(settings: CreatePoolSettings<M>): Pool<M> {
  const { models, name = "pool", policy, store, observer, ...rest } = settings
  const checked = Policy.safeParse(policy ?? {}, { reportInput: true })
  if (!checked.success) {
    const lines = formatIssues(`${name}.policy`, Policy, checked.error.issues).map((issue) => issue.message)
    throw new TypeError(`invalid pool policy:\n${lines.join("\n")}`)
  }
  const [first] = models
  if (first === undefined) throw new TypeError(`pool ${name}: models is empty; list at least one model`)
  const versions = new Set(models.map((model) => model.specificationVersion))
  if (versions.size > 1)
    throw new TypeError(
      `pool ${name}: models mix language model specifications (${[...versions].join(", ")}); build every member with the same AI SDK major (v3 is AI SDK 6, v4 AI SDK 7)`,
    )
  const ids = memberIds(models)
  const byId = new Map(ids.map((id, index) => [id, models[index]!]))
  const pool: PoolSpec = { name, members: ids, policy: resolvePolicy(checked.data) }
  const model = createPoolModel({
    ...rest,
    pool,
    store: store ?? createMemoryHealthStore(),
    build: (member) => byId.get(member)!,
    specificationVersion: first.specificationVersion,
    ...(observer === undefined ? {} : { observer }),
  })
  return model as unknown as Pool<M>
}
