// Every provider package OpenCode bundles can be a pool member: here each one is the fallback of a rate-limited
// primary, built by the plugin (OpenCode never created that provider in the run), and answers over its own wire
// format from the fake provider with the credentials OpenCode resolved for it.
import { describe, expect, test } from "bun:test"
import { keyId, type WireFormat } from "@model-pool/fake-provider"
import { answerOf } from "./opencode.ts"
import { poolReport, scenario } from "./scenario.ts"

const E2E = 90_000

interface PackageCase {
  npm: string
  /** The provider's options besides its key; `url` is the fake provider's. */
  options: (url: string) => Record<string, unknown>
  model: string
  format: WireFormat
  /** Where the request must go, beyond the fake's route for the format. */
  path?: RegExp
}

const KEY = "member-e2e-secret-5e1f0c2a"

const CASES: PackageCase[] = [
  {
    npm: "@ai-sdk/groq",
    options: (url) => ({ baseURL: `${url}/groq/openai/v1` }),
    model: "llama-3.3-70b-versatile",
    format: "openai",
  },
  {
    npm: "@ai-sdk/deepinfra",
    options: (url) => ({ baseURL: `${url}/deepinfra/v1` }),
    model: "deepseek-ai/DeepSeek-V3",
    format: "openai",
  },
  {
    npm: "@ai-sdk/cerebras",
    options: (url) => ({ baseURL: `${url}/cerebras/v1` }),
    model: "llama3.1-8b",
    format: "openai",
  },
  {
    npm: "@ai-sdk/togetherai",
    options: (url) => ({ baseURL: `${url}/together/v1` }),
    model: "moonshotai/Kimi-K2-Instruct",
    format: "openai",
  },
  { npm: "@ai-sdk/xai", options: (url) => ({ baseURL: `${url}/xai/v1` }), model: "grok-4", format: "openai" },
  {
    npm: "@ai-sdk/mistral",
    options: (url) => ({ baseURL: `${url}/mistral/v1` }),
    model: "mistral-large-latest",
    format: "openai",
  },
  { npm: "@ai-sdk/vercel", options: (url) => ({ baseURL: `${url}/vercel/v1` }), model: "v0-1.5-md", format: "openai" },
  {
    npm: "@ai-sdk/alibaba",
    options: (url) => ({ baseURL: `${url}/alibaba/compatible-mode/v1` }),
    model: "qwen-plus",
    format: "openai",
  },
  {
    npm: "@ai-sdk/azure",
    options: (url) => ({ baseURL: `${url}/azure/openai/v1` }),
    model: "gpt-5-deployment",
    format: "openai-responses",
    path: /^\/azure\/openai\/v1\/responses$/,
  },
  {
    npm: "@ai-sdk/azure",
    options: (url) => ({
      baseURL: `${url}/azure/openai`,
      useDeploymentBasedUrls: true,
      apiVersion: "2025-04-01-preview",
      useCompletionUrls: true,
    }),
    model: "gpt-4o-deployment",
    format: "openai",
    path: /^\/azure\/openai\/deployments\/gpt-4o-deployment\/chat\/completions\?api-version=2025-04-01-preview$/,
  },
]

describe("every bundled package as the fallback of a failing primary, in the real opencode CLI", () => {
  test.each(CASES)(
    "$npm ($format) answers for a rate-limited primary",
    async ({ npm, options, model, format, path }) => {
      await using s = await scenario(
        { "gpt-main": { kind: "rate_limit", retry_after_s: 60 }, [model]: { kind: "text", text: `${npm} answered` } },
        { MEMBER_KEY: KEY },
        { strict: true },
      )
      s.configure({
        provider: {
          ...s.providers(),
          member: {
            npm,
            name: "Member",
            options: { ...options(s.fake.url), apiKey: "{env:MEMBER_KEY}" },
            models: { [model]: { name: model, limit: { context: 128_000, output: 4_000 } } },
          },
        },
        agent: { build: { model: "alpha/gpt-main", fallbacks: [`member/${model}`] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe(`${npm} answered`)
      const served = s.fake.requests.filter((request) => request.model === model)
      expect(served.map((request) => [request.format, request.key_id, request.rejected])).toEqual([
        [format, keyId(KEY), undefined],
      ])
      if (path) expect(served[0]?.path).toMatch(path)
      expect(poolReport(await s.exportOf(result))?.member).toBe(`member/${model}`)
    },
    E2E,
  )
})
