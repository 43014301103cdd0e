import { describe, expect, test } from "bun:test"
import { z } from "zod"
import { DEFAULT_POLICY } from "./defaults.ts"
import { formatIssues } from "./format-issue.ts"
import { resolvePolicy } from "./policy.ts"
import { MemberRef, Policy } from "./policy-schema.ts"

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
      "pool.retry: is not a known key (allowed: fallback_on, strategy, first_token_timeout_ms, retries, hedge_after_ms, cooldown, quality)",
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
      "hedge_after_ms",
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

describe("the policy's words, as the generated reference shows them", () => {
  test("every key is described in full, naming its built-in default", () => {
    const generated = z.toJSONSchema(Policy, { io: "input" })
    const schema = generated.$defs?.PoolPolicy as {
      properties: Record<
        string,
        {
          description?: string
          properties?: Record<string, { description?: string }>
          propertyNames?: { description?: string }
        }
      >
    }
    const described = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, value.description]),
    )
    expect(described).toEqual({
      fallback_on:
        "Failures that move the call to the next member. An empty list never falls back (the pool then only routes by strategy and cooldown). Default: all of rate_limit, timeout, provider_unavailable, token_limit.",
      strategy: "How members are ordered for each call. Default sequential.",
      first_token_timeout_ms:
        "A member that sends no output within this many milliseconds fails with `timeout`; false turns the deadline off. For non-streaming calls it covers the whole response. Default 60000.",
      retries:
        "How many times a member is retried after a short transient failure (timeout, provider_unavailable, or a rate limit asking to wait at most 5 s) before the next member is tried. Default 0.",
      hedge_after_ms:
        "Off by default. A member that has sent no output after this many milliseconds is joined by the next member; the first to send output answers and the other request is cancelled at once. A cancelled request may still be billed for its input: use it where waiting costs more than a duplicate prompt.",
      cooldown: "How long a failing member is skipped while a healthy one exists.",
      quality:
        "Scores for `quality_first` (higher is tried first). Members without a score rank below scored ones, by blended catalog price, highest first (price as a proxy for capability).",
    })
    const cooldown = schema.properties.cooldown?.properties ?? {}
    expect(Object.fromEntries(Object.entries(cooldown).map(([key, value]) => [key, value.description]))).toEqual({
      initial_ms: "First cooldown of a member that failed without saying how long to wait. Default 30000.",
      factor: "Each further failure in a row multiplies the cooldown by this factor. Default 4.",
      max_ms: "Upper bound of an escalated cooldown. Default 1800000 (30 min).",
      quota_ms:
        "Cooldown after a quota or billing failure that gives no reset time (daily quota, no credits). Default 3600000 (1 h).",
    })
    expect(schema.properties.quality?.propertyNames?.description).toBe(
      'A model as "provider/model", for example "anthropic/claude-sonnet-4-5".',
    )
  })

  test("a member is a provider and a model joined by one slash, with no spaces", () => {
    for (const member of ["a/x", "anthropic/claude-sonnet-4-5", "openrouter/meta-llama/llama-3.1:free"])
      expect(MemberRef.safeParse(member).success).toBe(true)
    for (const member of ["gpt4", "/x", "a/", "a b/x", "a/x y", " a/x", "a/x "])
      expect(MemberRef.safeParse(member).success).toBe(false)
  })

  test("every number has its exact bounds: whole milliseconds from 0, a factor from 1, at most 10 retries", () => {
    expect(
      Policy.safeParse({ retries: 0, cooldown: { initial_ms: 0, max_ms: 0, quota_ms: 0, factor: 1 } }).success,
    ).toBe(true)
    expect(Policy.safeParse({ retries: 10, first_token_timeout_ms: 1 }).success).toBe(true)
    expect(
      Policy.safeParse({ cooldown: { initial_ms: 60_000, max_ms: 7_200_000, quota_ms: 86_400_000, factor: 2.5 } })
        .success,
    ).toBe(true)
    expect(issuesOf({ retries: -1, first_token_timeout_ms: 0 })).toEqual([
      "pool.first_token_timeout_ms: 0 must be greater than 0",
      "pool.retries: -1 is below the minimum 0",
    ])
    expect(
      issuesOf({
        retries: 1.5,
        first_token_timeout_ms: 1.5,
        cooldown: { initial_ms: -1, max_ms: 0.5, quota_ms: -2, factor: 0.99 },
      }),
    ).toEqual([
      "pool.first_token_timeout_ms: 1.5 is not valid: 1.5 is a number, expected int, or 1.5 is not one of false",
      "pool.retries: 1.5 is a number, expected int",
      "pool.cooldown.initial_ms: -1 is below the minimum 0",
      "pool.cooldown.factor: 0.99 is below the minimum 1",
      "pool.cooldown.max_ms: 0.5 is a number, expected int",
      "pool.cooldown.quota_ms: -2 is below the minimum 0",
    ])
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
