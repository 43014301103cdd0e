import { describe, expect, test } from "bun:test"
import { closest, editDistance, misspeltKeys } from "./misspelt.ts"

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
