// A StrykerJS test runner for `bun test`. Stryker has no runner for Bun, and its command runner re-runs the whole
// suite for every mutant; this one measures which test files reach each mutant during the dry run (one `bun test`
// per file, with a preload that saves Stryker's coverage counters after its tests) and then runs, for each mutant,
// only the files that reach it, quickest first, stopping at the first failure. Stryker loads it with Node, so it
// is plain JavaScript.
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { commonTokens, declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin"
import { DryRunStatus, MutantRunStatus, TestStatus } from "@stryker-mutator/api/test-runner"

const PRELOAD = fileURLToPath(new URL("./coverage-preload.ts", import.meta.url))
// The dry run happens in one runner process; the others read each file's duration from here (in the sandbox).
const DURATIONS = ".bun-runner-durations.json"

/** Runs `bun test` on the given files; resolves with its exit code and the tail of its output, or `timeout`. */
function bunTest(files, { env = {}, bail = true, timeout = 0 } = {}) {
  return new Promise((resolve) => {
    const args = ["test", ...(bail ? ["--bail"] : []), ...files]
    const child = spawn("bun", args, {
      env: { ...process.env, ...env, FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    })
    let output = ""
    const keep = (chunk) => {
      output = (output + chunk.toString()).slice(-4000)
    }
    child.stdout.on("data", keep)
    child.stderr.on("data", keep)
    const timer =
      timeout > 0
        ? setTimeout(() => {
            try {
              process.kill(-child.pid, "SIGKILL")
            } catch {}
            resolve({ code: null, output, timedOut: true })
          }, timeout)
        : undefined
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, output, timedOut: false })
    })
  })
}

class BunTestRunner {
  static inject = [commonTokens.options, commonTokens.logger]

  constructor(options, logger) {
    this.skip = new Set(options.bun?.skipTestFiles ?? [])
    this.logger = logger
    this.duration = new Map()
  }

  /** The sandbox's test files under `src`, less those the config skips (paths relative to the package). */
  async init() {
    this.files = readdirSync("src", { recursive: true })
      .map((path) => `./src/${path}`)
      .filter((path) => path.endsWith(".test.ts") && !this.skip.has(path))
      .sort()
  }

  capabilities() {
    return { reloadEnvironment: true }
  }

  async dryRun(options) {
    const scratch = mkdtempSync(join(tmpdir(), "stryker-bun-"))
    const tests = []
    const perTest = {}
    try {
      for (const file of this.files) {
        const coverageFile = join(scratch, `${tests.length}.json`)
        const started = performance.now()
        const run = await bunTest(["--preload", PRELOAD, file], {
          env: { STRYKER_BUN_COVERAGE_FILE: coverageFile },
          bail: !options.disableBail,
        })
        const timeSpentMs = Math.round(performance.now() - started)
        if (run.code !== 0) {
          return { status: DryRunStatus.Error, errorMessage: `${file} fails without mutants:\n${run.output}` }
        }
        tests.push({ id: file, name: file, status: TestStatus.Success, timeSpentMs })
        this.duration.set(file, timeSpentMs)
        perTest[file] = JSON.parse(readFileSync(coverageFile, "utf8"))
        this.logger.debug(`${file}: ${Object.keys(perTest[file]).length} mutants reached in ${timeSpentMs} ms`)
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
    writeFileSync(DURATIONS, JSON.stringify(Object.fromEntries(this.duration)))
    return { status: DryRunStatus.Complete, tests, mutantCoverage: { static: {}, perTest } }
  }

  async mutantRun(options) {
    if (this.duration.size === 0 && existsSync(DURATIONS))
      this.duration = new Map(Object.entries(JSON.parse(readFileSync(DURATIONS, "utf8"))))
    // Quickest files first: with --bail, a mutant that a quick file kills never waits for the slow ones.
    const files = [...(options.testFilter ?? this.files)].sort(
      (a, b) => (this.duration.get(a) ?? 0) - (this.duration.get(b) ?? 0),
    )
    const run = await bunTest(files, {
      env: { __STRYKER_ACTIVE_MUTANT__: options.activeMutant.id },
      bail: !options.disableBail,
      timeout: options.timeout,
    })
    if (run.timedOut) return { status: MutantRunStatus.Timeout, reason: `no result after ${options.timeout} ms` }
    if (run.code === 0) return { status: MutantRunStatus.Survived, nrOfTests: files.length }
    const failed = files.filter((file) => run.output.includes(relative(".", file).replace(/^\.\//, "")))
    return {
      status: MutantRunStatus.Killed,
      killedBy: failed.length > 0 ? failed : files,
      failureMessage: run.output.slice(-1000),
      nrOfTests: files.length,
    }
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, "bun", BunTestRunner)]
