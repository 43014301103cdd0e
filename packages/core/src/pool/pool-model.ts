import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { Classification, FallbackCondition } from "../condition.ts"
import type { PoolSpec } from "../config/pool-spec.ts"
import type { Attempt } from "../fallback/attempt.ts"
import { drillModel } from "../fallback/drill.ts"
import { createFallbackModel, type Candidate, type FallbackObserver } from "../fallback/fallback-model.ts"
import { PoolExhaustedError, RETRY_HORIZON_MS, type PoolRecovery } from "../fallback/pool-error.ts"
import { aheadOfLimit } from "../foresight/ahead-of-limit.ts"
import { callFacts } from "../foresight/call-facts.ts"
import { skipsFor } from "../foresight/fit.ts"
import { readLimitWindows } from "../foresight/limit-windows.ts"
import { recordAhead, recordFailure, recordSuccess, type HealthState, type MemberHealth } from "../health/state.ts"
import type { HealthStore } from "../health/store.ts"
import type { MemberCatalog } from "../order/member-info.ts"
import { healthId, type PlannedAttempt } from "../order/plan.ts"
import { planTurn, startTurn } from "../order/turn.ts"
import { asPoolMember, type LanguageModelLike, type SpecificationVersion } from "../language-model.ts"

/** Settings of a pool model: the pool, where its health lives, and how to build its members. */
export interface PoolModelSettings {
  pool: PoolSpec
  store: HealthStore
  /**
   * Builds the model of a member, with one of its provider's keys when it has several. Cache inside if costly. Every
   * member must be of the pool's `specificationVersion`.
   */
  build: (member: string, key: string | undefined) => LanguageModelLike | PromiseLike<LanguageModelLike>
  /** The specification the pool serves and its members have: `v3` (AI SDK 6, the default) or `v4` (AI SDK 7). */
  specificationVersion?: SpecificationVersion
  catalog?: MemberCatalog
  /** Non-secret labels of a member's API keys, in configured order. */
  keys?: (member: string) => readonly string[]
  /**
   * Advance the round-robin position with every call (the default). A host that picks the member once per turn
   * of several calls advances it itself, once per turn, and turns this off.
   */
  rotate?: boolean
  /** Adapts the call for a member: provider options keyed for its package, its package's defaults. */
  prepare?: (member: string, options: LanguageModelV3CallOptions) => LanguageModelV3CallOptions
  /**
   * The member a call should start with, when the host already committed to one for it (a host that records and
   * prices the turn's model before the call); the other members follow in plan order. A preferred member that is
   * cooling down is not moved forward: plan order (healthy members first) applies.
   */
  preferred?: (options: LanguageModelV3CallOptions) => string | undefined
  /** Extra listener, for notifications; health is tracked by the pool itself. */
  observer?: FallbackObserver
  /** Wall clock in epoch ms, for cooldowns and for reading the reset times and Retry-After dates of failures. */
  clock?: () => number
  /** Hears a call that every member failed, with what the error tells the caller about retrying it. */
  onExhausted?: (error: PoolExhaustedError) => void
  /**
   * The call's size in tokens, when the host knows better than the prompt's characters (the session's last
   * reported input tokens plus what was added since); see `callFacts`.
   */
  estimateTokens?: (options: LanguageModelV3CallOptions) => number | undefined
  /**
   * Fault drills: the condition a member plays in this process. Its calls fail at once with that condition,
   * without a request, so the real fallback, notices and report can be watched; nothing is recorded in the health
   * store, so no other process is affected.
   */
  drill?: (member: string) => FallbackCondition | undefined
  /** Hears a member cooling ahead of a limit its last answer reported; nothing failed, the next call avoids it. */
  onAheadOfLimit?: (notice: AheadNotice) => void
}

/** A member that cools ahead of a limit: who, until when, and which window says so. */
export interface AheadNotice {
  member: string
  key?: string
  until: number
  reason: string
}

