import type { LanguageModelV3, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { classify, createMemoryHealthStore, createPoolModel, resolvePolicy } from "@model-pool/core"
import { describe, expect, test } from "bun:test"
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo, ProviderSettings } from "../host/provider-info.ts"
import type { PoolRuntime } from "../host/runtime.ts"
import { loadProviderPackages } from "./build-model.ts"
import { UnknownProviderError } from "./errors.ts"
import { memberModels } from "./member-models.ts"
import { memberSettings } from "./member-settings.ts"
import { loaderRuns, requestedModel } from "./requested-model.ts"

const authFetch = (() => Promise.resolve(new Response("{}"))) as unknown as typeof fetch

/** The parts of the runtime member settings read. */
function runtimeWith(created: Record<string, ProviderSettings>, profiles: Record<string, string>): PoolRuntime {
  return {
    created: new Map(Object.entries(created)),
    profiles,
    authOptions: async (providerID: string) =>
      providerID === "anthropic-work" || providerID === "anthropic"
        ? { plugin: "file:///auth.mjs", options: { apiKey: "", fetch: authFetch } }
        : undefined,
  } as unknown as PoolRuntime
}

const info: ProviderInfo = { options: { apiKey: "", baseURL: "http://127.0.0.1:1/v1" }, models: {} }

describe("the settings a member's package is created with", () => {
  test("a provider OpenCode created keeps OpenCode's settings: its auth loader already ran", async () => {
    const created = { apiKey: "", fetch: authFetch, baseURL: "http://127.0.0.1:1/v1" }
    const settings = await memberSettings(
      runtimeWith({ anthropic: created }, {}),
      { providerID: "anthropic", modelID: "m" },
      info,
    )
    expect(settings).toBe(created)
  })

  test("an auth profile OpenCode created gets the profile's login, which OpenCode's loaders never gave it", async () => {
    const created = { baseURL: "http://127.0.0.1:1/v1", apiKey: "from-opencode" }
    const settings = await memberSettings(
      runtimeWith({ "anthropic-work": created }, { "anthropic-work": "anthropic" }),
      { providerID: "anthropic-work", modelID: "m" },
      info,
    )
    expect(settings).toMatchObject({ baseURL: "http://127.0.0.1:1/v1", apiKey: "" })
    // The login's fetch, under OpenCode's transport limits: a wrapper, not the plugin's function itself.
    expect(typeof settings.fetch).toBe("function")
    expect(settings.fetch).not.toBe(authFetch)
  })

  test("a provider OpenCode never created is built from its resolved options plus its login", async () => {
    const settings = await memberSettings(runtimeWith({}, {}), { providerID: "anthropic", modelID: "m" }, info)
    expect(settings).toMatchObject({ baseURL: "http://127.0.0.1:1/v1", apiKey: "" })
    expect(typeof settings.fetch).toBe("function")
  })
})

describe("the API a member's model is asked through, as OpenCode's per-provider loaders ask for it", () => {
  const xai: ProviderInfo = { env: ["XAI_API_KEY"], options: { apiKey: "from-config" }, models: {} }

  test("OpenCode runs a provider's loader when it knew the provider before the config: a catalog variable or a login", () => {
    expect(loaderRuns("xai", xai, { XAI_API_KEY: "k" }, {})).toBe(true)
    expect(loaderRuns("xai", xai, {}, { xai: { type: "api", key: "k" } })).toBe(true)
    // A key only the config gives: OpenCode reads the config's providers after running the loaders.
    expect(loaderRuns("xai", xai, { OTHER_KEY: "k" }, { anthropic: { type: "api", key: "k" } })).toBe(false)
    expect(loaderRuns("xai", undefined, {}, {})).toBe(false)
  })

  test("an xai provider whose loader runs is asked for xAI's Responses API, else for the package's chat model", () => {
    const asked = (runs: boolean, providerID = "xai") =>
      requestedModel("@ai-sdk/xai", "grok-4.3", {}, { providerID, runs }).api
    expect([asked(true), asked(false), asked(true, "grok-host")]).toEqual([
      "responses",
      "languageModel",
      "languageModel",
    ])
  })

  test("OpenAI is always asked for Responses, Azure unless it uses completion URLs, Bedrock by its regional id", () => {
    expect(requestedModel("@ai-sdk/openai", "gpt-5", {}).api).toBe("responses")
    expect(requestedModel("@ai-sdk/azure", "gpt-5", { useCompletionUrls: true }).api).toBe("chat")
    expect(requestedModel("@ai-sdk/amazon-bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", {}).id).toBe(
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    )
  })
})

