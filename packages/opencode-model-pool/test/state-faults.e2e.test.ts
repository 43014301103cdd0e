// The state folder holds caches (cooldowns, round-robin positions, session moves): whatever is wrong with it, every
// turn is answered, the user is told once by name, nothing is left behind, and once the fault is gone the state is
// kept on disk again. Each fault gets one scenario of two runs (faulty, then cleared), and the scenarios run at once:
// process starts are the cost here.
import { describe, expect, test } from "bun:test"
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import type { Script } from "@model-pool/fake-provider"
import type { RunResult } from "./opencode.ts"
import { answerOf } from "./opencode.ts"
import { scenario } from "./scenario.ts"

const IGNORED = "it is ignored and will be rewritten at the next change"
const IN_MEMORY = "kept in memory for this process until it can"

const task = (description: string) => ({
  kind: "tool_call" as const,
  name: "task",
  input: { description, prompt: description, subagent_type: "helper" },
})

// The build agent's sequential pool: its primary is rate-limited (or already cooling), so the turn runs on gpt-b,
// which hands two tasks to the helper. The helper's round-robin pool starts the first on its primary and the second
// on the next member: a moved turn, which is written to sessions.json.
const SCRIPT: Script = {
  "gpt-main": { kind: "rate_limit", retry_after_s: 600 },
  "gpt-b": [task("first errand"), task("second errand"), { kind: "text", text: "build turn done" }],
  "claude-sonnet-4-5": { kind: "text", text: "helper on its primary" },
  "gpt-cheap": { kind: "text", text: "helper on the next member" },
}

const CONFIG = {
  agent: {
    build: { models: ["alpha/gpt-main", "beta/gpt-b"] },
    helper: {
      mode: "subagent",
      description: "Runs errands",
      models: ["anthropic/claude-sonnet-4-5", "alpha/gpt-cheap"],
      strategy: "round_robin",
    },
  },
}

/** The requests of one run, titles left out: the primary is asked only when it was not cooling at the start. */
function expectedCalls(primaryCooling: boolean): string[] {
  return [
    ...(primaryCooling ? [] : ["openai:gpt-main"]),
    "openai:gpt-b",
    "anthropic:claude-sonnet-4-5",
    "openai:gpt-b",
    "openai:gpt-cheap",
    "openai:gpt-b",
  ]
}

interface Paths {
  folder: string
  health: string
  sessions: string
}

interface Fault {
  name: string
  /** Puts the fault in place; may write a cooling record into health.json where the fault leaves it usable. */
  apply(paths: Paths): void
  /** Removes the obstruction; a damaged file needs nothing, the plugin rewrote it. */
  clear(paths: Paths): void
  /** What the user is told in the faulty run, one line per file. */
  told(paths: Paths): string[]
  /** Whether health.json could be written in the faulty run. */
  healthKept: boolean
  /** Whether the primary was cooling before the faulty run started. */
  precooled: boolean
}

const damaged = (name: string, health: string | Uint8Array, sessions: string | Uint8Array, verdicts: string[]) =>
  ({
    name,
    apply({ folder, health: healthPath, sessions: sessionsPath }) {
      mkdirSync(folder, { recursive: true })
      writeFileSync(healthPath, health)
      writeFileSync(sessionsPath, sessions)
    },
    clear() {},
    told: ({ health: healthPath, sessions: sessionsPath }) => [
      `${sessionsPath} ${verdicts[1]}; ${IGNORED}`,
      `${healthPath} ${verdicts[0]}; ${IGNORED}`,
    ],
    healthKept: true,
    precooled: false,
  }) satisfies Fault

