// `npm run compare:ai-fallback`: this pool and ai-fallback 3, side by side on the same faults, in one run. Both wrap
// the same two AI SDK 7 members, an OpenAI-compatible primary and a Claude backup, on the loopback fake provider; a
// fresh fake for every fault and side, so its request log counts each member's requests. Prints a markdown table:
// which member answered, how many requests each member got, and the time to the answer.
import { createAnthropic } from "@ai-sdk/anthropic-v4"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible-v3"
import { startFakeProvider, type Script } from "@model-pool/fake-provider"
import { createFallback } from "ai-fallback"
import { streamText } from "ai-v7"
import { createPool } from "../src/pool/create-pool.ts"

/** A call that has not answered by then is stopped: ai-fallback has no first-token deadline. */
const GIVE_UP_MS = 10_000
/** The pool's first-token deadline for this comparison (its default is 60 s). */
const DEADLINE_MS = 2_000
const KEY = "sk-compare-0000000000000000"

type Step = Script[string]
interface Fault {
  name: string
  primary: Step
  /** Calls made one after another on the same wrapper; the row reports the last. */
  calls: number
}

const FAULTS: Fault[] = [
  { name: "429 with Retry-After 30 s", primary: { kind: "rate_limit", retry_after_s: 30 }, calls: 1 },
  { name: "503", primary: { kind: "server_error", status: 503 }, calls: 1 },
  { name: "stall after the headers", primary: { kind: "hang", after_headers: true }, calls: 1 },
  { name: "error in the stream, before any output", primary: { kind: "stream_error" }, calls: 1 },
  { name: "context overflow", primary: { kind: "context_overflow" }, calls: 1 },
  {
    name: "the next call after a 429 (Retry-After 30 s)",
    primary: { kind: "rate_limit", retry_after_s: 30 },
    calls: 2,
  },
]

interface Outcome {
  answeredBy: string
  requests: string
  ms: number
}

async function run(side: "pool" | "ai-fallback", fault: Fault): Promise<Outcome> {
  const fake = await startFakeProvider({ script: { "gpt-main": fault.primary, "claude-sonnet-4-5": { kind: "text" } } })
  try {
    const models = [
      createOpenAICompatible({ name: "alpha", baseURL: `${fake.url}/openai/v1`, apiKey: KEY }).chatModel("gpt-main"),
      createAnthropic({ baseURL: `${fake.url}/anthropic/v1`, apiKey: KEY })("claude-sonnet-4-5"),
    ]
    const model =
      side === "pool"
        ? createPool({ models, policy: { first_token_timeout_ms: DEADLINE_MS } })
        : createFallback({ models })
    let outcome: Outcome = { answeredBy: "", requests: "", ms: 0 }
    for (let call = 0; call < fault.calls; call++) {
      const from = fake.requests.length
      const started = performance.now()
      let answeredBy: string
      try {
        const result = streamText({
          model,
          prompt: "hello",
          maxRetries: 0,
          abortSignal: AbortSignal.timeout(GIVE_UP_MS),
        })
        const text = await result.text
        answeredBy = text.replace(/^ok from /, "") || "none: an empty answer (the stream's error went to the caller)"
      } catch (error) {
        const name = error instanceof Error ? error.name : "error"
        answeredBy =
          name === "TimeoutError" || name === "AbortError"
            ? `none: stopped after ${GIVE_UP_MS / 1000} s`
            : `none: ${name}`
      }
      const counts = ["gpt-main", "claude-sonnet-4-5"].map(
        (id) => fake.requests.slice(from).filter((request) => request.model === id).length,
      )
      outcome = { answeredBy, requests: `${counts[0]} / ${counts[1]}`, ms: performance.now() - started }
    }
    return outcome
  } finally {
    await fake.stop()
  }
}

// One unreported round first, so neither side's times include the runtime compiling its code.
await run("pool", FAULTS[0]!)
await run("ai-fallback", FAULTS[0]!)

const rows: string[] = []
for (const [index, fault] of FAULTS.entries()) {
  // Each fault's sides take turns going first.
  const pool = index % 2 === 0 ? await run("pool", fault) : undefined
  const fallback = await run("ai-fallback", fault)
  const poolOutcome = pool ?? (await run("pool", fault))
  const cell = (outcome: Outcome) => `${outcome.answeredBy} | ${outcome.requests} | ${Math.round(outcome.ms)} ms`
  rows.push(`| ${fault.name} | ${cell(poolOutcome)} | ${cell(fallback)} |`)
  process.stderr.write(".")
}
process.stderr.write("\n")
console.log("| fault | pool: answered by | requests | time | ai-fallback: answered by | requests | time |")
console.log("| --- | --- | --- | --- | --- | --- | --- |")
for (const row of rows) console.log(row)
