// `npm run bench:e2e`: the released opencode binary on loopback, with the plugin and without it (stock), in the
// same run. Compared runs take turns going first (A B, B A, ...), so drift in the machine's load falls on every side
// alike; each run gets a fresh sandbox and a fresh fake provider. Prints medians with their spread, and the
// performance targets next to them. BENCH_PAIRS sets the number of rounds (default 8); BENCH_BASELINE=<git ref> adds
// the plugin as it was at that commit to the start-up and failover comparisons ("before").
import type { Script } from "@model-pool/fake-provider"
import { existsSync, readFileSync } from "node:fs"
import { cpus, totalmem } from "node:os"
import { join } from "node:path"
import { TRACE_ENV, type TraceMark } from "../src/module/trace.ts"
import { WARM_ENV } from "../src/module/warm-up.ts"
import { opencodeBinary, type RunResult } from "../test/opencode.ts"
import { scenario } from "../test/scenario.ts"
import { RUN_SESSION, startServer } from "../test/serve.ts"
import { checkoutBaseline } from "./baseline.ts"
import { gapParts, readMarks, type GapParts } from "./gap-parts.ts"
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
  /** The plugin's trace marks (none for stock and the baseline). */
  marks: TraceMark[]
  /** From the spawn to the first request's arrival. */
  firstRequestMs: number
  /** OpenCode's own log: from reading the last config file to its next step, which is when the plugins are done. */
  configPhaseMs: number
}

/** Which plugin a pooled run loads: this checkout's (warm, or with its warm-up off) or the baseline's. */
type Side = "stock" | "pooled" | "cold" | "before"

const baseline = process.env.BENCH_BASELINE ? checkoutBaseline(process.env.BENCH_BASELINE) : undefined

/** Milliseconds between the first log lines matching `from` and `to`. */
function logSpan(stderr: string, from: RegExp, to: RegExp): number {
  const lines = stderr.split("\n")
  const at = (pattern: RegExp) => {
    const line = lines.find((entry) => pattern.test(entry))
    const stamp = line?.match(/timestamp=(\S+)/)?.[1]
    return stamp === undefined ? Number.NaN : Date.parse(stamp)
  }
  return at(to) - at(from)
}

/** One `opencode run` in a fresh sandbox: stock (no plugin) or with a plugin and a pooled build agent. */
async function runOnce(
  side: Side,
  script: Script,
  options: { model?: string; agent?: Record<string, unknown>; timeoutMs?: number } = {},
): Promise<Run> {
  const traced = side === "pooled" || side === "cold"
  await using s = await scenario(script, {})
  const trace = join(s.box.root, "trace.jsonl")
  if (traced) s.box.env[TRACE_ENV] = trace
  if (side === "cold") s.box.env[WARM_ENV] = "0"
  const plugin = side === "before" && baseline ? { plugin: [baseline.entry] } : {}
  s.configure(
    side === "stock"
      ? { plugin: [], model: options.model ?? "alpha/gpt-main" }
      : { ...plugin, agent: { build: { ...POOL, ...options.agent } } },
  )
  const spawned = performance.timeOrigin + performance.now()
  const result = await s.box.run(["--title", "bench", "hello"], { timeoutMs: options.timeoutMs })
  const requests = s.fake.requests.map((request) => ({
    model: request.model,
    at: request.at,
    answered: request.answered ?? Number.NaN,
  }))
  return {
    result,
    requests,
    marks: traced && existsSync(trace) ? readMarks(readFileSync(trace, "utf8")) : [],
    firstRequestMs: (requests[0]?.at ?? Number.NaN) - spawned,
    configPhaseMs: logSpan(result.stderr, /message=loading path=.*opencode\.jsonc/, /all LSPs are disabled/),
  }
}

function check(run: Run, what: string): Run {
  if (run.result.code !== 0)
    throw new Error(`${what} failed (exit ${run.result.code}):\n${run.result.stderr.slice(-3000)}`)
  return run
}

/** Runs each side PAIRS times, round by round, each round starting one side later than the last. */
async function rounds(sides: (() => Promise<Run>)[]): Promise<Run[][]> {
  const runs = sides.map(() => [] as Run[])
  for (let round = 0; round < PAIRS; round++) {
    for (let turn = 0; turn < sides.length; turn++) {
      const index = (round + turn) % sides.length
      runs[index]!.push(await sides[index]!())
    }
    process.stderr.write(".")
  }
  process.stderr.write("\n")
  return runs
}

