import { describe, expect, test } from "bun:test"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { readPoolConfig } from "./read-config.ts"

describe("reading pools from OpenCode's config", () => {
  test("our keys are removed from the agent and its options, the pool is kept", () => {
    const config: OpenCodeConfig = {
      agent: {
        build: {
          model: "a/x",
          fallbacks: ["b/y"],
          strategy: "sequential",
          options: { fallbacks: ["b/y"], strategy: "sequential", temperature: 1 },
        },
      },
    }
    const read = readPoolConfig(config, undefined)
    expect(config.agent?.build).toEqual({ model: "a/x", options: { temperature: 1 } })
    expect(read.pools.get("agent.build")?.members).toEqual(["a/x", "b/y"])
    expect(read.agentPools.get("build")).toBe("agent.build")
    expect(read.issues).toEqual([])
  })

  test("the models form tells OpenCode the agent's model: the primary", () => {
    const config: OpenCodeConfig = { agent: { plan: { models: ["a/x", "b/y"] } } }
    readPoolConfig(config, undefined)
    expect(config.agent?.plan?.model).toBe("a/x")
  })

  test("an invalid pool is an issue and its agent keeps its model without our keys", () => {
    const config: OpenCodeConfig = { agent: { build: { model: "a/x", fallbacks: ["b/y"], strategy: "fastest" } } }
    const read = readPoolConfig(config, undefined)
    expect(read.pools.size).toBe(0)
    expect(config.agent?.build).toEqual({ model: "a/x" })
    expect(read.issues[0]).toStartWith('agent.build.strategy: "fastest" is not one of')
  })

  test("a member that cannot be built is reported and left out", () => {
    const read = readPoolConfig({ agent: { build: { model: "a/x", fallbacks: ["github-copilot/gpt-5"] } } }, undefined)
    expect(read.pools.get("agent.build")?.members).toEqual(["a/x"])
    expect(read.issues[0]).toContain("github-copilot/gpt-5 uses @ai-sdk/github-copilot, which cannot be a pool member")
  })

  test("a profile model that is also a pool member is one source; one that cannot be built is reported", () => {
    const config: OpenCodeConfig = {
      provider: { copilot2: { models: { "gpt-5": {} } }, "anthropic-work": { models: { "claude-sonnet-4-5": {} } } },
      agent: { build: { model: "anthropic-work/claude-sonnet-4-5", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
    }
    const read = readPoolConfig(config, {
      auth_profiles: { "anthropic-work": { provider: "anthropic" }, copilot2: { provider: "github-copilot" } },
    })
    expect([...read.sources.keys()]).toEqual(["anthropic-work/claude-sonnet-4-5", "anthropic/claude-sonnet-4-5"])
    expect(read.issues).toEqual([
      "auth_profiles.copilot2: copilot2/gpt-5 uses @ai-sdk/github-copilot, which cannot be a pool member: OpenCode's own Copilot client is not published on npm, and its login lives in OpenCode's built-in Copilot plugin, which other plugins cannot reach",
    ])
  })

  test("each member knows the keys that name it, in every pool, and what the config said of it", () => {
    const config: OpenCodeConfig = {
      provider: { a: { models: { x: {} } }, b: { options: {} } },
      agent: {
        build: { model: "a/x", fallbacks: ["zz/y", "b/z"] },
        plan: { models: ["b/z", "a/w"] },
      },
    }
    const read = readPoolConfig(config, { pools: { duo: { models: ["a/w", "zz/y"] } } })
    const seen = Object.fromEntries(
      [...read.sources.values()].map((source) => [source.member, [source.declared, source.paths]]),
    )
    expect(seen).toEqual({
      "a/w": ["models", ["plugin options.pools.duo.models[0]", "agent.plan.models[1]"]],
      "zz/y": ["none", ["plugin options.pools.duo.models[1]", "agent.build.fallbacks[0]"]],
      "a/x": ["model", ["agent.build.model"]],
      "b/z": ["provider", ["agent.build.fallbacks[1]", "agent.plan.models[0]"]],
    })
  })

  test("a misspelt pool key is reported with what it likely means and left as written", () => {
    const config: OpenCodeConfig = {
      agent: { build: { model: "a/x", fallback_models: ["b/y"], reasoningEffort: "high" } },
    }
    const read = readPoolConfig(config, undefined)
    expect(read.issues).toEqual([
      'agent.build.fallback_models: unknown key; did you mean "fallbacks"? (left as written: OpenCode sends unknown agent keys to the provider as options)',
    ])
    expect(read.pools.size).toBe(0)
    expect(config.agent?.build).toEqual({ model: "a/x", fallback_models: ["b/y"], reasoningEffort: "high" })
  })
})
