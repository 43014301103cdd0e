import type { LanguageModelV3, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { APICallError } from "@ai-sdk/provider"
import { resolvePolicy, type PoolSpec } from "@model-pool/core"
import { describe, expect, test } from "bun:test"
import type { PoolConfig } from "../config/read-config.ts"
import { poolsInScope, probeModel, verdictLine } from "./probe.ts"

const spec = (name: string, members: string[]): PoolSpec => ({ name, members, policy: resolvePolicy({}, {}) })

function model(doStream: LanguageModelV3["doStream"]): LanguageModelV3 {
  return {
    specificationVersion: "v3",
    provider: "test",
    modelId: "m",
    supportedUrls: {},
    doGenerate: () => Promise.reject(new Error("not used")),
    doStream,
  }
}

const streaming = (parts: LanguageModelV3StreamPart[]) =>
  model(async () => ({
    stream: new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const part of parts) controller.enqueue(part)
        controller.close()
      },
    }),
  }))

describe("probing a member", () => {
  test("an answer is ok, timed from the call to its first output part", async () => {
    let now = 100
    const clock = () => (now += 150)
    const verdict = await probeModel(
      streaming([
        { type: "stream-start", warnings: [] },
        { type: "text-delta", id: "t", delta: "OK" },
      ]),
      clock,
    )
    expect(verdict).toEqual({ ok: true, firstTokenMs: 150 })
    expect(verdictLine("a/x", verdict)).toBe("  a/x  ok  first output in 150 ms")
  })

  test("a provider error is classified, with its status and its safe message", async () => {
    const failing = model(() =>
      Promise.reject(
        new APICallError({
          message: "Rate limit reached",
          url: "http://127.0.0.1",
          requestBodyValues: {},
          statusCode: 429,
          isRetryable: true,
        }),
      ),
    )
    const verdict = await probeModel(failing)
    expect(verdict).toMatchObject({ ok: false, reason: "rate limit", status: 429 })
    expect(verdictLine("a/x", verdict)).toBe("  a/x  FAILED  rate limit (429): Rate limit reached")
  })

  test("an error part before any output is the member's failure", async () => {
    const verdict = await probeModel(streaming([{ type: "error", error: new Error("socket hang up") }]))
    expect(verdict).toMatchObject({ ok: false, reason: "unreachable" })
  })

  test("a member that sends nothing before the probe's deadline is a timeout", async () => {
    const silent = model(
      (options) =>
        new Promise((_, reject) =>
          options.abortSignal?.addEventListener("abort", () => reject(options.abortSignal?.reason)),
        ),
    )
    expect(await probeModel(silent, undefined, 5)).toMatchObject({
      ok: false,
      reason: "timeout",
      message: "no output within 0.005s",
    })
  })

  test("a member that is not probed says why", () => {
    expect(verdictLine("a/x", { ok: "skipped", reason: "signs in through an auth plugin" })).toBe(
      "  a/x  not probed  signs in through an auth plugin",
    )
  })
})

describe("which pools a probe covers", () => {
  const read = {
    pools: new Map([
      ["agent.build", spec("agent.build", ["a/x", "b/y"])],
      ["pool/fast", spec("pool/fast", ["c/z"])],
    ]),
    agentPools: new Map([["build", "agent.build"]]),
  } as unknown as PoolConfig

  test("every pool, one named pool (with or without pool/), or the pool of an agent", () => {
    expect(poolsInScope(read, {}).pools.map((pool) => pool.name)).toEqual(["agent.build", "pool/fast"])
    expect(poolsInScope(read, { pool: "fast" }).pools.map((pool) => pool.name)).toEqual(["pool/fast"])
    expect(poolsInScope(read, { pool: "pool/fast" }).pools.map((pool) => pool.name)).toEqual(["pool/fast"])
    expect(poolsInScope(read, { agent: "build" }).pools.map((pool) => pool.name)).toEqual(["agent.build"])
  })

  test("a name that matches nothing is told", () => {
    expect(poolsInScope(read, { pool: "slow" })).toEqual({ pools: [], problem: "no pool named slow" })
    expect(poolsInScope(read, { agent: "plan" })).toEqual({ pools: [], problem: "agent plan has no pool" })
  })
})
