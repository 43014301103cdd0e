// `bun run bench`: the costs the pool adds, each against a baseline measured in the same run.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import { APICallError, type LanguageModelV3, type LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test"
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  classify,
  createFallbackModel,
  createFileHealthStore,
  createMemoryHealthStore,
  createRedisHealthStore,
  DEFAULT_POLICY,
  emptyState,
  planAttempts,
  type HealthStore,
  type PoolSpec,
} from "../src/index.ts"
import { REDIS_SERVER, startRedisServer } from "@model-pool/fake-provider/redis-server"
import { medianNs, pairedMedianNs } from "./measure.ts"
import { startProviderProcess } from "./provider-process.ts"

const rows: { name: string; value: string; baseline: string; ratio: string; target: string }[] = []

// 1. classify + order: the decision made for every failure and every call.
const rateLimit = new APICallError({
  message: "Rate limit reached for gpt-5 in organization org-x on requests per min (RPM): Limit 500, Used 500.",
  url: "https://api.openai.com/v1/chat/completions",
  requestBodyValues: {},
  statusCode: 429,
  responseHeaders: { "retry-after": "20", "x-ratelimit-reset-requests": "20s", "content-type": "application/json" },
  responseBody:
    '{"error":{"message":"Rate limit reached for gpt-5","type":"requests","param":null,"code":"rate_limit_exceeded"}}',
  isRetryable: true,
})
const pool: PoolSpec = {
  name: "agent.build",
  members: ["openai/gpt-5", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro"],
  policy: DEFAULT_POLICY,
}
const state = emptyState()
state.members["openai/gpt-5"] = {
  until: Date.now() + 60_000,
  condition: "rate_limit",
  failures: 1,
  quota: false,
  at: Date.now(),
}
const decide = () => {
  classify(rateLimit)
  planAttempts({ pool, state, now: Date.now() })
}
const parseBody = () => JSON.parse(rateLimit.responseBody ?? "")
const decision = await medianNs(decide, 10_000)
const parse = await medianNs(parseBody, 10_000)
rows.push({
  name: "classify + order, per call",
  value: `${(decision / 1000).toFixed(2)} µs`,
  baseline: `JSON.parse of the error body: ${(parse / 1000).toFixed(2)} µs`,
  ratio: (decision / parse).toFixed(1),
  target: "< 5 µs",
})

// 2. The fallback model's overhead on a long stream, against the same provider model called bare: the real
// openai-compatible provider reading 1,000 streamed chunks from the loopback fake provider.
// The provider runs in its own process, so its work does not share this thread with what is measured.
const fake = await startProviderProcess({ "*": { kind: "text", text: "token ".repeat(1000), chunks: 1000 } })
const bare = createOpenAICompatible({ name: "fake", baseURL: `${fake.url}/openai/v1`, apiKey: "bench" }).chatModel(
  "bench",
)
const wrapped = createFallbackModel({
  name: "bench",
  policy: DEFAULT_POLICY,
  candidates: () => [{ member: "fake/bench", model: bare }],
})
const consume = (model: LanguageModelV3) => async () => {
  const { stream } = await model.doStream({ prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }] })
  const reader = stream.getReader()
  let count = 0
  while (!(await reader.read()).done) count++
  return count
}
// One call of each in turn, 301 times: the medians are stable to about 1% on a quiet machine. The same model
// against itself (A/A) shows this run's noise floor.
const streams = await pairedMedianNs(consume(bare), consume(wrapped), 1, 301)
const noise = await pairedMedianNs(consume(bare), consume(bare), 1, 101)
fake.stop()
rows.push({
  name: "fallback model, 1,000-part stream",
  value: `${(streams.candidate / 1e6).toFixed(2)} ms`,
  baseline: `bare provider model: ${(streams.baseline / 1e6).toFixed(2)} ms (A/A noise: ${(noise.candidate / noise.baseline).toFixed(3)})`,
  ratio: (streams.candidate / streams.baseline).toFixed(3),
  target: "ratio <= 1.05",
})

