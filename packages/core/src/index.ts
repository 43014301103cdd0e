export { classify, isContextOverflow, QUOTA_RETRY_THRESHOLD_MS, redactSecrets, retryAfterMs } from "./classify/index.ts"
export {
  FALLBACK_CONDITIONS,
  type Classification,
  type Condition,
  type FallbackCondition,
  type Lasting,
} from "./condition.ts"
export {
  DEFAULT_POLICY,
  STRATEGIES,
  type CooldownPolicy,
  type ResolvedPolicy,
  type Strategy,
} from "./config/defaults.ts"
export { formatIssues, formatPath, type ConfigIssue, type IsSecret } from "./config/format-issue.ts"
export { resolvePolicy } from "./config/policy.ts"
export { MemberRef, Policy } from "./config/policy-schema.ts"
export { memberIssues, type MemberRules, type PoolSpec } from "./config/pool-spec.ts"
export { describeAnswer, describeAttempt, describeFailures, reasonOf, whoOf, type Attempt } from "./fallback/attempt.ts"
export { aheadOfLimit, type AheadOfLimit } from "./foresight/ahead-of-limit.ts"
export { callFacts, CHARS_PER_TOKEN, promptCharacters, type CallFacts, type InputKind } from "./foresight/call-facts.ts"
export { skipsFor, unfitReason } from "./foresight/fit.ts"
export { readLimitWindows, type LimitWindow, type WindowKind } from "./foresight/limit-windows.ts"
export { DrillError, drillModel } from "./fallback/drill.ts"
export { FirstTokenTimeoutError } from "./fallback/deadline.ts"
export { EmptyAnswerError } from "./fallback/empty-answer.ts"
export {
  createFallbackModel,
  METADATA_KEY,
  type Candidate,
  type FallbackObserver,
  type FallbackSettings,
} from "./fallback/fallback-model.ts"
export { PoolExhaustedError, RETRY_HORIZON_MS, type PoolRecovery } from "./fallback/pool-error.ts"
export { createFileHealthStore, type FileStoreOptions } from "./health/file-store.ts"
export { createRedisHealthStore, type RedisHealthStore, type RedisStoreOptions } from "./health/redis-store.ts"
export { redactRedisUrl } from "./health/redis-url.ts"
export { emptyState, type HealthState, type MemberHealth } from "./health/state.ts"
export {
  makeStateFolder,
  readStateFile,
  replaceStateFile,
  unwritable,
  type StateFileRead,
  type WriteFailure,
} from "./health/state-file.ts"
export { createMemoryHealthStore, type HealthStore } from "./health/store.ts"
export { blendedPrice, type MemberCatalog, type MemberInfo } from "./order/member-info.ts"
export { healthId, planAttempts, type PlanInput, type PlannedAttempt } from "./order/plan.ts"
export { orderByStrategy } from "./order/strategy.ts"
export { createPoolModel, type AheadNotice, type PoolModel, type PoolModelSettings } from "./pool/pool-model.ts"
export { createPool, type CreatePoolSettings, type Pool } from "./pool/create-pool.ts"
export { MixedSpecificationError, type LanguageModelLike, type SpecificationVersion } from "./language-model.ts"
export { advanceCursor, planTurn, startTurn, type TurnPlan } from "./order/turn.ts"
