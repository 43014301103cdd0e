// Type-checks and tests every workspace package through turbo, echoing the output, and closes with one
// `N passed, N failed` line summed over all packages, so a reader of the log sees the whole result at once.
const child = Bun.spawn(
  ["turbo", "run", "typecheck", "test", "--concurrency=1", "--log-order=stream", ...process.argv.slice(2)],
  {
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, FORCE_COLOR: "0" },
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
console.log(`\n${totals.pass} passed, ${totals.fail} failed`)
process.exit(code !== 0 ? code : totals.fail > 0 ? 1 : 0)
