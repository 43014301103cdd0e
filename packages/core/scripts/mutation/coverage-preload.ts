// Preloaded by bun-runner.mjs into each dry-run `bun test`: after the file's tests, saves which mutants they
// reached (Stryker's instrumented code counts them in `globalThis.__stryker__`) where the runner asked.
import { afterAll } from "bun:test"
import { writeFileSync } from "node:fs"

type StrykerGlobal = { __stryker__?: { mutantCoverage?: { static?: Record<string, number> } } }

const target = process.env.STRYKER_BUN_COVERAGE_FILE
if (target) {
  afterAll(() => {
    const coverage = (globalThis as StrykerGlobal).__stryker__?.mutantCoverage?.static ?? {}
    writeFileSync(target, JSON.stringify(coverage))
  })
}
