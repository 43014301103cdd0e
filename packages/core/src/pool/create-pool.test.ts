import { createAnthropic } from "@ai-sdk/anthropic"
import { createAnthropic as createAnthropic7 } from "@ai-sdk/anthropic-v4"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import { createOpenAICompatible as createOpenAICompatible7 } from "@ai-sdk/openai-compatible-v3"
import { startFakeProvider } from "@model-pool/fake-provider"
import * as ai6 from "ai"
import * as ai7 from "ai-v7"
import { afterAll, describe, expect, test } from "bun:test"
import { METADATA_KEY } from "../fallback/fallback-model.ts"
import { MixedSpecificationError } from "../language-model.ts"
import { createPool } from "./create-pool.ts"
import { createPoolModel } from "./pool-model.ts"
import { resolvePolicy } from "../config/policy.ts"
import { createMemoryHealthStore } from "../health/store.ts"

const KEY = "sk-test-create-pool-0000000000"

// The primary is rate-limited on every request; the second member answers.
const fake = await startFakeProvider({
  script: { "gpt-main": { kind: "rate_limit", retry_after_s: 30 }, "claude-sonnet-4-5": { kind: "text" } },
})
afterAll(() => fake.stop())

const sdk6 = () => [
  createOpenAICompatible({ name: "alpha", baseURL: `${fake.url}/openai/v1`, apiKey: KEY }).chatModel("gpt-main"),
  createAnthropic({ baseURL: `${fake.url}/anthropic/v1`, apiKey: KEY })("claude-sonnet-4-5"),
]
const sdk7 = () => [
  createOpenAICompatible7({ name: "alpha", baseURL: `${fake.url}/openai/v1`, apiKey: KEY }).chatModel("gpt-main"),
  createAnthropic7({ baseURL: `${fake.url}/anthropic/v1`, apiKey: KEY })("claude-sonnet-4-5"),
]

/** The requests each model got since `from`. */
const requestsSince = (from: number) => fake.requests.slice(from).map((request) => request.model)

const report = (metadata: unknown) =>
  (metadata as Record<string, { member: string; attempts: unknown[] }>)[METADATA_KEY]

