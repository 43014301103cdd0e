import type { LanguageModelV3 } from "@ai-sdk/provider"
import type { Classification, FallbackCondition } from "../condition.ts"
import { hasMarker } from "./marker.ts"

const marker = Symbol.for("model-pool.error.DrillError")

/**
 * The failure a fault drill plays: the member fails with `condition` at once, without a request. A drill's
 * failure moves the call on as the real one would, but is never repeated, never recorded in the shared health and
 * never mistaken for the provider's: its message says it is a drill.
 */
export class DrillError extends Error {
  private readonly [marker] = true
  override readonly name = "DrillError"
  readonly member: string
  readonly condition: FallbackCondition

  constructor(member: string, condition: FallbackCondition) {
    super(`drill: ${member} plays ${condition} (no request was sent)`)
    this.member = member
    this.condition = condition
  }

  /** What the pool makes of a drill: the condition it plays, flagged as a drill. */
  get classification(): Classification {
    return { condition: this.condition, quota: false, message: this.message, retryable: true, drill: true }
  }

  /** True for a DrillError, even from another copy of this package. */
  static isInstance(error: unknown): error is DrillError {
    return hasMarker(error, marker)
  }
}

/** A stand-in for `model` whose every call fails at once with the drill's condition. */
export function drillModel(model: LanguageModelV3, member: string, condition: FallbackCondition): LanguageModelV3 {
  const fail = () => Promise.reject(new DrillError(member, condition))
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    supportedUrls: model.supportedUrls,
    doGenerate: fail,
    doStream: fail,
  }
}