/** Runs `a` and `b` PAIRS times, alternating which goes first. */
async function paired(a: () => Promise<Run>, b: () => Promise<Run>): Promise<{ a: Run[]; b: Run[] }> {
  const [first = [], second = []] = await rounds([a, b])
  return { a: first, b: second }
}

const ratios = (a: Run[], b: Run[], of: (run: Run) => number) =>
  summarize(a.map((run, index) => of(b[index] ?? run) / of(run)))
const wall = (run: Run) => run.result.usage.wallMs
const cpu = (run: Run) => run.result.usage.cpuMs
const rss = (run: Run) => run.result.usage.peakRssBytes / MIB

/** From the arrival of the last request for `first` to the arrival of the first request for `second`. */
function gapOf(run: Run, first: string, second: string): number {
  const next = run.requests.findIndex((request) => request.model === second)
  const failed = run.requests.slice(0, Math.max(0, next)).findLast((request) => request.model === first)
  const backup = run.requests[next]
  return failed && backup ? backup.at - failed.at : Number.NaN
}

const rows: { measure: string; figure: string; target: string; met: string }[] = []
function row(measure: string, figure: string, target = "", met?: boolean) {
  rows.push({ measure, figure, target, met: met === undefined ? "" : met ? "yes" : "no" })
}
const within = (summary: Summary, limit: number) => summary.n > 0 && summary.median <= limit

const version = Bun.spawnSync([opencodeBinary(), "--version"]).stdout.toString().trim()
process.stderr.write(`opencode ${version}, ${PAIRS} rounds per comparison\n`)

// 1. A healthy turn: the pool's primary answers. Before: the baseline's plugin, when one is given.
const pooledSides: Side[] = baseline ? ["pooled", "before"] : ["pooled"]
process.stderr.write(`healthy: stock, ${pooledSides.join(", ")} `)
const text: Script = { "*": { kind: "text" } }
const [stockRuns = [], healthyPooled = [], healthyBefore = []] = await rounds([
  async () => check(await runOnce("stock", text), "stock run"),
  ...pooledSides.map((side) => async () => check(await runOnce(side, text), `${side} healthy run`)),
])
const healthyWall = ratios(stockRuns, healthyPooled, wall)
const rssDelta = summarize(stockRuns.map((run, index) => rss(healthyPooled[index] ?? run) - rss(run)))
row("stock, healthy run: wall", formatSummary(summarize(stockRuns.map(wall)), " ms"))
row("pooled, healthy run: wall", formatSummary(summarize(healthyPooled.map(wall)), " ms"))
row("healthy pooled / stock: wall", formatSummary(healthyWall, "x", 3), "<= 1.02x", within(healthyWall, 1.02))
row("healthy pooled / stock: CPU", formatSummary(ratios(stockRuns, healthyPooled, cpu), "x", 3))
if (baseline) row("healthy before / stock: wall", formatSummary(ratios(stockRuns, healthyBefore, wall), "x", 3))
row("stock: peak RSS", formatSummary(summarize(stockRuns.map(rss)), " MiB"))
row("pooled: peak RSS", formatSummary(summarize(healthyPooled.map(rss)), " MiB"))
row("pooled - stock: peak RSS", formatSummary(rssDelta, " MiB", 1), "<= +20 MiB", within(rssDelta, 20))

// The plugin's start-up: how much longer OpenCode's config-and-plugins phase takes than stock's in the same round,
// and the time from spawn to the first request; then the work the plugin does once OpenCode has started.
const minus = (runs: Run[], of: (run: Run) => number) =>
  summarize(runs.map((run, index) => of(run) - of(stockRuns[index] ?? run)))
