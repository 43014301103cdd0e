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
export type { ConfigIssue } from "./config/format-issue.ts"
export { configJsonSchema } from "./config/json-schema.ts"
export {
  hasPoolKeys,
  parseAgentPool,
  parseOptions,
  POOL_PREFIX,
  type Parsed,
  type ParsedOptions,
  type PoolSpec,
} from "./config/parse.ts"
export { resolvePolicy } from "./config/policy.ts"
export { AGENT_POOL_KEYS, AgentPool, NamedPool, PluginOptions, Policy } from "./config/schema.ts"
export { describeAttempt, type Attempt } from "./fallback/attempt.ts"
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
export { emptyState, type HealthState, type MemberHealth } from "./health/state.ts"
export { createMemoryHealthStore, type HealthStore } from "./health/store.ts"
export { blendedPrice, type MemberCatalog, type MemberInfo } from "./order/member-info.ts"
export { healthId, planAttempts, type PlanInput, type PlannedAttempt } from "./order/plan.ts"
export { orderByStrategy } from "./order/strategy.ts"
export { advanceCursor, createPoolModel, type PoolModel, type PoolModelSettings } from "./pool/pool-model.ts"
