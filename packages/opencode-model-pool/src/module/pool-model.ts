// The pool model for one pool and one turn member: the core's pool over the members the module builds, with each
// call shaped for the member it goes to, and every attempt, fallback and answer told to the user.
import type { LanguageModelV3 } from "@ai-sdk/provider"
import {
  createPoolModel,
  describeAnswer,
  describeAttempt,
  describeFailures,
  whoOf,
  type FallbackObserver,
  type PoolExhaustedError,
  type PoolSpec,
} from "@model-pool/core"
import { keyLabels } from "../config/api-keys.ts"
import { misplaced } from "../config/misplaced.ts"
import { POOL_PROVIDER } from "../config/parse.ts"
import { parseMemberId } from "../host/member-id.ts"
import type { MemberSource } from "../host/member-source.ts"
import { memberInfo } from "../host/provider-info.ts"
import type { PoolRuntime } from "../host/runtime.ts"
import { shapeCall } from "../shape/shape-call.ts"
import { bareModel, contextOf, modelOf, withLoginSystem } from "./call-context.ts"
import { UnknownMemberError } from "./errors.ts"
import { pricedByAnsweringMember } from "./member-cost.ts"
import { memberModels } from "./member-models.ts"
import { createSessionSizes } from "./session-sizes.ts"
import { wrapModel } from "./wrap-model.ts"

const poolModels = new WeakMap<PoolRuntime, Map<string, LanguageModelV3>>()

/** The sessions' last reported call sizes, which size their next calls for the members' windows. */
const sessionSizes = createSessionSizes()

/** What a pool that failed as a whole tells the user: every member's reason, and what OpenCode does next. */
function exhaustedNotice(error: PoolExhaustedError): string {
  const failed = `every member of ${error.pool} failed (${describeFailures(error.attempts)})`
  switch (error.recovery.kind) {
    case "after":
      return `${failed}; OpenCode retries in ${Math.ceil(error.recovery.inMs / 1000)}s, as the providers asked`
    case "unknown":
      return `${failed}; OpenCode retries on its own schedule, as it would without a pool`
    case "none":
      return `${failed}, and none recovers within about 5 min; the turn ends with this error`
  }
}

/** What the user is told of a pool's calls: each failed attempt and hop in the log, one notice per fallback. */
function observer(runtime: PoolRuntime, pool: PoolSpec): FallbackObserver {
  return {
    failure(candidate, classification, attempt) {
      // A model the provider does not have will not come back by itself: say so where the user looks.
      if (classification.lasting === "missing_model")
        return runtime.notify({
          level: "error",
          message: `${candidate.member}: the provider has no such model; it is skipped until its cooldown ends (check its id in the config, then \`opencode-model-pool reset ${candidate.member}\`)`,
          toast: true,
        })
      runtime.notify({ level: "warn", message: `${pool.name}: ${describeAttempt(attempt)}`, toast: false })
    },
    fallback: (from, to, classification) =>
      runtime.notify({
        level: "warn",
        message: `${from.member} -> ${to.member} (${classification.condition})`,
        toast: false,
      }),
    // One notice per call that fell back, once an answer comes: who wrote it, and why each member before it failed.
    success(candidate, attempts) {
      if (attempts.length > 0)
        runtime.notify({ level: "warn", message: describeAnswer(candidate, attempts), toast: true })
    },
  }
}

/** The pool model for calls that OpenCode started on `turn`: that member first, then the plan. */
export async function poolFor(
  runtime: PoolRuntime,
  pool: PoolSpec,
  turn: MemberSource | undefined,
): Promise<LanguageModelV3> {
  await Promise.all([runtime.providers(), runtime.agents()])
  const cache = poolModels.get(runtime) ?? new Map<string, LanguageModelV3>()
  poolModels.set(runtime, cache)
  const id = `${pool.name}|${turn?.member ?? ""}`
  const cached = cache.get(id)
  if (cached) return cached
  const build = memberModels(runtime)
  const known = await runtime.providers()
  // A member on a provider OpenCode does not know cannot be sent at all (start-up said so): the pool's calls leave
  // it out, whatever `fallback_on` says, and it gets no cooldown for a mistake in the config.
  const reachable: PoolSpec = {
    ...pool,
    members: pool.members.filter((member) => {
      const source = runtime.sources.get(member)
      return source === undefined || misplaced(source, known, runtime.sources)?.kind !== "provider"
    }),
  }
  // The model OpenCode prepared the call for: the turn's member, or the named pool itself.
  const named = parseMemberId(pool.name).modelID
  const prepared = turn ?? {
    member: pool.name,
    providerID: POOL_PROVIDER,
    modelID: named,
    apiID: named,
    npm: "@ai-sdk/openai-compatible" as const,
  }
  const pooled = createPoolModel({
    pool: reachable,
    store: runtime.store,
    catalog: (member) => memberInfo(runtime.known(member)?.model),
    keys: (member) => {
      const source = runtime.sources.get(member)
      return source ? keyLabels(runtime.apiKeys, source.providerID) : []
    },
    preferred: () => turn?.member,
    // A turn's member was picked, and the position advanced, once for the whole turn by `chat.message`.
    rotate: turn === undefined,
    build: (member, key) => {
      const source = runtime.sources.get(member)
      if (!source) throw new UnknownMemberError(member)
      return build(source, key)
    },
    prepare: (member, options) => {
      const source = runtime.sources.get(member)
      if (!source) return options
      const turnModel = turn ? modelOf(runtime, turn) : bareModel(prepared)
      const context = contextOf(runtime, options, prepared.providerID)
      const shaped = shapeCall({ member: modelOf(runtime, source), turn: turnModel, context, call: options })
      return withLoginSystem(runtime, source, prepared.providerID, shaped, context.sessionID)
    },
    observer: observer(runtime, pool),
    onExhausted: (error) => runtime.notify({ level: "error", message: exhaustedNotice(error), toast: true }),
    drill: (member) => runtime.drills.get(member),
    estimateTokens: (options) => sessionSizes.estimate(sessionOf(options), options),
    onAheadOfLimit: (notice) =>
      runtime.notify({
        level: "warn",
        message: `${pool.name}: ${whoOf(notice)} cools ahead of its limit for ${Math.ceil((notice.until - Date.now()) / 1000)}s (${notice.reason}); it is sent nothing until then`,
        toast: false,
      }),
  })
  const sessionOf = (options: Parameters<LanguageModelV3["doStream"]>[0]) =>
    contextOf(runtime, options, prepared.providerID).sessionID
  // OpenCode prices the call at the model it recorded: a call another member answered carries that member's price.
  const priced = pricedByAnsweringMember(pooled, prepared.member, (member) => runtime.known(member)?.model.cost)
  const model = wrapModel(priced, sessionSizes.middleware(sessionOf))
  cache.set(id, model)
  return model
}
