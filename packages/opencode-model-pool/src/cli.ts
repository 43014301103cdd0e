#!/usr/bin/env node
// `opencode-model-pool doctor` checks the pools of the OpenCode config in the current folder;
// `doctor --probe` also sends each member one short request; `opencode-model-pool reset [member]` clears cooldowns.
// `--opencode PATH` names the opencode binary.
import { request, USAGE, version } from "./doctor/command-line.ts"
import { run } from "./doctor/run.ts"

const asked = request(process.argv.slice(2))
if (asked.run === "usage") {
  console.error(`opencode-model-pool: ${asked.problem}\n\n${USAGE}`)
  process.exit(2)
}
if (asked.run === "help") {
  console.log(USAGE)
  process.exit(0)
}
if (asked.run === "version") {
  console.log(version())
  process.exit(0)
}

try {
  process.exitCode = await run(asked.run, asked.binary, asked.member, asked.probe)
} catch (error) {
  console.error(`opencode-model-pool: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(2)
}
