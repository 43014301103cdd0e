// A pooled primary against stock OpenCode over a whole two-turn session, on every wire format. Stock's side of each
// case is recorded (test/stock-records/session, keyed by OpenCode release, fake provider and scenario; see
// stock-record.ts), so a run starts only the pooled side; one case runs stock live every time, so the recording
// itself is checked against stock OpenCode on every run. `record:stock` runs every case's stock side live again.
import { mkdtempSync, readdirSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { FAKE_AWS_CREDENTIALS, type FakeProvider, type Script, type Step } from "@model-pool/fake-provider"
import { afterAll, describe, expect, test } from "bun:test"
import { PLUGIN } from "./opencode.ts"
import { portable, type Comparable } from "./requests.ts"
import { configFor, providers, reportIn, scenario, scenarioEnv, type Scenario } from "./scenario.ts"
import { projectFolder, RUN_SESSION, startServer, type Server } from "./serve.ts"
import { readRecord, RECORDING, recordName, stockKey, writeRecord } from "./stock-record.ts"

const E2E = 180_000
const RECORDS = join(import.meta.dir, "stock-records", "session")
/** The case whose stock side runs live on every run, and must match its record. */
const LIVE = "Anthropic, thinking by model option"
/** Where the recorded config says the fake provider is; each run's own port is put in its place. */
const RECORDED_URL = "http://127.0.0.1:0"

/** A coding session's first turn: reasoning and a `bash` call in two steps, then the answer; then a second turn. */
function session(): Step[] {
  return [
    {
      kind: "tool_call",
      reasoning: "List first.",
      name: "bash",
      input: { command: "echo one", description: "Print one" },
    },
    {
      kind: "tool_call",
      reasoning: "Then two.",
      name: "bash",
      input: { command: "echo two", description: "Print two" },
    },
    { kind: "text", reasoning: "Both ran.", text: "both commands ran" },
    { kind: "text", reasoning: "Nothing left.", text: "second turn answered" },
  ]
}

/** The same two turns for a package without tools (Perplexity's): reasoning and an answer, then a second answer. */
function talk(): Step[] {
  return [
    { kind: "text", reasoning: "Say it.", text: "both commands ran" },
    { kind: "text", reasoning: "Nothing left.", text: "second turn answered" },
  ]
}

/** The two turns' prompts and arguments (before the case's own). */
const TURNS = [
  { prompt: "run the two commands", args: [] },
  { prompt: "and now?", args: ["--continue"] },
]

/** Runs the two turns with stock `opencode run` in a sandbox of their own and returns every request, in order. */
async function stockLive(
  script: Script,
  env: Record<string, string>,
  config: (url: string) => Record<string, unknown>,
  args: string[],
  steps: Step[],
): Promise<Comparable[]> {
  await using s = await scenario(script, env, { strict: true })
  s.box.writeConfig(config(s.fake.url))
  for (const turn of TURNS) expect((await s.ask(turn.prompt, [...turn.args, ...args])).code).toBe(0)
  return requestsOf(s.fake, s.box.root, steps)
}

/**
 * Every request the strict provider took, all accepted, as `portable` gives them, so they compare with a record:
 * `root` is the folder the session's project is in.
 */
function requestsOf(fake: FakeProvider, root: string, steps: Step[]): Comparable[] {
  expect(fake.requests.filter((request) => request.rejected).map((request) => request.rejected)).toEqual([])
  const reasoning = steps.flatMap((step) => ("reasoning" in step && step.reasoning ? [step.reasoning] : []))
  return portable(fake.requests, { root, fake, reasoning })
}

/** A prompt as `opencode run` puts it in the message: an argument with a space is quoted, as on its command line. */
const asRunSends = (prompt: string) => (prompt.includes(" ") ? `"${prompt.replaceAll('"', '\\"')}"` : prompt)

/** A served OpenCode the pooled sides share: its sandbox, fake provider and server. */
interface Served {
  s: Scenario
  server: Server
}

/**
 * The served OpenCodes of the pooled sides, one per environment (started when a case first needs it): every case's
 * project folder is served by the one whose environment holds the variables the case's credentials come from.
 */
const served = new Map<string, Promise<Served>>()

function servedWith(env: Record<string, string>): Promise<Served> {
  const key = JSON.stringify(Object.entries(env).sort())
  const known = served.get(key)
  if (known) return known
  const started = (async () => {
    const s = await scenario({}, env, { strict: true })
    // The sandbox's own config holds no plugin: each case's project folder brings its config, the plugin with it.
    s.box.writeConfig({ plugin: [] })
    return { s, server: await startServer(s) }
  })()
  served.set(key, started)
  return started
}

afterAll(async () => {
  for (const started of served.values()) {
    const { s, server } = await started
    await server[Symbol.asyncDispose]()
    await s[Symbol.asyncDispose]()
  }
})

/**
 * The same two turns asked of a served OpenCode as `opencode run` asks its in-process server (the same session, the
 * same prompt body), in a project folder of the case's own (`<folder>/project`, as stock's sandbox has it), whose
 * opencode.json is the case's pooled config. That this is what `opencode run` sends is checked by the comparison
 * itself: stock's side is `opencode run`'s.
 */
async function twoTurnsServed(
  env: Record<string, string>,
  config: (url: string) => Record<string, unknown>,
  script: Script,
  args: string[],
  steps: Step[],
): Promise<Comparable[]> {
  const at = args.indexOf("--variant")
  const extra = at >= 0 ? { variant: args[at + 1] } : {}
  expect(args.filter((arg, index) => index !== at && index !== at + 1)).toEqual([])
  const { s, server } = await servedWith(env)
  const folder = mkdtempSync(join(tmpdir(), "ocmp-case-"))
  try {
    const written = { autoupdate: false, share: "disabled", ...config(s.fake.url), plugin: [PLUGIN] }
    const project = projectFolder(join(folder, "project"), written)
    s.fake.setScript(script)
    s.fake.reset()
    const session = await server.session(project, RUN_SESSION)
    for (const turn of TURNS) {
      const reply = await server.reply(project, session, undefined, asRunSends(turn.prompt), extra)
      // The pool answered, not OpenCode alone: its report is on the answer.
      expect(reportIn(reply.parts)?.attempts).toEqual([])
    }
    return requestsOf(s.fake, folder, steps)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

interface Case {
  model: string
  /** Extra `provider` entries (model options), merged over the standard providers. */
  provider?: Record<string, unknown>
  args?: string[]
  /** Text stock OpenCode's requests must contain, so the case exercises what it names (thinking, a variant). */
  sends?: string
  /** The model id on the wire, when the provider's loader changes it (Bedrock's cross-region ids). */
  sent?: string
  /** Credentials from the environment. */
  env?: Record<string, string>
  /** The steps the model answers with, when the package cannot call tools; the tool session otherwise. */
  steps?: () => Step[]
  /**
   * Served apart from the other cases: the pooled sides share a served OpenCode whose environment holds every
   * case's variables, and a case whose provider must not find its variable (so OpenCode's loader does not run) needs
   * one without them.
   */
  alone?: true
}

const THINKING = { thinking: { type: "enabled", budgetTokens: 4_000 } }
/** The session's cache key, which OpenCode sets for xAI, Mistral, DeepInfra and Cerebras. */
const CACHE_KEY = '"prompt_cache_key":"ses_<id>"'

/** A catalog provider's key from the catalog's variable, on the fake's host for it. */
function catalogKey(variable: string): Pick<Case, "provider" | "env"> {
  return { provider: {}, env: { [variable]: `${variable.toLowerCase()}-e2e-secret-1` } }
}

/** The standard providers' GLM model, restated where a case replaces the provider's models. */
const GLM = { name: "GLM 4.6", limit: { context: 200_000, output: 4_000 }, reasoning: true }

const CASES: Record<string, Case> = {
  "openai-compatible": { model: "alpha/gpt-main" },
  "Anthropic, thinking by model option": {
    model: "anthropic/claude-sonnet-4-5",
    provider: { models: { "claude-sonnet-4-5": { options: THINKING } } },
    sends: '"thinking":{"type":"enabled","budget_tokens":4000}',
  },
  "Anthropic, thinking by --variant high": {
    model: "anthropic/claude-sonnet-4-5",
    args: ["--variant", "high"],
    sends: '"thinking":{"type":"enabled","budget_tokens":16000}',
  },
  "Anthropic package with a non-Claude id": { model: "zai/glm-4.6", sends: '"cache_control":{"type":"ephemeral"}' },
  "Anthropic package, non-Claude id, thinking by model option": {
    model: "zai/glm-4.6",
    provider: { models: { "glm-4.6": { ...GLM, options: THINKING } } },
    sends: '"thinking":{"type":"enabled","budget_tokens":4000}',
  },
  "Anthropic package, Kimi id, thinking by --variant high": {
    model: "zai/kimi-k2.5",
    args: ["--variant", "high"],
    sends: '"effort":"high"',
  },
  "Gemini 2.5": { model: "google/gemini-2.5-flash" },
  "Gemini 3": { model: "google/gemini-3.1-pro-preview", sends: '"thinkingLevel":"high"' },
  "OpenAI Responses": { model: "openai/gpt-5" },
  OpenRouter: { model: "openrouter/google/gemini-2.5-pro" },
  "Bedrock Claude, SigV4 (amazon-bedrock)": {
    model: "amazon-bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
    sent: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    provider: {
      npm: "@ai-sdk/amazon-bedrock",
      options: { region: "us-east-1" },
      models: {
        "anthropic.claude-sonnet-4-5-20250929-v1:0": { name: "Claude", limit: { context: 200_000, output: 8_000 } },
      },
    },
    env: {
      AWS_ACCESS_KEY_ID: FAKE_AWS_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_AWS_CREDENTIALS.secretAccessKey,
      AWS_REGION: "us-east-1",
    },
  },
  "Azure OpenAI Responses": {
    model: "azure/gpt-5",
    provider: {
      npm: "@ai-sdk/azure",
      options: { apiKey: "azure-e2e-secret-1", resourceName: "fake" },
      models: { "gpt-5": { name: "GPT-5", reasoning: true, limit: { context: 400_000, output: 128_000 } } },
    },
  },
  "Groq (openai chat)": {
    model: "groq/openai/gpt-oss-120b",
    provider: {
      npm: "@ai-sdk/groq",
      options: { apiKey: "groq-e2e-secret-1" },
      models: {
        "openai/gpt-oss-120b": { name: "GPT OSS", reasoning: true, limit: { context: 131_072, output: 32_768 } },
      },
    },
  },
  // The catalog's providers below keep their catalog models and take their keys from the catalog's variables, as
  // most users give them (so OpenCode's loaders for them run); only their hosts are set.
  "xAI Responses (key from XAI_API_KEY: OpenCode's xAI loader asks for Responses)": {
    model: "xai/grok-4.3",
    ...catalogKey("XAI_API_KEY"),
    sends: CACHE_KEY,
  },
  "xAI chat (key in the config: no loader, the package's chat completions)": {
    model: "xai/grok-4.3",
    provider: { options: { apiKey: "xai-e2e-secret-1" } },
    alone: true,
  },
  "Mistral (nine-character tool ids, native thinking replayed)": {
    model: "mistral/mistral-large-latest",
    ...catalogKey("MISTRAL_API_KEY"),
    sends: CACHE_KEY,
  },
  "DeepInfra, DeepSeek id with interleaved reasoning": {
    model: "deepinfra/deepseek-ai/DeepSeek-V3.2",
    ...catalogKey("DEEPINFRA_API_KEY"),
    sends: CACHE_KEY,
  },
  Cerebras: { model: "cerebras/gpt-oss-120b", ...catalogKey("CEREBRAS_API_KEY"), sends: CACHE_KEY },
  "Together AI, Kimi id": { model: "togetherai/moonshotai/Kimi-K2.6", ...catalogKey("TOGETHER_API_KEY") },
  "v0 (@ai-sdk/vercel)": { model: "v0/v0-1.5-md", ...catalogKey("V0_API_KEY") },
  // OpenCode's catalog serves Alibaba through openai-compatible; this is a provider on the package itself.
  "Alibaba (@ai-sdk/alibaba)": {
    model: "alibaba/qwen-plus",
    provider: {
      npm: "@ai-sdk/alibaba",
      options: { apiKey: "alibaba-e2e-secret-1" },
      models: { "qwen-plus": { name: "Qwen Plus", reasoning: true, limit: { context: 131_072, output: 16_384 } } },
    },
  },
  Cohere: { model: "cohere/command-a-03-2025", ...catalogKey("COHERE_API_KEY") },
  // With a key, the Vertex package uses express mode (`x-goog-api-key`); a project makes OpenCode's loader run.
  "Gemini on Vertex, express mode": {
    model: "google-vertex/gemini-2.5-flash",
    provider: { options: { apiKey: "vertex-e2e-secret-1", project: "p", location: "us-central1" } },
  },
  "Perplexity (no tools: two answers)": {
    model: "perplexity/sonar-pro",
    ...catalogKey("PERPLEXITY_API_KEY"),
    steps: talk,
  },
  // The gateway's body is the call options as they are: the raw-chunk flag is on the wire.
  "Vercel AI Gateway, Claude id": {
    model: "vercel/anthropic/claude-sonnet-4.5",
    ...catalogKey("AI_GATEWAY_API_KEY"),
    sends: '"includeRawChunks":false',
  },
}

/** Where each case's own provider is served by the fake provider. */
const BASE_PATHS: Record<string, string> = {
  "amazon-bedrock": "",
  azure: "/azure/openai/v1",
  groq: "/groq/openai/v1",
  xai: "/xai/v1",
  mistral: "/mistral/v1",
  deepinfra: "/deepinfra/v1",
  cerebras: "/cerebras/v1",
  togetherai: "/together/v1",
  v0: "/vercel/v1",
  alibaba: "/alibaba/compatible-mode/v1",
  cohere: "/v2",
  "google-vertex": "/v1/projects/p/locations/us-central1/publishers/google",
  perplexity: "/perplexity",
  vercel: "/v3/ai",
}

/** A case's opencode.json against the fake provider at `url`: its own provider entry merged over the standard one. */
function caseConfig(url: string, model: string, provider: Case["provider"], config: Record<string, unknown>) {
  const providerID = model.slice(0, model.indexOf("/"))
  const base = BASE_PATHS[providerID]
  const own = base === undefined ? {} : { options: { ...(provider?.options as object), baseURL: `${url}${base}` } }
  const standard = providers(url) as Record<string, Record<string, unknown>>
  return configFor(url, {
    ...config,
    ...(provider ? { provider: { ...standard, [providerID]: { ...standard[providerID], ...provider, ...own } } } : {}),
  })
}

describe("a pooled primary is indistinguishable from stock OpenCode at every step of a session", () => {
  // The variables of every case that shares the served OpenCode of the pooled sides.
  const shared = Object.assign({}, ...Object.values(CASES).map((entry) => (entry.alone ? {} : entry.env))) as Record<
    string,
    string
  >
  for (const [name, { model, provider, args = [], sends, sent, env = {}, steps = session, alone }] of Object.entries(
    CASES,
  )) {
    test(
      `${name} (${model}): every request of a two-turn tool session matches stock`,
      async () => {
        const apiID = model.slice(model.indexOf("/") + 1)
        const script: Script = { [sent ?? apiID]: steps(), "*": { kind: "text" } }
        const stockConfig = { plugin: [], agent: { build: { model } } }
        const file = join(RECORDS, recordName(name))
        const key = stockKey({
          config: caseConfig(RECORDED_URL, model, provider, stockConfig),
          env: scenarioEnv(env),
          script,
          strict: true,
          turns: TURNS.map((turn) => ({ ...turn, args: [...turn.args, ...args] })),
        })
        // Before any process starts: a missing or stale record fails at once, naming what changed.
        const recorded = RECORDING ? undefined : readRecord(file, key)
        const live = RECORDING || name === LIVE
        const stock = live
          ? await stockLive(script, env, (url) => caseConfig(url, model, provider, stockConfig), args, steps())
          : recorded!
        if (RECORDING) writeRecord(file, key, stock)
        // The record is what stock OpenCode sends today.
        else if (live) expect(stock).toEqual(recorded!)
        expect(stock).toHaveLength(steps().length)
        if (sends) for (const request of stock) expect(request.body).toContain(sends)
        const other = model.startsWith("alpha") ? "beta/gpt-b" : "alpha/gpt-main"
        const pooledConfig = (url: string) =>
          caseConfig(url, model, provider, { agent: { build: { model, fallbacks: [other] } } })
        const pooled = await twoTurnsServed(alone ? env : shared, pooledConfig, script, args, steps())
        expect(pooled).toEqual(stock)
      },
      E2E,
    )
  }

  test("every record in test/stock-records/session belongs to a case of this file", () => {
    const names = new Set(Object.keys(CASES).map(recordName))
    expect(readdirSync(RECORDS).filter((file) => !names.has(file))).toEqual([])
  })
})
