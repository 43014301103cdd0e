// `npm run bench:e2e`: the released opencode binary on loopback, with the plugin and without it (stock), in the
// same run. Paired measurements alternate which side goes first (A B, B A, ...), so drift in the machine's load
// falls on both sides alike; each pair gets a fresh sandbox and a fresh fake provider. Prints medians with their
// spread, and the performance targets next to them. BENCH_PAIRS sets the number of pairs (default 8).
import type { Script } from "@model-pool/fake-provider"
import { cpus, totalmem } from "node:os"
import { opencodeBinary, type RunResult } from "../test/opencode.ts"
import { scenario } from "../test/scenario.ts"
import { RUN_SESSION, startServer } from "../test/serve.ts"
import { formatSummary, summarize, type Summary } from "./stats.ts"

const PAIRS = Number(process.env.BENCH_PAIRS ?? 8)
const MIB = 1024 * 1024
const DEADLINE_MS = 2_000
/** Stock OpenCode retries some faults for minutes; past this the run is stopped and counted as still retrying. */
const STOCK_CAP_MS = 120_000

const POOL = { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] }

interface Run {
  result: RunResult
  /** The requests the fake provider got: the model each asked for, when it arrived and when it was answered. */
  requests: { model: string; at: number; answered: number }[]
}

/** One `opencode run` in a fresh sandbox: stock (no plugin) or with the plugin and a pooled build agent. */
async function runOnce(
  side: "stock" | "pooled",
  script: Script,
  options: { model?: string; agent?: Record<string, unknown>; timeoutMs?: number } = {},
): Promise<Run> {
  await using s = await scenario(script)
  s.configure(
    side === "stock"
      ? { plugin: [], model: options.model ?? "alpha/gpt-main" }
      : { agent: { build: { ...POOL, ...options.agent } } },
  )
  const result = await s.box.run(["--title", "bench", "hello"], { timeoutMs: options.timeoutMs })
  const requests = s.fake.requests.map((request) => ({
    model: request.model,
    at: request.at,
    answered: request.answered ?? Number.NaN,
  }))
  return { result, requests }
}

function check(run: Run, what: string): Run {
  if (run.result.code !== 0)
    throw new Error(`${what} failed (exit ${run.result.code}):\n${run.result.stderr.slice(-3000)}`)
  return run
}

/** Runs `a` and `b` PAIRS times, alternating which goes first. */
async function paired(a: () => Promise<Run>, b: () => Promise<Run>): Promise<{ a: Run[]; b: Run[] }> {
  const runs = { a: [] as Run[], b: [] as Run[] }
  for (let pair = 0; pair < PAIRS; pair++) {
    if (pair % 2 === 0) {
      runs.a.push(await a())
      runs.b.push(await b())
    } else {
      runs.b.push(await b())
      runs.a.push(await a())
    }
    process.stderr.write(".")
  }
  process.stderr.write("\n")
  return runs
}

const ratios = (a: Run[], b: Run[], of: (run: Run) => number) =>
  summarize(a.map((run, index) => of(b[index] ?? run) / of(run)))
const wall = (run: Run) => run.result.usage.wallMs
const cpu = (run: Run) => run.result.usage.cpuMs
const rss = (run: Run) => run.result.usage.peakRssBytes / MIB

/**
 * From the last request for `first` to the arrival of the first request for `second`: measured from its arrival,
 * or from the moment its (failed) answer had gone out, which leaves only the client's turnaround.
 */
function gapOf(run: Run, first: string, second: string, from: "at" | "answered" = "at"): number {
  const next = run.requests.findIndex((request) => request.model === second)
  const failed = run.requests.slice(0, Math.max(0, next)).findLast((request) => request.model === first)
  const backup = run.requests[next]
  return failed && backup ? backup.at - failed[from] : Number.NaN
}

const rows: { measure: string; figure: string; target: string; met: string }[] = []
function row(measure: string, figure: string, target = "", met?: boolean) {
  rows.push({ measure, figure, target, met: met === undefined ? "" : met ? "yes" : "no" })
}
const within = (summary: Summary, limit: number) => summary.n > 0 && summary.median <= limit

const version = Bun.spawnSync([opencodeBinary(), "--version"]).stdout.toString().trim()
process.stderr.write(`opencode ${version}, ${PAIRS} pairs per comparison\n`)

