// Type-checks and tests every workspace package through turbo, echoing the output, and closes with one
// `N passed, N failed` line summed over all packages, so a reader of the log sees the whole result at once, and
// with the number of `opencode` processes the end-to-end tests started: they are most of the suite's time.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

// The plugin's test sandbox appends one line to this file per opencode start (packages/opencode-model-pool/test/opencode.ts).
const counter = mkdtempSync(join(tmpdir(), "ocmp-starts-"))
const starts = join(counter, "starts")
writeFileSync(starts, "")
// Two tasks at a time: the core's and the fake provider's unit tests and every type-check then overlap with the
// plugin's end-to-end tests, which wait on opencode processes and timers more than on this process.
const child = Bun.spawn(
  ["turbo", "run", "typecheck", "test", "--concurrency=2", "--log-order=stream", ...process.argv.slice(2)],
  {
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, FORCE_COLOR: "0", OCMP_OPENCODE_STARTS: starts },
  },
)
const totals = { pass: 0, fail: 0 }
const decoder = new TextDecoder()
let pending = ""
for await (const chunk of child.stdout) {
  const text = pending + decoder.decode(chunk, { stream: true })
  const lines = text.split("\n")
  pending = lines.pop() ?? ""
  for (const line of lines) {
    process.stdout.write(`${line}\n`)
    const count = /(?:^|\s)(\d+) (pass|fail)$/.exec(line.trimEnd())
    if (count?.[1] && (count[2] === "pass" || count[2] === "fail")) totals[count[2]] += Number(count[1])
  }
}
if (pending) process.stdout.write(pending)
const code = await child.exited
const started = readFileSync(starts, "utf8").length
rmSync(counter, { recursive: true, force: true })
console.log(`\n${totals.pass} passed, ${totals.fail} failed`)
console.log(`${started} opencode process starts`)
process.exit(code !== 0 ? code : totals.fail > 0 ? 1 : 0)
