import { writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** Starts the fake provider's CLI in a child process with a script; resolves once it listens. */
export async function startProviderProcess(script: unknown): Promise<{ url: string; stop(): void }> {
  const file = join(tmpdir(), `model-pool-bench-${process.pid}.json`)
  writeFileSync(file, JSON.stringify(script))
  const cli = Bun.resolveSync("@model-pool/fake-provider/cli", import.meta.dir)
  const child = Bun.spawn([process.execPath, cli, "--script", file], { stdout: "pipe", stderr: "inherit" })
  const reader = child.stdout.getReader()
  const first = await reader.read()
  const line = new TextDecoder().decode(first.value).split("\n")[0] ?? ""
  const { url } = JSON.parse(line) as { url: string }
  return { url, stop: () => child.kill() }
}
