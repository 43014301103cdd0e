import { describe, expect, test } from "bun:test"
import { parseMemberId } from "./member-id.ts"

describe("a member's id", () => {
  test("splits at the first slash: the model key keeps the rest", () => {
    expect(parseMemberId("openai/gpt-5")).toEqual({ providerID: "openai", modelID: "gpt-5" })
    expect(parseMemberId("openrouter/google/gemini-2.5-pro")).toEqual({
      providerID: "openrouter",
      modelID: "google/gemini-2.5-pro",
    })
    expect(parseMemberId("pool/duo")).toEqual({ providerID: "pool", modelID: "duo" })
  })
})