/** A pool as one language model, plus the plan it would follow now (for status displays and doctors). */
export interface PoolModel extends LanguageModelV3 {
  plan(): PlannedAttempt[]
}

/**
 * Moves the preferred member's healthy attempts to the front, keeping the order of everything else. A cooling
 * preferred member is not moved: the host recorded it before the call (for each step of a turn), and
 * going back to it while it cools would repeat the failure that cooled it, step after step.
 */
function preferFirst(attempts: PlannedAttempt[], member: string | undefined): PlannedAttempt[] {
  if (member === undefined) return attempts
  const first = (attempt: PlannedAttempt) => attempt.member === member && attempt.coolingUntil === undefined
  return [...attempts.filter(first), ...attempts.filter((attempt) => !first(attempt))]
}

/** Which health record a failure belongs to: rate limits and rejected keys are per key, outages per model. */
function recordId(candidate: Candidate, classification: Classification): string | undefined {
  const perKey = classification.condition === "rate_limit" || classification.condition === "auth"
  if (candidate.key !== undefined && perKey) return healthId(candidate.member, candidate.key)
  // Without several keys a rejected key is for the user to fix; skipping the member would hide it.
  if (classification.condition === "auth") return undefined
  return candidate.member
}

/** Which record sets an attempt's cooldown: its key's or its member's, whichever ends last. */
function setBy(state: HealthState, attempt: PlannedAttempt): MemberHealth | undefined {
  const records = [state.members[attempt.healthId], state.members[attempt.member]]
  return records.find((record) => record !== undefined && record.until === attempt.coolingUntil)
}

/**
 * When the pool is worth calling again, from the plan after the failures were recorded. A healthy member the call
 * did not reach is usable now. A member the call tried that is not cooling failed in a way that does not heal by
 * waiting (a rejected key, a bad request), so it does not count. Only a wait the provider asked for is passed on:
 * when the soonest recovery is the pool's own guess (an escalating cooldown), the caller is told nothing and backs
 * off as it would for the last provider error, so a pool never makes its caller wait longer, nor give up sooner
 * on a guess, than a lone model would. Past the horizon, only the providers' word or a quota ends the retries.
 */
function recoveryOf(
  plan: readonly PlannedAttempt[],
  tried: readonly Attempt[],
  state: HealthState,
  now: number,
): PoolRecovery {
  const reached = new Set(tried.map((attempt) => healthId(attempt.member, attempt.key)))
  const waits = plan.flatMap((attempt) => {
    if (attempt.coolingUntil === undefined)
      return reached.has(attempt.healthId) ? [] : [{ inMs: 0, told: true, quota: false }]
    const record = setBy(state, attempt)
    return [{ inMs: attempt.coolingUntil - now, told: record?.told === true, quota: record?.quota === true }]
  })
  const soonest = waits.filter((wait) => wait.inMs <= RETRY_HORIZON_MS).sort((a, b) => a.inMs - b.inMs)[0]
  if (soonest !== undefined)
    return soonest.told ? { kind: "after", inMs: Math.max(0, soonest.inMs) } : { kind: "unknown" }
  return waits.some((wait) => !wait.told && !wait.quota) ? { kind: "unknown" } : { kind: "none" }
}

/**
 * A pool as one `LanguageModelV3`: each call plans its attempts from the strategy and the shared health,
 * advances the round-robin cursor, tries members through the fallback model and records every failure and
 * recovery in the health store before moving on.
 */
