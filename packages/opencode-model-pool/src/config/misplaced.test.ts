import { describe, expect, test } from "bun:test"
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { misplaced, misplacedNotices } from "./misplaced.ts"

/** A model entry as OpenCode lists it: `catalog` ones carry what the catalog says, others only what the config gave. */
const entry = (catalog: boolean) => ({
  api: { id: "x" },
  limit: { context: catalog ? 200_000 : 0, output: catalog ? 8_000 : 0 },
  release_date: catalog ? "2025-09-29" : "",
})

function source(member: string, declared: MemberSource["declared"], paths: string[] = []): MemberSource {
  const slash = member.indexOf("/")
  return {
    member,
    providerID: member.slice(0, slash),
    modelID: member.slice(slash + 1),
    apiID: member.slice(slash + 1),
    npm: "@ai-sdk/openai-compatible",
    declared,
    paths,
  }
}

const sourcesOf = (...list: MemberSource[]) => new Map(list.map((item) => [item.member, item]))

describe("members OpenCode cannot place", () => {
  // What OpenCode lists once the plugin routed the members: every member's provider and model have an entry.
  const known = new Map<string, ProviderInfo>([
    // Only the routing's entry: OpenCode knows nothing else of zz.
    ["zz", { env: [], options: {}, models: { "ok-a": entry(false) } }],
    // A catalog provider the config did not define: its catalog variables and models.
    [
      "anthropic",
      {
        env: ["ANTHROPIC_API_KEY"],
        options: {},
        models: { "claude-sonnet-4-5": entry(true), "claude-sonnet-4-6": entry(true), "claude-nope-9": entry(false) },
      },
    ],
    // A custom provider with a models map, and one without.
    ["alpha", { env: [], options: {}, models: { main: entry(false), nope: entry(false) } }],
    ["local", { env: [], options: {}, models: { llama: entry(false) } }],
  ])
  const sources = sourcesOf(
    source("zz/ok-a", "none", ["agent.build.fallbacks[0]"]),
    source("anthropic/claude-sonnet-4-5", "none"),
    source("anthropic/claude-sonet-4-5", "none", ["agent.plan.models[1]"]),
    source("anthropic/claude-nope-9", "provider"),
    source("alpha/main", "model"),
    source("alpha/nope", "models", ["agent.plan.models[0]", "plugin options.pools.duo.models[1]"]),
    source("local/llama", "provider"),
  )
  const check = (member: string) => misplaced(sources.get(member) as MemberSource, known, sources)

  test("a provider neither configured nor in OpenCode's catalog is unknown, whatever the routing added for it", () => {
    expect(check("zz/ok-a")).toEqual({
      kind: "provider",
      reason: 'no provider "zz" is configured or known to OpenCode',
    })
  })

  test("a catalog provider OpenCode knows without config is not unknown, and its catalog models are fine", () => {
    expect(check("anthropic/claude-sonnet-4-5")).toBeUndefined()
  })

  test("a catalog provider is known by its variables even when every model listed is a routed member", () => {
    const only = new Map([
      ["anthropic", { env: ["ANTHROPIC_API_KEY"], options: {}, models: { "claude-nope-9": entry(false) } }],
    ])
    expect(misplaced(source("anthropic/claude-nope-9", "none"), only, sources)?.kind).toBe("model")
  })

  test("a model the catalog lacks is named, with the catalog model it is closest to", () => {
    expect(check("anthropic/claude-sonet-4-5")).toEqual({
      kind: "model",
      reason:
        'OpenCode\'s catalog has no model "claude-sonet-4-5" for provider "anthropic", and the config does not list it (did you mean "anthropic/claude-sonnet-4-5"?)',
    })
    expect(check("anthropic/claude-nope-9")?.kind).toBe("model")
  })

  test("a model missing from a custom provider's models map names that map", () => {
    expect(check("alpha/nope")).toEqual({ kind: "model", reason: 'provider.alpha.models in the config has no "nope"' })
    expect(check("alpha/main")).toBeUndefined()
  })

  test("a custom provider without a models map lists nothing, so its members are not judged", () => {
    expect(check("local/llama")).toBeUndefined()
  })

  test("a provider OpenCode leaves out although the config defines it is said to be disabled", () => {
    const without = new Map([...known].filter(([id]) => id !== "local"))
    expect(misplaced(source("local/llama", "provider"), without, sources)).toEqual({
      kind: "provider",
      reason:
        'OpenCode does not offer provider "local" (is it in disabled_providers, or missing from enabled_providers?)',
    })
  })

  test("nothing is judged when OpenCode's provider list did not answer", () => {
    expect(misplaced(source("zz/ok-a", "none"), new Map(), sources)).toBeUndefined()
  })

  test("each misplaced member is told once, naming every key that names it", () => {
    expect(misplacedNotices(sources, known)).toEqual([
      {
        level: "error",
        message:
          'agent.build.fallbacks[0]: "zz/ok-a": no provider "zz" is configured or known to OpenCode; the pool leaves it out of its calls',
        toast: true,
      },
      {
        level: "warn",
        message:
          'agent.plan.models[1]: "anthropic/claude-sonet-4-5": OpenCode\'s catalog has no model "claude-sonet-4-5" for provider "anthropic", and the config does not list it (did you mean "anthropic/claude-sonnet-4-5"?); the pool still sends it as written',
        toast: true,
      },
      {
        level: "warn",
        message:
          '"anthropic/claude-nope-9": OpenCode\'s catalog has no model "claude-nope-9" for provider "anthropic", and the config does not list it; the pool still sends it as written',
        toast: true,
      },
      {
        level: "warn",
        message:
          'agent.plan.models[0], plugin options.pools.duo.models[1]: "alpha/nope": provider.alpha.models in the config has no "nope"; the pool still sends it as written',
        toast: true,
      },
    ])
  })
})
