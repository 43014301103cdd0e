import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { withMemberSystem } from "./member-system.ts"
import type { SystemTransform } from "../host/auth-plugins.ts"

const call: LanguageModelV3CallOptions = {
  prompt: [
    { role: "system", content: "You are OpenCode." },
    { role: "system", content: "Project notes." },
    { role: "user", content: [{ type: "text", text: "hello" }] },
  ],
}

// Rewrites like the Claude Pro/Max auth plugin: only for its own provider.
const prefixing: SystemTransform = (input, output) => {
  if (input.model.providerID !== "anthropic") return
  output.system.unshift("PREFIX")
}

describe("the system prompt a member's auth plugin rewrites", () => {
  test("is rewritten for a member on the plugin's provider, the rest of the prompt kept", () => {
    const shaped = withMemberSystem(call, { providerID: "anthropic", id: "claude-sonnet-4-5" }, prefixing, "ses_1")
    expect(shaped.prompt).toEqual([{ role: "system", content: "PREFIX" }, ...call.prompt])
  })

  test("is left alone, the same object, when the hook changes nothing", () => {
    expect(withMemberSystem(call, { providerID: "openai", id: "gpt-5" }, prefixing, undefined)).toBe(call)
  })

  test("hands the hook the session and the model", () => {
    const seen: unknown[] = []
    withMemberSystem(call, { providerID: "anthropic", id: "m" }, (input) => void seen.push(input), "ses_9")
    expect(seen).toEqual([{ sessionID: "ses_9", model: { providerID: "anthropic", id: "m" } }])
  })
})