export function createPoolModel(settings: PoolModelSettings): PoolModel {
  const { pool, store } = settings
  const clock = settings.clock ?? Date.now
  const planInput = () => ({ pool, now: clock(), catalog: settings.catalog, keys: settings.keys })
  const plan = () => planTurn({ ...planInput(), state: store.read() }).attempts

  // What each call's candidates share: when they were planned, from what the store said then, and the call's
  // estimated size.
  const callOf = new WeakMap<Candidate, { plannedAt: number; tokens: number }>()

  const drilled = (model: LanguageModelV3, member: string) => {
    const condition = settings.drill?.(member)
    return condition === undefined ? model : drillModel(model, member, condition)
  }

  const health: FallbackObserver = {
    async failure(candidate, classification, attempt) {
      const id = classification.drill ? undefined : recordId(candidate, classification)
      if (id !== undefined) {
        const now = clock()
        // A call planned before the member's last failure was recorded did not know of it: the same incident.
        const since = callOf.get(candidate)?.plannedAt ?? now
        await store.update((state) => recordFailure(state, id, classification, pool.policy.cooldown, now, since))
      }
      await settings.observer?.failure?.(candidate, classification, attempt)
    },
    async fallback(from, to, classification) {
      await settings.observer?.fallback?.(from, to, classification)
    },
    async success(candidate, attempts, headers) {
      const ids = [candidate.member, healthId(candidate.member, candidate.key)]
      const members = store.read().members
      const now = clock()
      // Rate limits are kept per key, as a 429 would be.
      const ahead = aheadOfLimit(readLimitWindows(headers, now), callOf.get(candidate)?.tokens, now)
      if (ahead !== undefined || ids.some((id) => id in members))
        await store.update((state) => {
          for (const id of ids) recordSuccess(state, id)
          if (ahead !== undefined) recordAhead(state, healthId(candidate.member, candidate.key), ahead, now)
        })
      if (ahead !== undefined)
        settings.onAheadOfLimit?.({
          member: candidate.member,
          ...(candidate.key === undefined ? {} : { key: candidate.key }),
          until: ahead.until,
          reason: ahead.reason,
        })
      await settings.observer?.success?.(candidate, attempts, headers)
    },
  }

  const model = createFallbackModel({
    name: pool.name,
    ...(settings.specificationVersion === undefined ? {} : { specificationVersion: settings.specificationVersion }),
    policy: pool.policy,
    observer: health,
    clock,
    async candidates(options) {
      const input = planInput()
      const turn = await startTurn(store, input, { rotate: settings.rotate !== false })
      const preferred = settings.preferred?.(options)
      const attempts = preferFirst(turn.attempts, preferred)
      const facts = callFacts(options, settings.estimateTokens?.(options))
      const call = { plannedAt: input.now, tokens: facts.tokens }
      // The member the host prepared the call for is never passed by: the host sized the call for it (OpenCode
      // compacts a session for its turn's model), and an estimate must not override what the user picked.
      const skips = skipsFor(
        attempts.map((attempt) => (attempt.member === preferred ? undefined : settings.catalog?.(attempt.member))),
        facts,
      )
      return Promise.all(
        attempts.map(async (attempt, index): Promise<Candidate> => {
          const prepare = settings.prepare
          const skip = skips[index]
          const candidate: Candidate = {
            member: attempt.member,
            ...(attempt.key === undefined ? {} : { key: attempt.key }),
            model: drilled(asPoolMember(await settings.build(attempt.member, attempt.key)), attempt.member),
            contextWindow: settings.catalog?.(attempt.member)?.contextWindow,
            ...(skip === undefined ? {} : { skip }),
            ...(prepare ? { prepare: (options) => prepare(attempt.member, options) } : {}),
          }
          callOf.set(candidate, call)
          return candidate
        }),
      )
    },
  })
  /** A pool that failed as a whole says when it is worth calling again (its health is recorded by then). */
  async function told<T>(call: () => PromiseLike<T>): Promise<T> {
    try {
      return await call()
    } catch (error) {
      if (!PoolExhaustedError.isInstance(error)) throw error
      const now = clock()
      const state = store.read()
      const plan = planTurn({ ...planInput(), now, state }).attempts
      const told = error.withRecovery(recoveryOf(plan, error.attempts, state, now))
      settings.onExhausted?.(told)
      throw told
    }
  }

  return {
    ...model,
    doGenerate: (options) => told(() => model.doGenerate(options)),
    doStream: (options) => told(() => model.doStream(options)),
    plan,
  }
}
