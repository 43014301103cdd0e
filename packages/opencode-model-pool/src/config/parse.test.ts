import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY } from "@model-pool/core"
import { parseAgentPool } from "./parse.ts"

function issuesOf(result: ReturnType<typeof parseAgentPool>): string[] {
  if (result.ok) throw new Error("expected issues, got a valid config")
  return result.issues.map((issue) => issue.message)
}

describe("agent pools", () => {
  test("an agent with a single model and no pool keys has no pool", () => {
    expect(parseAgentPool("build", { model: "openai/gpt-5", temperature: 0.2 })).toEqual({ ok: true, value: undefined })
  })

  test("model plus fallbacks makes an ordered pool with default policy", () => {
    const result = parseAgentPool("build", { model: "openai/gpt-5", fallbacks: ["anthropic/claude-sonnet-4-5"] })
    expect(result).toEqual({
      ok: true,
      value: { name: "agent.build", members: ["openai/gpt-5", "anthropic/claude-sonnet-4-5"], policy: DEFAULT_POLICY },
    })
  })

  test("models[] makes a pool whose first entry is the primary", () => {
    const result = parseAgentPool("plan", {
      models: ["a/x", "b/y"],
      strategy: "round_robin",
      fallback_on: ["rate_limit"],
    })
    if (!result.ok || !result.value) throw new Error("expected a pool")
    expect(result.value.members).toEqual(["a/x", "b/y"])
    expect(result.value.policy.strategy).toBe("round_robin")
    expect(result.value.policy.fallbackOn).toEqual(["rate_limit"])
  })

  test("models with the same model as its first entry is accepted", () => {
    expect(parseAgentPool("a", { model: "a/x", models: ["a/x", "b/y"] }).ok).toBe(true)
  })

  test("a misspelt condition names the path, the value and the allowed values", () => {
    const result = parseAgentPool("build", {
      model: "a/x",
      fallbacks: ["b/y"],
      fallback_on: ["rate_limit", "ratelimit"],
    })
    expect(issuesOf(result)).toEqual([
      'agent.build.fallback_on[1]: "ratelimit" is not one of rate_limit, timeout, provider_unavailable, token_limit',
    ])
  })

  test("an unknown strategy is rejected with the allowed strategies", () => {
    expect(issuesOf(parseAgentPool("b", { models: ["a/x"], strategy: "fastest" }))).toEqual([
      'agent.b.strategy: "fastest" is not one of sequential, round_robin, cost_first, quality_first',
    ])
  })

  test("models and fallbacks together are an error", () => {
    expect(issuesOf(parseAgentPool("b", { models: ["a/x"], fallbacks: ["b/y"] }))).toEqual([
      "agent.b.fallbacks: cannot be used together with models; list every member in models instead",
    ])
  })

  test("models and a different model are an error", () => {
    expect(issuesOf(parseAgentPool("b", { model: "c/z", models: ["a/x", "b/y"] }))).toEqual([
      'agent.b.model: "c/z" differs from models[0] "a/x"; give either models or model + fallbacks',
    ])
  })

  test("fallbacks without a model is an error", () => {
    expect(issuesOf(parseAgentPool("b", { fallbacks: ["b/y"] }))).toEqual([
      "agent.b.fallbacks: needs a model to fall back from; set model, or use models",
    ])
  })

  test("a member that is not provider/model is named with its index", () => {
    expect(issuesOf(parseAgentPool("b", { model: "a/x", fallbacks: ["gpt4"] }))).toEqual([
      'agent.b.fallbacks[0]: "gpt4" must be a provider/model string',
    ])
  })

  test("a member listed twice is named at the key the user wrote", () => {
    expect(issuesOf(parseAgentPool("b", { model: "a/x", fallbacks: ["b/y", "a/x"] }))).toEqual([
      'agent.b.fallbacks[1]: "a/x" is listed twice; list each model once',
    ])
  })

  test("a pool cannot be a member of another pool", () => {
    expect(issuesOf(parseAgentPool("b", { models: ["a/x", "pool/fast"] }))).toEqual([
      'agent.b.models[1]: "pool/fast" is a pool; a pool member must be a provider/model',
    ])
  })

  test("wrong types name the key and the type given", () => {
    expect(issuesOf(parseAgentPool("b", { models: ["a/x"], retries: "2", first_token_timeout_ms: -5 }))).toEqual([
      "agent.b.first_token_timeout_ms: -5 must be greater than 0",
      'agent.b.retries: "2" is a string, expected number',
    ])
  })

  test("an unknown key inside cooldown is an error listing the allowed keys", () => {
    expect(issuesOf(parseAgentPool("b", { models: ["a/x"], cooldown: { initial: 5 } }))).toEqual([
      "agent.b.cooldown.initial: is not a known key (allowed: initial_ms, factor, max_ms, quota_ms)",
    ])
  })

  test("pool policy falls back to the plugin defaults, then to built-in defaults", () => {
    const result = parseAgentPool(
      "b",
      { models: ["a/x"], retries: 1 },
      { retries: 3, strategy: "cost_first", cooldown: { max_ms: 10 } },
    )
    if (!result.ok || !result.value) throw new Error("expected a pool")
    expect(result.value.policy.retries).toBe(1)
    expect(result.value.policy.strategy).toBe("cost_first")
    expect(result.value.policy.cooldown).toEqual({ ...DEFAULT_POLICY.cooldown, maxMs: 10 })
  })

  test("first_token_timeout_ms false turns the deadline off", () => {
    const result = parseAgentPool("b", { models: ["a/x"], first_token_timeout_ms: false })
    if (!result.ok || !result.value) throw new Error("expected a pool")
    expect(result.value.policy.firstTokenTimeoutMs).toBeUndefined()
  })
})