const FAULTS: Fault[] = [
  damaged("garbage bytes", new Uint8Array([0xff, 0xfe, 0x00, 0x81, 0x13]), new Uint8Array([0x00, 0xc3, 0x28]), [
    "is not valid JSON",
    "is not valid JSON",
  ]),
  damaged("truncated JSON", '{"version":1,"members":{"alpha/gpt-main":{"until":17', '{"ses_x":{"member":"al', [
    "is not valid JSON",
    "is not valid JSON",
  ]),
  damaged("the wrong shape", JSON.stringify({ version: 1, members: [], cursors: 3 }), JSON.stringify(["ses_x"]), [
    "does not hold a health state",
    "does not hold session moves",
  ]),
  {
    name: "a folder at health.json's path",
    apply: ({ health }) => mkdirSync(join(health, "inside"), { recursive: true }),
    clear: ({ health }) => rmSync(health, { recursive: true }),
    told: ({ health }) => [
      `cannot write ${health}: a folder is in the way (EISDIR); cooldowns and round-robin positions are ${IN_MEMORY}`,
    ],
    healthKept: false,
    precooled: false,
  },
  {
    name: "a folder at sessions.json's path",
    apply({ health, sessions }) {
      mkdirSync(sessions, { recursive: true })
      // The primary cools from the start, so the turn itself is moved and the move cannot be written.
      const now = Date.now()
      const cooling = { until: now + 3_600_000, condition: "rate_limit", failures: 1, quota: false, at: now }
      writeFileSync(health, JSON.stringify({ version: 1, members: { "alpha/gpt-main": cooling }, cursors: {} }))
    },
    clear: ({ sessions }) => rmSync(sessions, { recursive: true }),
    told: ({ sessions }) => [
      `cannot write ${sessions}: a folder is in the way (EISDIR); session moves are ${IN_MEMORY}`,
    ],
    healthKept: true,
    precooled: true,
  },
  {
    name: "a plain file at the state folder's path",
    apply({ folder }) {
      mkdirSync(dirname(folder), { recursive: true })
      writeFileSync(folder, "not a folder")
    },
    clear: ({ folder }) => rmSync(folder),
    // Both stores fail on the folder; the user reads it once.
    told: ({ folder }) => [
      `cannot create the state folder ${folder}: a file is in the way (EEXIST); the pool keeps its state in memory for this process until it can`,
    ],
    healthKept: false,
    precooled: false,
  },
]

/** The `[model-pool]` lines of a run that name the state folder. */
function stateLines(result: RunResult, folder: string): string[] {
  return result.stderr
    .split("\n")
    .filter((line) => line.startsWith("[model-pool] ") && line.includes(folder))
    .map((line) => line.slice("[model-pool] ".length))
    .sort()
}

/** Temporary files anywhere in the state folder, or beside it. */
function leftovers(folder: string): string[] {
  const inside = existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder, { recursive: true }) : []
  return [...inside.map(String), ...readdirSync(dirname(folder))].filter((name) => name.endsWith(".tmp"))
}

function answered(result: RunResult): void {
  if (result.code !== 0) throw new Error(`opencode run exited ${result.code}:\n${result.stderr.slice(-3000)}`)
  expect(answerOf(result)).toContain("build turn done")
}

async function run(fault: Fault): Promise<void> {
  await using s = await scenario(SCRIPT)
  s.configure(CONFIG)
  const folder = dirname(s.box.stateFile)
  const paths = { folder, health: s.box.stateFile, sessions: join(folder, "sessions.json") }
  const calls = () => s.calls().filter((call) => !call.endsWith(":small"))
  fault.apply(paths)

  const faulty = await s.ask("run two errands")
  answered(faulty)
  // The primary sits out the rest of the turn and the helper's position moves on, from memory where need be.
  expect(calls()).toEqual(expectedCalls(fault.precooled))
  expect(stateLines(faulty, folder)).toEqual(fault.told(paths).sort())
  expect(leftovers(folder)).toEqual([])

  fault.clear(paths)
  s.fake.reset()
  const cleared = await s.ask("run two more errands")
  answered(cleared)
  expect(calls()).toEqual(expectedCalls(fault.healthKept))
  expect(stateLines(cleared, folder)).toEqual([])
  expect(leftovers(folder)).toEqual([])
  const health = JSON.parse(readFileSync(paths.health, "utf8"))
  const cooldown = health.members["alpha/gpt-main"]
  expect(cooldown).toMatchObject({ condition: "rate_limit" })
  expect(cooldown.until - cooldown.at).toBeGreaterThanOrEqual(fault.precooled ? 3_600_000 : 600_000)
  // Two helper turns per run, counted on disk only for the runs that could write it.
  expect(health.cursors).toEqual({ "agent.helper": fault.healthKept ? 4 : 2 })
  const moves = Object.values(JSON.parse(readFileSync(paths.sessions, "utf8"))) as { member: string }[]
  expect(moves.map((move) => move.member)).toContain("alpha/gpt-cheap")
}

describe("a state folder that is damaged or in the way", () => {
  test("every turn is answered, each file's problem is told once, nothing is left behind, and the state is kept again once the fault is gone", async () => {
    const outcomes = await Promise.allSettled(FAULTS.map((fault) => run(fault)))
    const failures = outcomes.flatMap((outcome, index) =>
      outcome.status === "rejected" ? [`${FAULTS[index]?.name}: ${String(outcome.reason)}`] : [],
    )
    expect(failures).toEqual([])
  }, 240_000)
})
