// Every TypeScript example of README.md runs, under each AI SDK major its first line names (`// AI SDK 7 and 6`),
// against the loopback fake provider: the real provider packages of that major, their base URLs pointed at the fake
// through the variables they read (OPENAI_BASE_URL, ANTHROPIC_BASE_URL). The primary is rate-limited; the example
// must print the backup's answer.
import { startFakeProvider } from "@model-pool/fake-provider"
import { afterAll, describe, expect, test } from "bun:test"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { EXAMPLE_SCRIPT, runExample } from "./test-support/example-run.ts"

const readme = readFileSync(join(import.meta.dir, "README.md"), "utf8")
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? "")

/** The packages each major's examples import, as this checkout installs them (AI SDK 7 under aliases). */
const PACKAGES: Record<string, Record<string, string>> = {
  "6": { ai: "ai", "@ai-sdk/openai": "@ai-sdk/openai", "@ai-sdk/anthropic": "@ai-sdk/anthropic" },
  "7": { ai: "ai-v7", "@ai-sdk/openai": "@ai-sdk/openai-v4", "@ai-sdk/anthropic": "@ai-sdk/anthropic-v4" },
}

const fake = await startFakeProvider({ script: EXAMPLE_SCRIPT })
const scratch = join(import.meta.dir, ".tmp")
mkdirSync(scratch, { recursive: true })
const folder = mkdtempSync(join(scratch, "readme-"))
afterAll(async () => {
  await fake.stop()
  rmSync(folder, { recursive: true, force: true })
})

/** The example with its imports pointed at `major`'s packages and this checkout's core. */
function forMajor(example: string, major: string): string {
  return example.replace(/from "([^"]+)"/g, (whole, name: string) => {
    if (name === "@model-pool/core") return `from ${JSON.stringify(join(import.meta.dir, "src", "index.ts"))}`
    const mapped = PACKAGES[major]?.[name]
    return mapped === undefined ? whole : `from "${mapped}"`
  })
}

describe("the README's examples", () => {
  test("there are examples, and each names the AI SDK majors it runs under", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3)
    for (const example of examples) expect(example.split("\n")[0]).toMatch(/^\/\/ AI SDK [67]( and [67])?$/)
  })

  for (const [index, example] of examples.entries()) {
    const majors = example.split("\n")[0]?.match(/[67]/g) ?? []
    for (const major of majors)
      test(`example ${index + 1} under AI SDK ${major}: the rate-limited primary hands the call to the backup`, async () => {
        const file = join(folder, `example-${index + 1}-ai${major}.ts`)
        writeFileSync(file, forMajor(example, major))
        const tmp = mkdtempSync(join(folder, "tmp-"))
        const from = fake.requests.length
        const { code, stdout, stderr } = await runExample([process.execPath, file], {
          cwd: import.meta.dir,
          fakeUrl: fake.url,
          env: { TMPDIR: tmp },
        })
        expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" })
        expect(stdout).toContain("ok from claude-sonnet-4-5")
        expect(fake.requests.slice(from).map((request) => request.model)).toEqual(["gpt-5", "claude-sonnet-4-5"])
      }, 30_000)
  }
})
