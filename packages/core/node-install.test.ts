// The core as an AI SDK 7 application gets it: packed, installed with npm beside `ai` 7 and the AI SDK 7 provider
// packages in an empty project, and run under Node (no Bun), where the README's short start must fall back. The
// packages come from the npm registry; the core is built into a folder of its own, so the workspace's dist (which
// the plugin's install test builds at the same time) is never touched.
import { startFakeProvider } from "@model-pool/fake-provider"
import { afterAll, describe, expect, test } from "bun:test"
import { spawnSync } from "node:child_process"
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { EXAMPLE_SCRIPT, runExample } from "./test-support/example-run.ts"

/** The AI SDK 7 releases the application installs (the versions this checkout tests the core with). */
const SDK7 = ["ai@7.0.185", "@ai-sdk/openai@4.0.126", "@ai-sdk/anthropic@4.0.112"]

const root = mkdtempSync(join(tmpdir(), "ocmp-core-node-"))
const fake = await startFakeProvider({ script: EXAMPLE_SCRIPT })
afterAll(async () => {
  await fake.stop()
  rmSync(root, { recursive: true, force: true })
})

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...env } })
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(" ")} failed (${result.status}):\n${result.stderr}${result.stdout}`)
  return result.stdout
}

/** The core's tarball, as `npm pack` makes it from the package built into `root`. */
function packCore(): string {
  const pkg = join(root, "package")
  mkdirSync(pkg)
  run(process.execPath, ["x", "tsc", "-p", "tsconfig.build.json", "--outDir", join(pkg, "dist")], import.meta.dir)
  for (const file of ["package.json", "README.md"]) cpSync(join(import.meta.dir, file), join(pkg, file))
  cpSync(join(import.meta.dir, "src"), join(pkg, "src"), {
    recursive: true,
    filter: (source) => !source.endsWith(".test.ts"),
  })
  return join(pkg, run("npm", ["pack", "--silent"], pkg).trim())
}

/** README.md's first example, which is plain JavaScript. */
function shortStart(): string {
  const readme = readFileSync(join(import.meta.dir, "README.md"), "utf8")
  return /```ts\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
}

describe("the packed core in an npm-installed AI SDK 7 application under Node", () => {
  test("the short start falls back from a rate-limited primary to the backup", async () => {
    const tarball = packCore()
    const app = join(root, "app")
    mkdirSync(app)
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }))
    run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, ...SDK7], app)
    writeFileSync(join(app, "start.mjs"), shortStart())
    const from = fake.requests.length
    const {
      code,
      stdout: output,
      stderr: errors,
    } = await runExample(["node", "start.mjs"], {
      cwd: app,
      fakeUrl: fake.url,
    })
    expect({ code, errors: code === 0 ? "" : errors }).toEqual({ code: 0, errors: "" })
    expect(output).toContain("ok from claude-sonnet-4-5")
    expect(fake.requests.slice(from).map((request) => request.model)).toEqual(["gpt-5", "claude-sonnet-4-5"])
    const installed = JSON.parse(readFileSync(join(app, "node_modules", "ai", "package.json"), "utf8")) as {
      version: string
    }
    expect(installed.version).toStartWith("7.")
  }, 240_000)
})
