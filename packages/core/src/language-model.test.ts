import { describe, expect, test } from "bun:test"
import { MixedSpecificationError } from "./language-model.ts"

describe("members of another specification than their pool", () => {
  test("the error names the pool, the member, both versions and their AI SDK majors, and is known across copies", () => {
    const error = new MixedSpecificationError("assistant", "anthropic/claude", "v4", "v3")
    expect(error.name).toBe("MixedSpecificationError")
    expect(error.message).toBe(
      "pool assistant: member anthropic/claude is a language model of specification v4 (AI SDK 7), but the pool serves v3 (AI SDK 6); build every member with the same AI SDK major",
    )
    expect(new MixedSpecificationError("p", "a/b", "v2", "v4").message).toContain(
      "specification v2 (an AI SDK this pool does not take), but the pool serves v4 (AI SDK 7)",
    )
    expect(MixedSpecificationError.isInstance(error)).toBe(true)
    expect(MixedSpecificationError.isInstance({ [Symbol.for("model-pool.error.MixedSpecificationError")]: true })).toBe(
      true,
    )
    expect(MixedSpecificationError.isInstance(new Error(error.message))).toBe(false)
  })
})
