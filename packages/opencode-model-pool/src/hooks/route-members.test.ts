import { describe, expect, test } from "bun:test"
import { readPoolConfig } from "../config/read-config.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { addPoolProvider, routeMembers } from "./route-members.ts"

const MODULE = "file:///plugin/provider.ts"
const INSTANCE = "instance-1"

describe("routing pool members through the model module", () => {
  test("members are routed through the module and named pools become pool/<name> models", () => {
    const config: OpenCodeConfig = {
      provider: {
        a: { models: { x: { limit: { context: 100_000, output: 8_000 }, cost: { input: 1, output: 2 } } } },
        b: { models: { y: { limit: { context: 50_000, output: 16_000 }, cost: { input: 3, output: 1 } } } },
      },
    }
    const read = readPoolConfig(config, { pools: { duo: { models: ["a/x", "b/y"] } } })
    routeMembers(config, read.sources.values(), MODULE, INSTANCE)
    expect(addPoolProvider(config, read.pools.values(), MODULE, INSTANCE)).toBeUndefined()
    expect(config.provider?.a?.models?.x?.provider?.npm).toBe(MODULE)
    // The module finds this OpenCode instance's runtime by the key in each routed provider's options.
    expect(config.provider?.a?.options).toEqual({ modelPoolRuntime: INSTANCE })
    expect(config.provider?.pool?.options).toEqual({ modelPoolRuntime: INSTANCE })
    expect(config.provider?.pool?.models?.duo).toMatchObject({
      limit: { context: 50_000, output: 8_000 },
      cost: { input: 3, output: 2 },
    })
  })

  test("every model of an auth profile is routed through the module with its provider's package, pooled or not", () => {
    const config: OpenCodeConfig = {
      provider: {
        anthropic: { models: { "claude-opus-4-1": {} } },
        "anthropic-work": { models: { "claude-sonnet-4-5": {}, "claude-haiku-4-5": {} } },
      },
      agent: { build: { model: "anthropic-work/claude-haiku-4-5" } },
    }
    const read = readPoolConfig(config, { auth_profiles: { "anthropic-work": { provider: "anthropic" } } })
    expect(read.pools.size).toBe(0)
    expect([...read.sources.values()].map((source) => [source.member, source.npm])).toEqual([
      ["anthropic-work/claude-sonnet-4-5", "@ai-sdk/anthropic"],
      ["anthropic-work/claude-haiku-4-5", "@ai-sdk/anthropic"],
    ])
    routeMembers(config, read.sources.values(), MODULE, INSTANCE)
    expect(config.provider?.["anthropic-work"]?.models?.["claude-haiku-4-5"]?.provider?.npm).toBe(MODULE)
    // The provider it is a login of is OpenCode's to build when no pool names its models.
    expect(config.provider?.anthropic?.models?.["claude-opus-4-1"]?.provider).toBeUndefined()
    expect(read.issues).toEqual([])
  })

  test("a user provider named pool is reported instead of replaced", () => {
    const config: OpenCodeConfig = { provider: { pool: { npm: "@ai-sdk/openai-compatible" } } }
    const read = readPoolConfig(config, { pools: { duo: { models: ["a/x"] } } })
    expect(addPoolProvider(config, read.pools.values(), MODULE, INSTANCE)).toContain('"pool" is reserved')
    expect(config.provider?.pool?.npm).toBe("@ai-sdk/openai-compatible")
  })
})
