// `npm run demo` (from the repository root): the real `opencode run`, with a pooled agent whose primary is
// rate-limited, against the bundled loopback provider. No API keys, no network.
import { startFakeProvider } from "@model-pool/fake-provider"
import { answerOf, createSandbox } from "../test/opencode.ts"
import { providers } from "../test/scenario.ts"

const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

await using fake = await startFakeProvider({
  script: {
    "gpt-main": { kind: "rate_limit", retry_after_s: 60 },
    "claude-sonnet-4-5": { kind: "overloaded" },
    "gemini-2.5-flash": {
      kind: "text",
      text: "Hello! Gemini here: two providers failed and I answered the same turn.",
      chunks: 6,
    },
  },
})
await using box = createSandbox({
  ALPHA_KEY: "demo-key-alpha",
  ANTHROPIC_API_KEY: "demo-key-anthropic",
  GOOGLE_GENERATIVE_AI_API_KEY: "demo-key-google",
})
const agent = { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5", "google/gemini-2.5-flash"] }
box.writeConfig({
  model: "alpha/gpt-main",
  small_model: "alpha/small",
  provider: providers(fake.url),
  agent: { build: agent },
})

console.log(bold("opencode.json"), `agent.build = ${JSON.stringify(agent)}`)
console.log("alpha speaks OpenAI chat completions, anthropic the Messages API, google Gemini; all on", fake.url)

for (const [turn, prompt] of [
  [1, "Say hello."],
  [2, "And again."],
] as const) {
  console.log(`\n${bold(`turn ${turn}`)}: opencode run --agent build "${prompt}"`)
  const started = Date.now()
  const result = await box.run(["--title", "demo", "--agent", "build", prompt])
  const poolLines = result.stderr
    .split("\n")
    .flatMap(
      (line) => /message="(.*(?: -> |cooling down|answered by|every member|agent\.build:).*)"$/.exec(line)?.[1] ?? [],
    )
  for (const line of poolLines) console.log(`  pool  ${line.replaceAll('\\"', '"')}`)
  console.log(`  answer (exit ${result.code}, ${((Date.now() - started) / 1000).toFixed(1)}s): ${answerOf(result)}`)
  const session = result.events.find((event) => event.sessionID)?.sessionID
  if (!session) continue
  const exported = JSON.parse((await box.exec(["export", session])).stdout.replace(/^[^{]*/, ""))
  const parts = exported.messages.flatMap(
    (message: { parts: { metadata?: { modelPool?: unknown } }[] }) => message.parts,
  )
  const report = parts.find((part: { metadata?: { modelPool?: unknown } }) => part.metadata?.modelPool)?.metadata
    ?.modelPool as {
    member: string
    attempts: { member: string; condition: string; status?: number; durationMs: number }[]
  }
  console.log(`  session export: answered by ${report.member}; failed attempts:`)
  for (const attempt of report.attempts)
    console.log(
      `    - ${attempt.member}: ${attempt.condition} (${attempt.status ?? "no status"}), ${attempt.durationMs} ms`,
    )
  if (report.attempts.length === 0) console.log("    (none: the members cooling down were not tried)")
}

console.log(
  `\n${bold("requests the providers received")}: ${fake.requests.map((request) => `${request.format}:${request.model}`).join(", ")}`,
)
