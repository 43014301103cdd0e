import { describe, expect, test } from "bun:test"
import { DEFAULT_POLICY } from "@model-pool/core"
import { closest, editDistance, misspeltKeys, parseAgentPool, parseOptions } from "./parse.ts"

function issuesOf(result: ReturnType<typeof parseAgentPool> | ReturnType<typeof parseOptions>): string[] {
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

describe("plugin options", () => {
  test("no options are valid and define no pools", () => {
    expect(parseOptions(undefined)).toEqual({
      ok: true,
      value: {
        pools: {},
        defaults: {},
        apiKeys: {},
        authProfiles: {},
        stateFile: undefined,
        health: { store: "file" },
      },
    })
  })

  test("named pools become pool/<name>", () => {
    const result = parseOptions({ pools: { light: { models: ["a/mini", "b/small"], strategy: "cost_first" } } })
    if (!result.ok) throw new Error(result.issues[0]?.message)
    expect(result.value.pools.light?.name).toBe("pool/light")
    expect(result.value.pools.light?.members).toEqual(["a/mini", "b/small"])
    expect(result.value.pools.light?.policy.strategy).toBe("cost_first")
  })

  test("an unknown top-level key is an error, not silently ignored", () => {
    expect(issuesOf(parseOptions({ pool: {} }))).toEqual([
      "plugin options.pool: is not a known key (allowed: pools, defaults, api_keys, auth_profiles, state_file, health)",
    ])
  })

  describe("health", () => {
    const URL = "redis://pool:s3cret-redis-password@127.0.0.1:6379/0"

    test("a Redis store takes its url, with the namespace and timeout defaults", () => {
      const result = parseOptions({ health: { store: "redis", url: URL } })
      if (!result.ok) throw new Error(result.issues[0]?.message)
      expect(result.value.health).toEqual({ store: "redis", url: URL, namespace: "default", timeoutMs: 500 })
    })

    test("the file store is the default, and is what store file says", () => {
      const result = parseOptions({ health: { store: "file" } })
      if (!result.ok) throw new Error(result.issues[0]?.message)
      expect(result.value.health).toEqual({ store: "file" })
    })

    test("a Redis store without a url, or a url without the Redis store, is an error", () => {
      expect(issuesOf(parseOptions({ health: { store: "redis" } }))).toEqual([
        "plugin options.health.url: is required when plugin options.health.store is redis",
      ])
      expect(issuesOf(parseOptions({ health: { url: URL } }))).toEqual([
        'plugin options.health.url: is set, but plugin options.health.store is not redis (set it to "redis")',
      ])
    })

    test("a url that is not redis:// is named without showing it, since it may carry a password", () => {
      const issues = issuesOf(
        parseOptions({ health: { store: "redis", url: "http://pool:s3cret-redis-password@host" } }),
      )
      expect(issues).toEqual(["plugin options.health.url: (hidden) must start with redis:// or rediss://"])
      expect(issues.join("\n")).not.toContain("s3cret")
    })

    test("a bad store, namespace or timeout names the key and what is allowed", () => {
      expect(issuesOf(parseOptions({ health: { store: "memcached" } }))).toEqual([
        'plugin options.health.store: "memcached" is not one of file, redis',
      ])
      expect(issuesOf(parseOptions({ health: { store: "redis", url: URL, namespace: "team a" } }))).toEqual([
        `plugin options.health.namespace: "team a" namespaces use letters, digits, '.', '_' and '-'`,
      ])
      expect(issuesOf(parseOptions({ health: { store: "redis", url: URL, timeout_ms: 0 } }))).toEqual([
        "plugin options.health.timeout_ms: 0 is below the minimum 1",
      ])
    })
  })

  test("a named pool without models says models is required", () => {
    expect(issuesOf(parseOptions({ pools: { light: { strategy: "sequential" } } }))).toEqual([
      "plugin options.pools.light.models: is required (array)",
    ])
  })

  test("a bad api key value is reported without echoing the key", () => {
    const messages = issuesOf(parseOptions({ api_keys: { openai: ["sk-secret-value-123", 42] } }))
    expect(messages).toEqual(["plugin options.api_keys.openai[1]: (hidden) is a number, expected string"])
    expect(messages.join("\n")).not.toContain("sk-secret")
  })

  test("auth profiles name the provider they are a further login of, which may not be a profile itself", () => {
    const parsed = parseOptions({ auth_profiles: { "anthropic-work": { provider: "anthropic" } } })
    expect(parsed.ok && parsed.value.authProfiles).toEqual({ "anthropic-work": "anthropic" })
    expect(issuesOf(parseOptions({ auth_profiles: { a: { provider: "b" }, b: { provider: "c" } } }))).toEqual([
      'plugin options.auth_profiles.a.provider: "b" is a profile itself; name the provider it is a login of',
    ])
    expect(issuesOf(parseOptions({ auth_profiles: { a: { provider: "a" } } }))).toEqual([
      'plugin options.auth_profiles.a.provider: "a" is a profile itself; name the provider it is a login of',
    ])
    expect(issuesOf(parseOptions({ auth_profiles: { a: { provider: "b", key: "x" } } }))[0]).toContain(
      "plugin options.auth_profiles.a.key",
    )
  })

  test("a pool name with a slash is rejected with the naming rule", () => {
    expect(issuesOf(parseOptions({ pools: { "a/b": { models: ["a/x"] } } }))).toEqual([
      "plugin options.pools[\"a/b\"]: \"a/b\" pool names use letters, digits, '.', '_' and '-'",
    ])
  })
})

describe("misspelt pool keys on an agent", () => {
  const meant = (agent: Record<string, unknown>) =>
    Object.fromEntries(
      misspeltKeys("build", agent).map((issue) => [issue.path, /did you mean "([^"]+)"/.exec(issue.message)?.[1]]),
    )

  test("a key one or two edits from a pool key is told with the key it likely means", () => {
    expect(
      meant({ fallback: [], fallbak_on: [], stratgy: "x", retires: 1, coldown: {}, qualty: {}, model: "a/x" }),
    ).toEqual({
      "agent.build.fallback": "fallbacks",
      "agent.build.fallbak_on": "fallback_on",
      "agent.build.stratgy": "strategy",
      "agent.build.retires": "retries",
      "agent.build.coldown": "cooldown",
      "agent.build.qualty": "quality",
    })
  })

  test("camelCase spellings and other fallback plugins' names point at the pool key", () => {
    expect(
      meant({ fallbackOn: [], firstTokenTimeoutMs: 1, fallback_models: [], fallbackModels: [], retry_on: [] }),
    ).toEqual({
      "agent.build.fallbackOn": "fallback_on",
      "agent.build.firstTokenTimeoutMs": "first_token_timeout_ms",
      "agent.build.fallback_models": "fallbacks",
      "agent.build.fallbackModels": "fallbacks",
      "agent.build.retry_on": "fallback_on",
    })
  })

  test("the message names the path, the key meant, and that the key is left as written", () => {
    expect(misspeltKeys("build", { fallback_models: ["b/y"] })).toEqual([
      {
        path: "agent.build.fallback_models",
        message:
          'agent.build.fallback_models: unknown key; did you mean "fallbacks"? (left as written: OpenCode sends unknown agent keys to the provider as options)',
      },
    ])
  })

  test("pool keys, OpenCode's agent keys and provider options far from any pool key are not judged", () => {
    const agent = {
      model: "a/x",
      models: ["a/x"],
      fallbacks: [],
      fallback_on: [],
      strategy: "sequential",
      first_token_timeout_ms: 1,
      retries: 0,
      cooldown: {},
      quality: {},
      mode: "primary",
      variant: "high",
      temperature: 0.2,
      top_p: 1,
      prompt: "",
      tools: {},
      disable: false,
      description: "",
      hidden: false,
      options: {},
      color: "#fff",
      steps: 3,
      maxSteps: 3,
      permission: {},
      reasoningEffort: "high",
      textVerbosity: "low",
      thinking: {},
      store: false,
      provider: { order: [] },
      timeout: 1,
    }
    expect(misspeltKeys("build", agent)).toEqual([])
  })

  test("an entry that is not an object has no keys to judge", () => {
    expect(misspeltKeys("build", "a/x")).toEqual([])
  })
})

describe("spelling distance", () => {
  test("insertions, deletions, replacements and swapped neighbours are one edit each", () => {
    expect(editDistance("fallbacks", "fallbacks")).toBe(0)
    expect(editDistance("fallback", "fallbacks")).toBe(1)
    expect(editDistance("stratgey", "strategy")).toBe(1)
    expect(editDistance("retrues", "retries")).toBe(1)
    expect(editDistance("", "abc")).toBe(3)
    expect(editDistance("mode", "models")).toBe(2)
  })

  test("the closest candidate within reach is chosen, and short names allow a single edit", () => {
    expect(closest("claude-sonet-4-5", ["claude-sonnet-4-6", "claude-sonnet-4-5"])).toBe("claude-sonnet-4-5")
    expect(closest("mode", ["models"])).toBeUndefined()
    expect(closest("modls", ["models"])).toBe("models")
    expect(closest("gpt-9", ["claude-sonnet-4-5"])).toBeUndefined()
  })
})
