import { readFileSync } from "node:fs"
// What the plugin tells at start-up about a config OpenCode would run without a word: members on a provider
// OpenCode does not know or on a model nobody lists, and pool keys spelt wrong. One run shows them all.
import { describe, expect, test } from "bun:test"
import { answerOf } from "./opencode.ts"
import { reportOf, scenario } from "./scenario.ts"

const E2E = 90_000

/** What the run told the user: `[model-pool] ...` lines on stderr (the TUI shows them as toasts). */
function told(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line.startsWith("[model-pool] "))
    .map((line) => line.slice("[model-pool] ".length))
}

describe("config checks at start-up, with the real opencode CLI", () => {
  test(
    "unknown providers, unlisted models and misspelt pool keys are told with their keys; an unknown provider's member is left out of the calls",
    async () => {
      await using s = await scenario(
        { "gpt-main": { kind: "overloaded" }, "*": { kind: "text" } },
        { MISTRAL_API_KEY: "mistral-e2e" },
      )
      s.configure({
        agent: {
          build: {
            model: "alpha/gpt-main",
            fallbacks: ["zz/ok-a", "beta/gpt-b"],
            // Another plugin's name for fallbacks; and an option for the provider, which is no pool key.
            fallback_models: ["beta/gpt-b"],
            reasoningEffort: "high",
          },
          plan: {
            models: [
              "alpha/nope",
              "anthropic/claude-sonnet-4-5",
              "anthropic/claude-sonet-4-5",
              "mistral/mistral-large-latest",
            ],
            stratgy: "round_robin",
          },
        },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)

      // The primary is down, zz cannot be reached: the next member answers the same turn.
      expect(answerOf(result)).toBe("ok from gpt-b")
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-b"])
      const report = reportOf(result)
      expect(report?.member).toBe("beta/gpt-b")
      // zz is left out of the calls: no attempt, and no cooldown for a mistake in the config.
      expect(report?.attempts).toMatchObject([{ member: "alpha/gpt-main", condition: "provider_unavailable" }])
      expect(report?.attempts).toHaveLength(1)
      expect(readFileSync(s.box.stateFile, "utf8")).not.toContain("zz/ok-a")

      const lines = told(result.stderr)
      expect(lines).toContain(
        'agent.build.fallbacks[0]: "zz/ok-a": no provider "zz" is configured or known to OpenCode; the pool leaves it out of its calls',
      )
      expect(lines).toContain(
        'agent.plan.models[0]: "alpha/nope": provider.alpha.models in the config has no "nope"; the pool still sends it as written',
      )
      expect(lines).toContain(
        'agent.plan.models[2]: "anthropic/claude-sonet-4-5": OpenCode\'s catalog has no model "claude-sonet-4-5" for provider "anthropic", and the config does not list it (did you mean "anthropic/claude-sonnet-4-5"?); the pool still sends it as written',
      )
      expect(lines).toContain(
        'agent.build.fallback_models: unknown key; did you mean "fallbacks"? (left as written: OpenCode sends unknown agent keys to the provider as options)',
      )
      expect(lines).toContain(
        'agent.plan.stratgy: unknown key; did you mean "strategy"? (left as written: OpenCode sends unknown agent keys to the provider as options)',
      )
      // Catalog providers OpenCode knows without the config defining them (mistral), or with options alone
      // (anthropic), and their catalog models, are not taken for unknown ones; other agent keys are not judged.
      for (const fine of [
        '"anthropic/claude-sonnet-4-5":',
        '"mistral/mistral-large-latest":',
        '"beta/gpt-b":',
        ".reasoningEffort:",
      ])
        expect(lines.filter((line) => line.includes(fine))).toEqual([])
      // The misspelt key is left as the user wrote it: OpenCode sends it to the provider, as it does without the plugin.
      const answered = s.fake.requests.find((request) => request.model === "gpt-b")
      expect(answered?.body).toMatchObject({ fallback_models: ["beta/gpt-b"] })
    },
    E2E,
  )
})