const phase = (run: Run) => run.configPhaseMs
const firstRequest = (run: Run) => run.firstRequestMs
const startup = minus(healthyPooled, phase)
const startupBefore = baseline ? minus(healthyBefore, phase) : undefined
row(
  "start-up: OpenCode's config-and-plugins phase, pooled - stock",
  formatSummary(startup, " ms"),
  startupBefore ? "<= half of before" : "",
  startupBefore ? startup.median <= startupBefore.median / 2 : undefined,
)
if (startupBefore) row(`... before (${baseline?.commit}) - stock`, formatSummary(startupBefore, " ms"))
row("spawn to first request: pooled - stock", formatSummary(minus(healthyPooled, firstRequest), " ms"))
if (baseline) row(`... before (${baseline.commit}) - stock`, formatSummary(minus(healthyBefore, firstRequest), " ms"))
const startupMark = (event: TraceMark["event"]) => (run: Run) => {
  const mark = run.marks.find((entry) => entry.event === event)
  return mark?.from === undefined ? Number.NaN : mark.at - mark.from
}
row(
  "start-up, config hook (on OpenCode's path)",
  formatSummary(summarize(healthyPooled.map(startupMark("startup.config"))), " ms", 1),
)
row(
  "after start-up: packages load (off the path)",
  formatSummary(summarize(healthyPooled.map(startupMark("startup.packages"))), " ms", 1),
)
row(
  "after start-up: warm-up (off the path)",
  formatSummary(summarize(healthyPooled.map(startupMark("startup.warm"))), " ms", 1),
)

// 2. The primary is rate-limited: the pool answers from the backup in the same turn; stock goes there directly. The
// pool runs warm (as shipped), cold (warm-up off), and as before when a baseline is given.
const failoverSides: Side[] = ["pooled", "cold", ...(baseline ? (["before"] as const) : [])]
process.stderr.write(`failover: direct on the backup, ${failoverSides.join(", ")} `)
const failoverScript: Script = {
  "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
  "gpt-b": { kind: "text" },
}
const [direct = [], warmFailovers = [], coldFailovers = [], beforeFailovers = []] = await rounds([
  async () => check(await runOnce("stock", { "gpt-b": { kind: "text" } }, { model: "beta/gpt-b" }), "direct run"),
  ...failoverSides.map((side) => async () => check(await runOnce(side, failoverScript), `${side} failover run`)),
])
const gapRow = (runs: Run[], label: string, target?: number) => {
  const gap = summarize(runs.map((run) => gapOf(run, "gpt-main", "gpt-b")))
  row(
    `failover gap${label}: failed request's arrival to the backup's`,
    formatSummary(gap, " ms", 1),
    target === undefined ? "" : `< ${target} ms`,
    target === undefined ? undefined : within(gap, target),
  )
}
gapRow(warmFailovers, "", 12)
gapRow(coldFailovers, ", warm-up off")
if (baseline) gapRow(beforeFailovers, ` before (${baseline.commit})`)
const member = (model: string) => (model === "gpt-main" ? "alpha/gpt-main" : "beta/gpt-b")
const partsOf = (runs: Run[]) =>
  runs.flatMap((run) => gapParts(run.requests, run.marks, "gpt-main", "gpt-b", member) ?? [])
const partRows: [keyof GapParts, string, number?][] = [
  ["pool", "the pool's own work (classify, next step, the backup's call shaped)", 1],
  ["build", "the backup's package building its request"],
  ["package", "the failed member's package reading the error answer"],
  ["answer", "the rest: the 429 answered and handed to the package (fake provider, OpenCode's runtime)"],
  ["transit", "the rest: the backup's request on its way"],
]
for (const [key, label, target] of partRows) {
  const warm = summarize(partsOf(warmFailovers).map((parts) => parts[key]))
  const cold = summarize(partsOf(coldFailovers).map((parts) => parts[key]))
  row(
    `... ${label}`,
    `${formatSummary(warm, " ms", 1)}; warm-up off ${formatSummary(cold, " ms", 1)}`,
    target === undefined ? "" : `< ${target} ms`,
    target === undefined ? undefined : within(warm, target),
  )
}
const failoverWall = ratios(direct, warmFailovers, wall)
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
const stockAlone = await Promise.all(
  Object.values(faults).map((step) => runOnce("stock", { "gpt-main": step }, { timeoutMs: STOCK_CAP_MS })),
)
for (const [index, name] of Object.keys(faults).entries()) {
  const run = stockAlone[index]
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
baseline?.[Symbol.dispose]()
