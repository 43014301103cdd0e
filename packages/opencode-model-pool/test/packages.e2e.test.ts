// Every provider package OpenCode bundles can be a pool member: here each one is the fallback of a rate-limited
// primary, built by the plugin (OpenCode never created that provider in the run), and answers over its own wire
// format from the fake provider with the credentials OpenCode resolved for it. One `opencode serve` holds an agent
// per package, so one process start shows them all.
import { describe, expect, test } from "bun:test"
import { FAKE_AWS_CREDENTIALS, keyId, type Script, type WireFormat } from "@model-pool/fake-provider"
import { answerOf } from "./opencode.ts"
import { reportIn, scenario } from "./scenario.ts"
import { startServer } from "./serve.ts"

const E2E = 180_000

interface PackageCase {
  npm: string
  /** The provider's options besides its key; `url` is the fake provider's. */
  options: (url: string) => Record<string, unknown>
  model: string
  format: WireFormat
  /** Where the request must go, beyond the fake's route for the format. */
  path?: RegExp
  /** The provider's ID (a catalog provider's, for its loader's rules); `member` unless set. */
  provider?: string
  /** The model id on the wire, when the provider's loader changes it. */
  sent?: string
  /** Credentials from the environment instead of an `apiKey`, and the key id the fake then sees. */
  env?: { vars: Record<string, string>; keyId: string }
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
  // OpenCode's xAI loader runs only for the provider `xai`: a member on another provider uses xAI's chat completions.
  { npm: "@ai-sdk/xai", options: (url) => ({ baseURL: `${url}/xai/v1` }), model: "grok-4", format: "xai" },
  {
    npm: "@ai-sdk/mistral",
    options: (url) => ({ baseURL: `${url}/mistral/v1` }),
    model: "mistral-large-latest",
    format: "mistral",
  },
  { npm: "@ai-sdk/vercel", options: (url) => ({ baseURL: `${url}/vercel/v1` }), model: "v0-1.5-md", format: "openai" },
  {
    // Venice's own package, built on openai-compatible, at Venice's /api/v1.
    npm: "venice-ai-sdk-provider",
    provider: "venice",
    options: (url) => ({ baseURL: `${url}/venice/api/v1` }),
    model: "venice-uncensored",
    format: "openai",
    path: /^\/venice\/api\/v1\/chat\/completions$/,
  },
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

CASES.push({
  // SigV4 with the credentials AWS's variables give, and the cross-region id OpenCode sends for us-east-1.
  npm: "@ai-sdk/amazon-bedrock",
  provider: "amazon-bedrock",
  options: (url) => ({ baseURL: url, region: "us-east-1" }),
  model: "anthropic.claude-sonnet-4-5-20250929-v1:0",
  sent: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  format: "bedrock",
  path: /^\/model\/us\.anthropic\.claude-sonnet-4-5-20250929-v1(:|%3A)0\/converse-stream$/,
  env: {
    vars: {
      AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
    },
    keyId: keyId(FAKE_AWS_CREDENTIALS.accessKeyId),
  },
})

CASES.push(
  { npm: "@ai-sdk/cohere", options: (url) => ({ baseURL: `${url}/v2` }), model: "command-a-03-2025", format: "cohere" },
  {
    // With a key, the Vertex package uses Vertex's express mode (`x-goog-api-key`).
    npm: "@ai-sdk/google-vertex",
    options: (url) => ({
      baseURL: `${url}/v1/projects/p/locations/us-central1/publishers/google`,
      project: "p",
      location: "us-central1",
    }),
    model: "gemini-2.5-flash",
    format: "vertex",
    path: /^\/v1\/projects\/p\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.5-flash:streamGenerateContent/,
  },
)

CASES.push(
  {
    // Perplexity's path is OpenAI's `/chat/completions` at the host's root; the fake tells them apart by the prefix.
    npm: "@ai-sdk/perplexity",
    options: (url) => ({ baseURL: `${url}/perplexity` }),
    model: "sonar-pro",
    format: "perplexity",
    path: /^\/perplexity\/chat\/completions$/,
  },
  {
    // The Vercel AI Gateway under the id OpenCode's catalog gives it; the model id names the upstream provider.
    npm: "@ai-sdk/gateway",
    provider: "vercel",
    options: (url) => ({ baseURL: `${url}/v3/ai` }),
    model: "anthropic/claude-sonnet-4",
    format: "gateway",
    path: /^\/v3\/ai\/language-model$/,
  },
)

/** Each case's provider ID: the catalog's where its loader matters, else one of its own. */
const providerOf = (entry: PackageCase, index: number) => entry.provider ?? `member-${index}`

describe("every bundled package as the fallback of a failing primary, in one opencode server", () => {
  test(
    "each package answers for its own rate-limited primary in the same turn, over its wire format, with the credentials OpenCode resolved",
    async () => {
      // One agent per package, each with a primary of its own: every turn fails over inside the call.
      const primaries = CASES.map((_, index) => `primary-${index}`)
      const script: Script = {}
      for (const [index, entry] of CASES.entries()) {
        script[primaries[index]!] = { kind: "rate_limit", retry_after_s: 60 }
        script[entry.sent ?? entry.model] = { kind: "text", text: `${entry.npm} answered` }
      }
      const env = Object.assign({ MEMBER_KEY: KEY }, ...CASES.map((entry) => entry.env?.vars ?? {}))
      await using s = await scenario(script, env, { strict: true })
      const standard = s.providers()
      const limit = { context: 128_000, output: 4_000 }
      const members = CASES.map((entry, index) => [
        providerOf(entry, index),
        {
          npm: entry.npm,
          name: "Member",
          options: { ...entry.options(s.fake.url), ...(entry.env ? {} : { apiKey: "{env:MEMBER_KEY}" }) },
          models: { [entry.model]: { name: entry.model, limit } },
        },
      ])
      const alphaModels = standard.alpha!.models as Record<string, unknown>
      s.configure({
        provider: {
          ...standard,
          alpha: {
            ...standard.alpha,
            models: { ...alphaModels, ...Object.fromEntries(primaries.map((id) => [id, { name: id, limit }])) },
          },
          ...Object.fromEntries(members),
        },
        agent: Object.fromEntries(
          CASES.map((entry, index) => [
            `case-${index}`,
            { model: `alpha/${primaries[index]}`, fallbacks: [`${providerOf(entry, index)}/${entry.model}`] },
          ]),
        ),
      })
      await using server = await startServer(s)
      const outcomes = []
      for (const [index, entry] of CASES.entries()) {
        const sent = entry.sent ?? entry.model
        const reply = await server.reply(s.box.project, await server.session(s.box.project), `case-${index}`, "hello")
        const served = s.fake.requests.filter((request) => request.model === sent)
        outcomes.push({
          npm: entry.npm,
          answer: reply.text,
          primary: s.fake.requests.filter((request) => request.model === primaries[index]).map((r) => r.step),
          served: served.map((request) => [request.format, request.key_id, request.rejected]),
          path: entry.path === undefined || entry.path.test(served[0]?.path ?? ""),
          member: reportIn(reply.parts)?.member,
        })
      }
      expect(outcomes).toEqual(
        CASES.map((entry, index) => ({
          npm: entry.npm,
          answer: `${entry.npm} answered`,
          primary: ["rate_limit"],
          served: [[entry.format, entry.env?.keyId ?? keyId(KEY), undefined]],
          path: true,
          member: `${providerOf(entry, index)}/${entry.model}`,
        })),
      )
    },
    E2E,
  )
})

describe("a pooled primary on a package whose loader rewrites the model id", () => {
  test(
    "a Bedrock primary that OpenCode creates with its cross-region id answers as the pool's first member",
    async () => {
      const bedrock = CASES.find((entry) => entry.npm === "@ai-sdk/amazon-bedrock")!
      await using s = await scenario({ [bedrock.sent!]: { kind: "text", text: "bedrock first" } }, bedrock.env!.vars, {
        strict: true,
      })
      s.configure({
        provider: {
          ...s.providers(),
          "amazon-bedrock": {
            npm: bedrock.npm,
            options: bedrock.options(s.fake.url),
            models: { [bedrock.model]: { name: "Claude", limit: { context: 200_000, output: 8_000 } } },
          },
        },
        agent: { build: { model: `amazon-bedrock/${bedrock.model}`, fallbacks: ["alpha/gpt-main"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("bedrock first")
      expect(s.calls()).toEqual([`bedrock:${bedrock.sent}`])
    },
    E2E,
  )
})
