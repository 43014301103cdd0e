// `bun run demo`: one pool of three loopback providers speaking three wire formats. The first is rate-limited,
// the second overloaded, the third answers; all inside one streamed call. No API keys, no network.
import { createAnthropic } from "@ai-sdk/anthropic"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createOpenAI } from "@ai-sdk/openai"
import { startFakeProvider } from "@model-pool/fake-provider"
import { streamText } from "ai"
import {
  createMemoryHealthStore,
  createPoolModel,
  describeAttempt,
  METADATA_KEY,
  resolvePolicy,
  type Attempt,
  type PoolSpec,
} from "../src/index.ts"

await using fake = await startFakeProvider({
  script: {
    "gpt-5": { kind: "rate_limit", retry_after_s: 30 },
    "claude-sonnet-4-5": { kind: "overloaded" },
    "gemini-2.5-pro": {
      kind: "text",
      text: "Hello from Gemini: the pool moved past two failing providers in one call.",
      chunks: 8,
    },
  },
})

const pool: PoolSpec = {
  name: "build",
  members: ["openai/gpt-5", "anthropic/claude-sonnet-4-5", "google/gemini-2.5-pro"],
  policy: resolvePolicy({}),
}

const providers = {
  openai: (id: string) => createOpenAI({ baseURL: `${fake.url}/openai/v1`, apiKey: "demo-key" }).chat(id),
  anthropic: (id: string) => createAnthropic({ baseURL: `${fake.url}/anthropic/v1`, apiKey: "demo-key" })(id),
  google: (id: string) => createGoogleGenerativeAI({ baseURL: `${fake.url}/google/v1beta`, apiKey: "demo-key" })(id),
}

const store = createMemoryHealthStore()
const model = createPoolModel({
  pool,
  store,
  build(member) {
    const [provider, id] = member.split("/") as [keyof typeof providers, string]
    return providers[provider](id)
  },
  observer: {
    failure: (_candidate, _classification, attempt) => console.log(`  x ${describeAttempt(attempt)}`),
    fallback: (from, to, classification) =>
      console.log(`  -> ${from.member} -> ${to.member} (${classification.condition})`),
    success: (candidate) => console.log(`  ok ${candidate.member} is answering\n`),
  },
})

console.log(`pool ${pool.name}: ${pool.members.join(", ")} (strategy ${pool.policy.strategy})\n`)
console.log("turn 1")
const result = streamText({ model, prompt: "Say hello.", maxRetries: 0 })
for await (const text of result.textStream) process.stdout.write(text)
const report = (await result.providerMetadata)?.[METADATA_KEY] as { member: string; attempts: Attempt[] } | undefined
console.log(`\n\nanswered by ${report?.member} after ${report?.attempts.length} failed attempts`)

console.log("\nturn 2: the plan now skips the members that are cooling down")
for (const attempt of model.plan()) {
  const cooling = attempt.coolingUntil
    ? `cooling for ${Math.round((attempt.coolingUntil - Date.now()) / 1000)}s`
    : "healthy"
  console.log(`  ${attempt.member}: ${cooling}`)
}
const second = streamText({ model, prompt: "Again.", maxRetries: 0 })
await second.text
console.log(`  answered by ${((await second.providerMetadata)?.[METADATA_KEY] as { member: string }).member}`)
console.log(
  `\nrequests the providers received: ${fake.requests.map((request) => `${request.format}:${request.model}`).join(", ")}`,
)
