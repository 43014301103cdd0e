import { describe, expect, test } from "bun:test"
import { z } from "zod"
import { DEFAULT_POLICY } from "./defaults.ts"
import { formatIssues } from "./format-issue.ts"
import { resolvePolicy } from "./policy.ts"
import { Policy } from "./policy-schema.ts"

function issuesOf(input: unknown): string[] {
  const result = Policy.safeParse(input, { reportInput: true })
  if (result.success) throw new Error("expected issues, got a valid policy")
  return formatIssues("pool", Policy, result.error.issues).map((issue) => issue.message)
}

describe("policy schema", () => {
  test("an empty policy is valid and resolves to the built-in defaults", () => {
    expect(resolvePolicy(Policy.parse({}))).toEqual(DEFAULT_POLICY)
  })

  test("a misspelt condition names the path, the value and the allowed values", () => {
    expect(issuesOf({ fallback_on: ["rate_limit", "ratelimit"] })).toEqual([
      'pool.fallback_on[1]: "ratelimit" is not one of rate_limit, timeout, provider_unavailable, token_limit',
    ])
  })

  test("an unknown strategy is rejected with the allowed strategies", () => {
    expect(issuesOf({ strategy: "fastest" })).toEqual([
      'pool.strategy: "fastest" is not one of sequential, round_robin, cost_first, quality_first',
    ])
  })

  test("wrong types and bounds name the key and what was given", () => {
    expect(issuesOf({ retries: "2", first_token_timeout_ms: -5 })).toEqual([
      "pool.first_token_timeout_ms: -5 must be greater than 0",
      'pool.retries: "2" is a string, expected number',
    ])
    expect(issuesOf({ retries: 11 })).toEqual(["pool.retries: 11 is above the maximum 10"])
    expect(issuesOf({ cooldown: { factor: 0.5 } })).toEqual(["pool.cooldown.factor: 0.5 is below the minimum 1"])
  })

  test("an unknown key is an error listing the keys allowed at its place", () => {
    expect(issuesOf({ cooldown: { initial: 5 } })).toEqual([
      "pool.cooldown.initial: is not a known key (allowed: initial_ms, factor, max_ms, quota_ms)",
    ])
    expect(issuesOf({ retry: 1 })[0]).toBe(
      "pool.retry: is not a known key (allowed: fallback_on, strategy, first_token_timeout_ms, retries, cooldown, quality)",
    )
  })

  test("quality scores are keyed by provider/model", () => {
    expect(issuesOf({ quality: { gpt4: 3 } })).toEqual(['pool.quality.gpt4: "gpt4" must be a provider/model string'])
    expect(Policy.safeParse({ quality: { "a/x": 3 } }).success).toBe(true)
  })

  test("its JSON schema is strict, and its descriptions quote the built-in defaults", () => {
    const generated = z.toJSONSchema(Policy, { io: "input" })
    expect(generated.$ref).toBe("#/$defs/PoolPolicy")
    const schema = generated.$defs?.PoolPolicy as {
      description?: string
      additionalProperties?: unknown
      properties: Record<string, { description?: string; additionalProperties?: unknown }>
    }
    expect(generated.description).toBe("Pool policy.")
    expect(schema.additionalProperties).toBe(false)
    expect(schema.properties.cooldown?.additionalProperties).toBe(false)
    expect(Object.keys(schema.properties)).toEqual([
      "fallback_on",
      "strategy",
      "first_token_timeout_ms",
      "retries",
      "cooldown",
      "quality",
    ])
    expect(schema.properties.strategy?.description).toContain(`Default ${DEFAULT_POLICY.strategy}.`)
    expect(schema.properties.retries?.description).toContain(`Default ${DEFAULT_POLICY.retries}.`)
    expect(schema.properties.first_token_timeout_ms?.description).toContain(
      `Default ${DEFAULT_POLICY.firstTokenTimeoutMs}.`,
    )
  })
})

describe("resolvePolicy", () => {
  test("a pool's own keys win over the shared defaults, which win over the built-in ones", () => {
    const policy = resolvePolicy(
      { retries: 1, quality: { "a/x": 2 } },
      { retries: 3, strategy: "cost_first", cooldown: { max_ms: 10 }, quality: { "a/x": 1, "b/y": 5 } },
    )
    expect(policy.retries).toBe(1)
    expect(policy.strategy).toBe("cost_first")
    expect(policy.fallbackOn).toEqual(DEFAULT_POLICY.fallbackOn)
    expect(policy.cooldown).toEqual({ ...DEFAULT_POLICY.cooldown, maxMs: 10 })
    expect(policy.quality).toEqual({ "a/x": 2, "b/y": 5 })
  })

  test("every cooldown key falls back on its own", () => {
    expect(resolvePolicy({ cooldown: { initial_ms: 1 } }, { cooldown: { factor: 2, quota_ms: 3 } }).cooldown).toEqual({
      initialMs: 1,
      factor: 2,
      maxMs: DEFAULT_POLICY.cooldown.maxMs,
      quotaMs: 3,
    })
  })

  test("an empty fallback_on is kept: the pool never falls back", () => {
    expect(resolvePolicy({ fallback_on: [] }, { fallback_on: ["timeout"] }).fallbackOn).toEqual([])
  })

  test("first_token_timeout_ms false turns the deadline off, even over a default", () => {
    expect(
      resolvePolicy({ first_token_timeout_ms: false }, { first_token_timeout_ms: 5 }).firstTokenTimeoutMs,
    ).toBeUndefined()
    expect(resolvePolicy({}, { first_token_timeout_ms: 5 }).firstTokenTimeoutMs).toBe(5)
    expect(resolvePolicy({}, { first_token_timeout_ms: false }).firstTokenTimeoutMs).toBeUndefined()
  })
})