// 2b. The same wrapper over an in-memory stream, where nothing but stream plumbing costs: the added time per part.
const parts: LanguageModelV3StreamPart[] = [
  { type: "stream-start", warnings: [] },
  { type: "text-start", id: "t" },
  ...Array.from({ length: 998 }, (_, index): LanguageModelV3StreamPart => ({
    type: "text-delta",
    id: "t",
    delta: `token${index} `,
  })),
]
const memory = new MockLanguageModelV3({ doStream: async () => ({ stream: convertArrayToReadableStream(parts) }) })
const memoryWrapped = createFallbackModel({
  name: "bench",
  policy: DEFAULT_POLICY,
  candidates: () => [{ member: "mock/x", model: memory }],
})
const plumbing = await pairedMedianNs(consume(memory), consume(memoryWrapped), 20)
rows.push({
  name: "added time per streamed part",
  value: `${((plumbing.candidate - plumbing.baseline) / 1000).toFixed(0)} ns`,
  baseline: `in-memory stream: ${(plumbing.baseline / 1000).toFixed(0)} ns per part`,
  ratio: (plumbing.candidate / plumbing.baseline).toFixed(2),
  target: "(informational)",
})

// 3. One health update in the shared state file, against writing the same file without the lock.
const folder = mkdtempSync(join(tmpdir(), "model-pool-bench-"))
const path = join(folder, "health.json")
const store = createFileHealthStore(path)
const update = () =>
  store.update((draft) => {
    draft.cursors.bench = (draft.cursors.bench ?? 0) + 1
  })
const plainPath = join(folder, "plain.json")
const plainWrite = async () => {
  writeFileSync(`${plainPath}.tmp`, JSON.stringify(store.read()))
  renameSync(`${plainPath}.tmp`, plainPath)
}
const writes = await pairedMedianNs(plainWrite, update, 50)
rmSync(folder, { recursive: true, force: true })
rows.push({
  name: "state-file update (median)",
  value: `${(writes.candidate / 1e6).toFixed(3)} ms`,
  baseline: `unlocked write + rename: ${(writes.baseline / 1e6).toFixed(3)} ms`,
  ratio: (writes.candidate / writes.baseline).toFixed(1),
  target: "< 1 ms",
})

// 4. One health update in Redis (a local redis-server, loopback), against the same update in the state file.
if (REDIS_SERVER) {
  const redisFolder = mkdtempSync(join(tmpdir(), "model-pool-bench-"))
  await using server = await startRedisServer()
  const fileStore = createFileHealthStore(join(redisFolder, "health.json"))
  const redisStore = createRedisHealthStore({ url: server.url, fallback: createMemoryHealthStore(), timeoutMs: 5000 })
  const bump = (target: HealthStore) => () =>
    target.update((draft) => {
      draft.cursors.bench = (draft.cursors.bench ?? 0) + 1
    })
  const shared = await pairedMedianNs(bump(fileStore), bump(redisStore), 50)
  // What every call pays before planning: the Redis store's sync, against the file store's read (a stat).
  const syncs = await pairedMedianNs(
    async () => fileStore.read(),
    () => redisStore.sync(),
    50,
  )
  await redisStore.close()
  rmSync(redisFolder, { recursive: true, force: true })
  rows.push({
    name: "Redis update (median)",
    value: `${(shared.candidate / 1e6).toFixed(3)} ms`,
    baseline: `state-file update: ${(shared.baseline / 1e6).toFixed(3)} ms`,
    ratio: (shared.candidate / shared.baseline).toFixed(2),
    target: "(informational)",
  })
  rows.push({
    name: "Redis sync before a call (median)",
    value: `${(syncs.candidate / 1e6).toFixed(3)} ms`,
    baseline: `state-file read: ${(syncs.baseline / 1e6).toFixed(3)} ms`,
    ratio: (syncs.candidate / syncs.baseline).toFixed(1),
    target: "(informational)",
  })
} else {
  rows.push({
    name: "Redis update (median)",
    value: "skipped: redis-server is not installed",
    baseline: "state-file update",
    ratio: "-",
    target: "(informational)",
  })
}

console.log(`model-pool benchmarks (bun ${Bun.version}, ${process.platform}/${process.arch})\n`)
console.log("| measure | value | baseline (same run) | ratio | target |")
console.log("| --- | --- | --- | --- | --- |")
for (const row of rows) console.log(`| ${row.name} | ${row.value} | ${row.baseline} | ${row.ratio} | ${row.target} |`)
