import { describe, expect, test } from "bun:test"
import { parseOptions } from "./parse.ts"

function issuesOf(result: ReturnType<typeof parseOptions>): string[] {
  if (result.ok) throw new Error("expected issues, got a valid config")
  return result.issues.map((issue) => issue.message)
}

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