describe("createPool: the short start, in AI SDK 7 and AI SDK 6", () => {
  test("AI SDK 7 members make an AI SDK 7 model; streamText falls back to the second, generateText then skips the cooled primary", async () => {
    const pool = createPool({ models: sdk7() })
    expect(pool.specificationVersion).toBe("v4")
    const from = fake.requests.length
    const streamed = ai7.streamText({ model: pool, prompt: "hello", maxRetries: 0 })
    expect(await streamed.text).toBe("ok from claude-sonnet-4-5")
    const streamedReport = report(await streamed.providerMetadata)
    expect(streamedReport?.member).toBe("anthropic/claude-sonnet-4-5")
    expect(streamedReport?.attempts).toMatchObject([{ member: "alpha/gpt-main", condition: "rate_limit", status: 429 }])
    const generated = await ai7.generateText({ model: pool, prompt: "hello", maxRetries: 0 })
    expect(generated.text).toBe("ok from claude-sonnet-4-5")
    expect(report(generated.providerMetadata)?.member).toBe("anthropic/claude-sonnet-4-5")
    // One request to the primary: its Retry-After cools it for the next call.
    expect(requestsSince(from)).toEqual(["gpt-main", "claude-sonnet-4-5", "claude-sonnet-4-5"])
  })

  test("AI SDK 6 members make an AI SDK 6 model, with the same fallback through streamText and generateText", async () => {
    const pool = createPool({ models: sdk6() })
    expect(pool.specificationVersion).toBe("v3")
    const from = fake.requests.length
    const streamed = ai6.streamText({ model: pool, prompt: "hello", maxRetries: 0 })
    expect(await streamed.text).toBe("ok from claude-sonnet-4-5")
    expect(report(await streamed.providerMetadata)?.member).toBe("anthropic/claude-sonnet-4-5")
    const generated = await ai6.generateText({ model: createPool({ models: sdk6() }), prompt: "hi", maxRetries: 0 })
    expect(report(generated.providerMetadata)?.attempts).toMatchObject([
      { member: "alpha/gpt-main", condition: "rate_limit" },
    ])
    expect(requestsSince(from)).toEqual(["gpt-main", "claude-sonnet-4-5", "gpt-main", "claude-sonnet-4-5"])
  })

  test("every setting of the pool is reachable: name, policy keys, store, observer, and the pool model's others", async () => {
    const events: string[] = []
    const store = createMemoryHealthStore()
    const pool = createPool({
      models: sdk7(),
      name: "assistant",
      policy: { fallback_on: ["rate_limit"], retries: 0 },
      store,
      observer: { fallback: (from, to, why) => void events.push(`${from.member} -> ${to.member} (${why.condition})`) },
      clock: () => Date.now(),
    })
    const result = await ai7.generateText({ model: pool, prompt: "hi", maxRetries: 0 })
    expect((report(result.providerMetadata) as unknown as { pool: string }).pool).toBe("assistant")
    expect(events).toEqual(["alpha/gpt-main -> anthropic/claude-sonnet-4-5 (rate_limit)"])
    expect(Object.keys(store.read().members)).toEqual(["alpha/gpt-main"])
    expect(pool.plan().map((attempt) => attempt.member)).toEqual(["anthropic/claude-sonnet-4-5", "alpha/gpt-main"])
  })

  test("a policy that does not validate is refused at once, naming the key and what is allowed", () => {
    expect(() => createPool({ models: sdk7(), policy: { strategy: "fastest" as "sequential" } })).toThrow(
      /^invalid pool policy:\n.*pool\.policy\.strategy.*"fastest".*sequential/s,
    )
  })

  test("members of two AI SDK majors, or none, are refused with what to do", () => {
    const [v6] = sdk6()
    const [, v7] = sdk7()
    expect(() => createPool({ models: [v6!, v7!] })).toThrow(/mix language model specifications \(v3, v4\)/)
    expect(() => createPool({ models: [] })).toThrow("models is empty")
  })

  test("a member of another version than its pool serves fails the call with a MixedSpecificationError", async () => {
    const [, v7] = sdk7()
    const model = createPoolModel({
      pool: { name: "p", members: ["anthropic/claude-sonnet-4-5"], policy: resolvePolicy({}) },
      store: createMemoryHealthStore(),
      build: () => v7!,
    })
    const call = Promise.resolve(model.doGenerate({ prompt: [] }))
    await expect(call).rejects.toThrow(MixedSpecificationError)
    await expect(call).rejects.toThrow("specification v4 (AI SDK 7), but the pool serves v3 (AI SDK 6)")
  })

  test("two members of one model are told apart in reports", () => {
    const [first] = sdk7()
    const [again] = sdk7()
    const pool = createPool({ models: [first!, again!] })
    expect(pool.plan().map((attempt) => attempt.member)).toEqual(["alpha/gpt-main", "alpha/gpt-main#2"])
  })

  test("AI SDK 7 packages' failures are classified as AI SDK 6's, over both wire formats", async () => {
    const faults = await startFakeProvider({
      script: {
        "down-503": { kind: "server_error", status: 503 },
        overloaded: { kind: "overloaded" },
        overflow: { kind: "context_overflow" },
        "no-such-model": { kind: "model_not_found" },
        "error-frame": { kind: "stream_error" },
        "claude-sonnet-4-5": { kind: "text" },
      },
    })
    try {
      const compatible = createOpenAICompatible7({ name: "alpha", baseURL: `${faults.url}/openai/v1`, apiKey: KEY })
      const anthropic = createAnthropic7({ baseURL: `${faults.url}/anthropic/v1`, apiKey: KEY })
      const cases = [
        [compatible.chatModel("down-503"), "provider_unavailable"],
        [anthropic("overloaded"), "provider_unavailable"],
        [compatible.chatModel("overflow"), "token_limit"],
        [anthropic("overflow"), "token_limit"],
        // A missing model moves on, and is told as lasting (it does not come back by waiting).
        [compatible.chatModel("no-such-model"), "provider_unavailable"],
        [anthropic("error-frame"), "provider_unavailable"],
        [compatible.chatModel("error-frame"), "provider_unavailable"],
      ] as const
      for (const [primary, condition] of cases) {
        const pool = createPool({ models: [primary, anthropic("claude-sonnet-4-5")] })
        const result = ai7.streamText({ model: pool, prompt: "hello", maxRetries: 0 })
        expect({ member: primary.modelId, text: await result.text }).toEqual({
          member: primary.modelId,
          text: "ok from claude-sonnet-4-5",
        })
        const attempts = report(await result.providerMetadata)?.attempts as { condition: string }[]
        expect({ member: primary.modelId, condition: attempts[0]?.condition }).toEqual({
          member: primary.modelId,
          condition,
        })
      }
    } finally {
      await faults.stop()
    }
  })
})