// 1. A healthy turn: the pool's primary answers.
process.stderr.write("healthy pooled vs stock ")
const healthy = await paired(
  async () => check(await runOnce("stock", { "*": { kind: "text" } }), "stock run"),
  async () => check(await runOnce("pooled", { "*": { kind: "text" } }), "pooled run"),
)
const healthyWall = ratios(healthy.a, healthy.b, wall)
const rssDelta = summarize(healthy.a.map((run, index) => rss(healthy.b[index] ?? run) - rss(run)))
row("stock, healthy run: wall", formatSummary(summarize(healthy.a.map(wall)), " ms"))
row("pooled, healthy run: wall", formatSummary(summarize(healthy.b.map(wall)), " ms"))
row("healthy pooled / stock: wall", formatSummary(healthyWall, "x", 3), "<= 1.02x", within(healthyWall, 1.02))
row("healthy pooled / stock: CPU", formatSummary(ratios(healthy.a, healthy.b, cpu), "x", 3))
row("stock: peak RSS", formatSummary(summarize(healthy.a.map(rss)), " MiB"))
row("pooled: peak RSS", formatSummary(summarize(healthy.b.map(rss)), " MiB"))
row("pooled - stock: peak RSS", formatSummary(rssDelta, " MiB", 1), "<= +20 MiB", within(rssDelta, 20))

// 2. The primary is rate-limited: the pool answers from the backup in the same turn; stock goes there directly.
process.stderr.write("failover vs direct on the backup ")
const failoverScript: Script = {
  "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
  "gpt-b": { kind: "text" },
}
const failover = await paired(
  async () => check(await runOnce("stock", { "gpt-b": { kind: "text" } }, { model: "beta/gpt-b" }), "direct run"),
  async () => check(await runOnce("pooled", failoverScript), "failover run"),
)
const gap = summarize(failover.b.map((run) => gapOf(run, "gpt-main", "gpt-b")))
const turnaround = summarize(failover.b.map((run) => gapOf(run, "gpt-main", "gpt-b", "answered")))
const failoverWall = ratios(failover.a, failover.b, wall)
row("failover gap: failed request's arrival to the backup's", formatSummary(gap, " ms", 1), "< 10 ms", within(gap, 10))
row("of which OpenCode's turnaround: the 429 sent to the backup's arrival", formatSummary(turnaround, " ms", 1))
row(
  "failover run / direct run on the backup: wall",
  formatSummary(failoverWall, "x", 3),
  "<= 1.05x",
  within(failoverWall, 1.05),
)

// 3. The primary stalls: no first token before the deadline.
process.stderr.write("stall to fallback ")
const stalls: Run[] = []
for (let index = 0; index < Math.max(1, Math.ceil(PAIRS / 2)); index++) {
  const script: Script = { "gpt-main": { kind: "hang", after_headers: true }, "gpt-b": { kind: "text" } }
  stalls.push(check(await runOnce("pooled", script, { agent: { first_token_timeout_ms: DEADLINE_MS } }), "stall run"))
  process.stderr.write(".")
}
process.stderr.write("\n")
// The deadline starts when the member's call starts, a little before its request arrives.
const stallGap = summarize(stalls.map((run) => gapOf(run, "gpt-main", "gpt-b")))
row(
  "stall to fallback: stalled request's arrival to the backup's",
  formatSummary(stallGap, " ms", 1),
  `${DEADLINE_MS} ms deadline`,
)
// The same stall recovered by a hedge at a quarter of the deadline: the backup starts beside the stalled member.
process.stderr.write("stall to hedge ")
const hedged: Run[] = []
for (let index = 0; index < Math.max(1, Math.ceil(PAIRS / 2)); index++) {
  const script: Script = { "gpt-main": { kind: "hang", after_headers: true }, "gpt-b": { kind: "text" } }
  const agent = { first_token_timeout_ms: DEADLINE_MS, hedge_after_ms: DEADLINE_MS / 4 }
  hedged.push(check(await runOnce("pooled", script, { agent }), "hedge run"))
  process.stderr.write(".")
}
process.stderr.write("\n")
row(
  "stall to hedge: stalled request's arrival to the backup's",
  formatSummary(summarize(hedged.map((run) => gapOf(run, "gpt-main", "gpt-b"))), " ms", 1),
  `${DEADLINE_MS / 4} ms hedge_after_ms`,
)

