import { MockLanguageModelV3 } from "ai/test"
import { describe, expect, test } from "bun:test"
import { DrillError, drillModel } from "./drill.ts"

describe("a fault drill", () => {
  test("its stand-in keeps the member's identity, fails every call at once and never calls the member", async () => {
    const urls = { "image/*": [/^https:\/\/example\.com\//] }
    const member = new MockLanguageModelV3({ provider: "alpha.chat", modelId: "gpt-main", supportedUrls: urls })
    const drilled = drillModel(member, "alpha/gpt-main", "rate_limit")
    expect([drilled.specificationVersion, drilled.provider, drilled.modelId]).toEqual(["v3", "alpha.chat", "gpt-main"])
    expect(await drilled.supportedUrls).toEqual(urls)
    await expect(Promise.resolve(drilled.doStream({ prompt: [] }))).rejects.toThrow(
      "drill: alpha/gpt-main plays rate_limit (no request was sent)",
    )
    await expect(Promise.resolve(drilled.doGenerate({ prompt: [] }))).rejects.toBeInstanceOf(DrillError)
    expect(member.doStreamCalls).toHaveLength(0)
    expect(member.doGenerateCalls).toHaveLength(0)
  })

  test("an AI SDK 7 member's stand-in stays AI SDK 7", () => {
    const member = { ...new MockLanguageModelV3(), specificationVersion: "v4" } as unknown as MockLanguageModelV3
    expect(String(drillModel(member, "a/b", "timeout").specificationVersion)).toBe("v4")
  })

  test("its failure is the condition it plays, flagged as a drill, and is known across copies", () => {
    const error = new DrillError("alpha/gpt-main", "provider_unavailable")
    expect(error.name).toBe("DrillError")
    expect(error.classification).toEqual({
      condition: "provider_unavailable",
      quota: false,
      message: "drill: alpha/gpt-main plays provider_unavailable (no request was sent)",
      retryable: true,
      drill: true,
    })
    expect(DrillError.isInstance(error)).toBe(true)
    expect(DrillError.isInstance({ [Symbol.for("model-pool.error.DrillError")]: true })).toBe(true)
    expect(DrillError.isInstance(new Error("drill: alpha/gpt-main plays timeout"))).toBe(false)
  })
})
