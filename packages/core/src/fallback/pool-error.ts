import { APICallError } from "@ai-sdk/provider"
import { redactSecrets } from "../classify/index.ts"
import type { Classification } from "../condition.ts"
import { describeAttempt, type Attempt } from "./attempt.ts"

const marker = Symbol.for("model-pool.error.PoolExhaustedError")

/**
 * Every member of a pool failed. It is an `APICallError` carrying the last provider error's status, headers
 * and retryability, so a caller's own retry logic (OpenCode's included) treats it like that error; its message
 * lists every attempt, and no request body, key or prompt is kept.
 */
export class PoolExhaustedError extends APICallError {
  private readonly [marker] = true
  readonly pool: string
  readonly attempts: readonly Attempt[]

  constructor(pool: string, attempts: readonly Attempt[], lastError: unknown, last: Classification) {
    const api = APICallError.isInstance(lastError) ? lastError : undefined
    super({
      message: `All ${attempts.length} attempts of ${pool} failed:\n${attempts.map((attempt) => `- ${describeAttempt(attempt)}`).join("\n")}`,
      url: api ? redactSecrets(api.url) : "",
      requestBodyValues: undefined,
      statusCode: api?.statusCode ?? last.status,
      responseHeaders: api?.responseHeaders,
      responseBody: api?.responseBody === undefined ? undefined : redactSecrets(api.responseBody),
      isRetryable: api?.isRetryable ?? last.retryable,
      data: { pool, attempts },
    })
    this.pool = pool
    this.attempts = attempts
  }

  /** True for a PoolExhaustedError, even from another copy of this package. */
  static override isInstance(error: unknown): error is PoolExhaustedError {
    return typeof error === "object" && error !== null && marker in error
  }
}