describe("a member on a provider OpenCode does not know", () => {
  const zz: MemberSource = {
    member: "zz/ok-a",
    providerID: "zz",
    modelID: "ok-a",
    apiID: "ok-a",
    npm: "@ai-sdk/openai-compatible",
    declared: "none",
  }
  const local: MemberSource = { ...zz, member: "local/ok-b", providerID: "local", modelID: "ok-b", declared: "model" }
  // OpenCode's list after routing: zz has only the entry the routing gave it; local is the user's own host.
  const known = new Map<string, ProviderInfo>([
    ["zz", { env: [], options: {}, models: { "ok-a": { api: { id: "ok-a" }, limit: { context: 0, output: 0 } } } }],
    ["local", { env: [], options: { baseURL: "http://127.0.0.1:1/v1" }, models: { "ok-b": { api: { id: "ok-b" } } } }],
  ])
  const runtime = {
    sources: new Map([
      [zz.member, zz],
      [local.member, local],
    ]),
    providers: async () => known,
    created: new Map(),
    profiles: {},
    apiKeys: {},
    authOptions: async () => undefined,
  } as unknown as PoolRuntime

  test("fails each call at once with a named error the pool reads as a model that does not exist", async () => {
    const model = await memberModels(runtime)(zz, undefined)
    const error = await model.doStream({ prompt: [] }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(UnknownProviderError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe('zz/ok-a: no provider "zz" is configured or known to OpenCode')
    expect(classify(error)).toMatchObject({
      condition: "provider_unavailable",
      lasting: "missing_model",
      message: 'model not found: zz/ok-a: no provider "zz" is configured or known to OpenCode',
    })
  })

  test("a member of a provider OpenCode knows is built with its package", async () => {
    await loadProviderPackages(["@ai-sdk/openai-compatible"])
    const model = await memberModels(runtime)(local, undefined)
    expect(model.provider).toStartWith("local")
  })

  test("a pool that reaches it moves on to the next member, which answers", async () => {
    const usage = {
      inputTokens: { total: 1, noCache: 1, cacheRead: 0, cacheWrite: 0 },
      outputTokens: { total: 1, text: 1, reasoning: 0 },
    }
    const parts: LanguageModelV3StreamPart[] = [
      { type: "text-start", id: "t" },
      { type: "text-delta", id: "t", delta: "from b" },
      { type: "text-end", id: "t" },
      { type: "finish", finishReason: { unified: "stop", raw: "stop" }, usage },
    ]
    const answering: LanguageModelV3 = {
      specificationVersion: "v3",
      provider: "b",
      modelId: "y",
      supportedUrls: {},
      doGenerate: () => Promise.reject(new Error("not used")),
      doStream: async () => ({
        stream: new ReadableStream({
          start(controller) {
            for (const part of parts) controller.enqueue(part)
            controller.close()
          },
        }),
      }),
    }
    const build = memberModels(runtime)
    const pool = createPoolModel({
      pool: { name: "agent.build", members: ["zz/ok-a", "b/y"], policy: resolvePolicy({}, {}) },
      store: createMemoryHealthStore(),
      build: (member, key) => (member === zz.member ? build(zz, key) : answering),
    })
    const { stream } = await pool.doStream({ prompt: [] })
    const text: string[] = []
    const reader = stream.getReader()
    for (let read = await reader.read(); !read.done; read = await reader.read())
      if (read.value.type === "text-delta") text.push(read.value.delta)
    expect(text.join("")).toBe("from b")
  })
})
