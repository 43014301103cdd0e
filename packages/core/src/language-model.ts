import type { LanguageModelV3 } from "@ai-sdk/provider"
import { hasMarker } from "./fallback/marker.ts"

/** The language model specifications a pool takes members of and serves: AI SDK 6's and AI SDK 7's. */
export type SpecificationVersion = "v3" | "v4"

/**
 * What a pool needs of a member, as `LanguageModelV3` (AI SDK 6) and `LanguageModelV4` (AI SDK 7) both have it. The
 * two differ only in what the pool passes through untouched (new stream parts, new call options and result fields),
 * so one implementation serves both; a pool's members must share one version, which the pool then serves.
 */
export interface LanguageModelLike {
  readonly specificationVersion: SpecificationVersion
  readonly provider: string
  readonly modelId: string
  supportedUrls: LanguageModelV3["supportedUrls"]
  doGenerate(options: never): PromiseLike<unknown>
  doStream(options: never): PromiseLike<unknown>
}

/** A member of either version, as the pool's code handles it (see `LanguageModelLike`). */
export function asPoolMember(model: LanguageModelLike): LanguageModelV3 {
  return model as unknown as LanguageModelV3
}

const marker = Symbol.for("model-pool.error.MixedSpecificationError")

/** A pool whose members are not all of the version it serves: a mistake in how it was built, not a failure. */
export class MixedSpecificationError extends Error {
  private readonly [marker] = true
  override readonly name = "MixedSpecificationError"

  constructor(pool: string, member: string, found: string, expected: SpecificationVersion) {
    super(
      `pool ${pool}: member ${member} is a language model of specification ${found} (${sdkOf(found)}), but the pool serves ${expected} (${sdkOf(expected)}); build every member with the same AI SDK major`,
    )
  }

  /** True for a MixedSpecificationError, even from another copy of this package. */
  static isInstance(error: unknown): error is MixedSpecificationError {
    return hasMarker(error, marker)
  }
}

function sdkOf(version: string): string {
  return version === "v3" ? "AI SDK 6" : version === "v4" ? "AI SDK 7" : "an AI SDK this pool does not take"
}