// 4. Ten turns while the primary's cooldown (Retry-After 600 s) lasts: one request reaches it, the first.
process.stderr.write("ten turns against a cooled member\n")
{
  await using s = await scenario({ "gpt-main": { kind: "rate_limit", retry_after_s: 600 }, "gpt-b": { kind: "text" } })
  s.configure({ agent: { build: POOL } })
  for (let turn = 0; turn < 10; turn++) {
    const result = await s.box.run(["--title", "bench", `turn ${turn}`])
    if (result.code !== 0) throw new Error(`turn ${turn} failed:\n${result.stderr.slice(-3000)}`)
  }
  const cooled = s.fake.requests.filter((request) => request.model === "gpt-main").length
  row("requests to the cooled member over 10 turns", `${cooled} (of ${s.fake.requests.length})`, "1", cooled === 1)
}

// 5. Foresight, over one served session of ten turns each, pooled and stock: requests sent to a member after its
// answer said its request window is spent (each would be refused with a 429), and how many turns of a round-robin
// session change member (each re-sends the conversation uncached to another provider).
process.stderr.write("ten turns on a spent window, ten turns of round robin\n")
{
  const spent = { "x-ratelimit-remaining-requests": "0", "x-ratelimit-reset-requests": "1h" }
  const tenTurns = async (config: Record<string, unknown>, script: Script) => {
    await using s = await scenario(script)
    s.configure(config)
    await using server = await startServer(s)
    const session = await server.session(s.box.project, RUN_SESSION)
    for (let turn = 0; turn < 10; turn++) await server.prompt(s.box.project, session, "build", `turn ${turn}`)
    return s.fake.requests.map((request) => request.model)
  }
  const windowScript: Script = { "gpt-main": { kind: "text", headers: spent }, "*": { kind: "text" } }
  const onSpent = (models: string[]) => models.slice(1).filter((model) => model === "gpt-main").length
  const pooled = onSpent(await tenTurns({ agent: { build: POOL } }, windowScript))
  const stock = onSpent(await tenTurns({ plugin: [], model: "alpha/gpt-main" }, windowScript))
  row("requests sent on a spent window over 10 turns (stock)", `${pooled} (${stock})`, "0", pooled === 0)
  const members = ["alpha/gpt-main", "beta/gpt-b", "anthropic/claude-sonnet-4-5"]
  const rotated = await tenTurns(
    { agent: { build: { models: members, strategy: "round_robin" } } },
    { "*": { kind: "text" } },
  )
  const changes = rotated.slice(1).filter((model, index) => model !== rotated[index]).length
  row("turns of a 10-turn round-robin session that change member", String(changes), "0", changes === 0)
}

// 6. Stock OpenCode alone on the same faults: how long until it gives up, and how many requests it sends. These
// runs wait out OpenCode's own backoff (seconds to minutes), so they run side by side.
process.stderr.write("stock's time to its final error\n")
const faults: Record<string, Script[string]> = {
  "rate limit (Retry-After 2 s)": { kind: "rate_limit", retry_after_s: 2 },
  "server error 503": { kind: "server_error", status: 503 },
  overloaded: { kind: "overloaded" },
  "stall after headers": { kind: "hang", after_headers: true },
  "context overflow": { kind: "context_overflow" },
}
const stockRuns = await Promise.all(
  Object.values(faults).map((step) => runOnce("stock", { "gpt-main": step }, { timeoutMs: STOCK_CAP_MS })),
)
for (const [index, name] of Object.keys(faults).entries()) {
  const run = stockRuns[index]
  if (!run) continue
  const stopped = run.result.usage.wallMs >= STOCK_CAP_MS - 1_000
  const figure = stopped
    ? `no final error after ${STOCK_CAP_MS / 1000} s (${run.requests.length} requests; stopped)`
    : `${(run.result.usage.wallMs / 1000).toFixed(1)} s, ${run.requests.length} requests, exit ${run.result.code}`
  row(`stock, ${name}: time to its final error`, figure)
}

const machine = `${cpus().length} x ${cpus()[0]?.model ?? "unknown CPU"}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`
console.log(`\nopencode ${version} on ${machine}, ${new Date().toISOString().slice(0, 10)}, ${PAIRS} pairs\n`)
console.log("| measure | figure | target | met |")
console.log("| --- | --- | --- | --- |")
for (const entry of rows) console.log(`| ${entry.measure} | ${entry.figure} | ${entry.target} | ${entry.met} |`)
