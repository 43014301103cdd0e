// Shared set-up of the end-to-end tests: the fake provider, a sandboxed OpenCode, and a config whose
// providers all point at the fake provider, one per wire format.
import {
  startFakeProvider,
  type FakeProvider,
  type FakeProviderOptions,
  type RecordedRequest,
  type Script,
} from "@model-pool/fake-provider"
import { createSandbox, type RunResult, type Sandbox } from "./opencode.ts"

/** Keys the tests hand to OpenCode; none may ever show up in a log, an export or the state file. */
export const KEYS = {
  alpha: "sk-alpha-e2e-secret-4f9a1c7d",
  beta: "sk-beta-e2e-secret-77aa31b0",
  anthropic: "sk-ant-e2e-secret-9b2d55e1",
  google: "AIzaE2eSecretKey0000000000000000000001",
  openai: "sk-openai-e2e-secret-2d8e6a10",
  openrouter: "sk-or-v1-e2e-secret-0b7c4f22",
}

/** Two openai-compatible hosts and the OpenAI, Anthropic, Google and OpenRouter catalog providers, all on the fake provider. */
export function providers(url: string): Record<string, unknown> {
  const model = (name: string, context: number, cost?: { input: number; output: number }) => ({
    name,
    limit: { context, output: 4_000 },
    ...(cost ? { cost } : {}),
  })
  return {
    alpha: {
      npm: "@ai-sdk/openai-compatible",
      name: "Alpha",
      options: { baseURL: `${url}/openai/v1`, apiKey: "{env:ALPHA_KEY}" },
      models: {
        "gpt-main": model("Main", 128_000, { input: 5, output: 15 }),
        "gpt-cheap": model("Cheap", 16_000, { input: 0.1, output: 0.4 }),
        small: model("Small", 32_000),
      },
    },
    beta: {
      npm: "@ai-sdk/openai-compatible",
      name: "Beta",
      options: { baseURL: `${url}/beta/v1`, apiKey: "{env:BETA_KEY}" },
      models: {
        "gpt-b": model("B", 64_000, { input: 0.2, output: 0.8 }),
        "gpt-tiny": model("Tiny", 8_000, { input: 0.05, output: 0.1 }),
      },
    },
    anthropic: { options: { baseURL: `${url}/anthropic/v1` } },
    // A model that is not Claude on an Anthropic-style endpoint, as GLM, MiniMax and Kimi are served.
    zai: {
      npm: "@ai-sdk/anthropic",
      name: "Z.ai",
      options: { baseURL: `${url}/anthropic/v1`, apiKey: "{env:ANTHROPIC_API_KEY}" },
      models: {
        "glm-4.6": { ...model("GLM 4.6", 200_000), reasoning: true },
        "kimi-k2.5": { ...model("Kimi K2.5", 200_000), reasoning: true },
      },
    },
    google: { options: { baseURL: `${url}/google/v1beta` } },
    openai: { options: { baseURL: `${url}/openai/v1` } },
    openrouter: { options: { baseURL: `${url}/openrouter/v1` } },
  }
}

/** A running scenario: the fake provider and a sandbox configured against it. */
export interface Scenario extends AsyncDisposable {
  fake: FakeProvider
  box: Sandbox
  /** Writes opencode.json with the standard providers plus `config`. */
  configure(config: Record<string, unknown>): void
  /** `opencode run` with a prompt, titles off (they are an extra call most tests do not want). */
  ask(prompt: string, args?: string[]): Promise<RunResult>
  /** `opencode export` of the session a run created. */
  exportOf(result: RunResult): Promise<Session>
  /** Requests as `format:model`, in arrival order. */
  calls(): string[]
  /** The standard providers, pointed at this scenario's fake provider. */
  providers(): Record<string, Record<string, unknown>>
}

/** The parts of an exported session the tests read. */
export interface Session {
  messages: { info: Record<string, unknown>; parts: Record<string, unknown>[] }[]
}

/** The standard keys with `env` added, as a scenario's sandbox gets them (a key set to "" is removed). */
export function scenarioEnv(env: Record<string, string> = {}): Record<string, string> {
  const keys = {
    ALPHA_KEY: KEYS.alpha,
    BETA_KEY: KEYS.beta,
    ANTHROPIC_API_KEY: KEYS.anthropic,
    GOOGLE_GENERATIVE_AI_API_KEY: KEYS.google,
    OPENAI_API_KEY: KEYS.openai,
    OPENROUTER_API_KEY: KEYS.openrouter,
    ...env,
  }
  return Object.fromEntries(Object.entries(keys).filter(([, value]) => value !== ""))
}

/** The opencode.json `configure` writes for a fake provider at `url`: the standard providers plus `config`. */
export function configFor(url: string, config: Record<string, unknown>): Record<string, unknown> {
  return { model: "alpha/gpt-main", small_model: "alpha/small", provider: providers(url), ...config }
}

/**
 * Starts a scenario; `env` adds to the standard keys (set one to "" to remove it). A `strict` fake provider
 * rejects what the real APIs reject.
 */
export async function scenario(
  script: Script,
  env: Record<string, string> = {},
  options: Pick<FakeProviderOptions, "strict" | "credentials" | "google"> = {},
): Promise<Scenario> {
  const fake = await startFakeProvider({ script, ...options })
  const box = createSandbox(scenarioEnv(env))
  return {
    fake,
    box,
    configure(config) {
      box.writeConfig(configFor(fake.url, config))
    },
    ask: (prompt, args = []) => box.run(["--title", "e2e", ...args, prompt]),
    async exportOf(result) {
      const session = result.events.find((event) => event.sessionID)?.sessionID
      if (!session) throw new Error(`the run created no session:\n${result.stderr.slice(-2000)}`)
      const exported = await box.exec(["export", session])
      return JSON.parse(exported.stdout.slice(exported.stdout.indexOf("{"))) as Session
    },
    providers: () => providers(fake.url) as Record<string, Record<string, unknown>>,
    calls: () => fake.requests.map((request: RecordedRequest) => `${request.format}:${request.model}`),
    async [Symbol.asyncDispose]() {
      await fake.stop()
      await box[Symbol.asyncDispose]()
    },
  }
}

/** What the plugin reports on an answer's parts: the member that answered and the attempts before it. */
export interface PoolReport {
  member: string
  attempts: { member: string; condition: string }[]
}

/** The first report on `parts`. */
export function reportIn(parts: Iterable<Record<string, unknown> | undefined>): PoolReport | undefined {
  for (const part of parts) {
    const report = (part?.metadata as Record<string, unknown> | undefined)?.modelPool
    if (report) return report as PoolReport
  }
  return undefined
}

/** The pool report stored on the answer's parts of an exported session, if any. */
export function poolReport(session: Session): PoolReport | undefined {
  return reportIn(session.messages.flatMap((message) => message.parts))
}

/**
 * The pool report on the answer's parts as the run printed them (`--format json` prints each finished part,
 * metadata included): the same report the session stores, without an `opencode export` start.
 */
export function reportOf(result: RunResult): PoolReport | undefined {
  return reportIn(result.events.map((event) => (event as { part?: Record<string, unknown> }).part))
}
