// `bun run release`: publishes the public packages at their current versions, then tags the commit.
// Run `bun run version-packages` first (changesets bumps the versions in step and writes the changelogs), commit
// that, and let CI pass on it. The tarballs come from `bun pm pack` (see pack.ts) and go to the registry of the
// maintainer's npm config with `npm publish`, which handles the login and one-time passwords. A version that the
// registry already has is skipped, so a release interrupted half-way can be run again.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { packPublicPackages } from "./pack.ts"

const ROOT = join(import.meta.dir, "..")
const dryRun = process.argv.includes("--dry-run")

function run(command: string, args: string[], inherit = true): { status: number; stdout: string } {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", stdio: inherit ? "inherit" : "pipe" })
  return { status: result.status ?? 1, stdout: result.stdout ?? "" }
}

function fail(message: string): never {
  console.error(`release: ${message}`)
  process.exit(1)
}

if (run("git", ["status", "--porcelain"], false).stdout.trim() !== "")
  fail("the working tree has uncommitted changes; commit or stash them first")
const pending = readdirSync(join(ROOT, ".changeset")).filter((file) => file.endsWith(".md") && file !== "README.md")
if (pending.length > 0)
  fail(`unreleased changesets (${pending.join(", ")}): run \`bun run version-packages\` and commit the result first`)

for (const packed of packPublicPackages(join(ROOT, ".tmp", "release"))) {
  const spec = `${packed.name}@${packed.version}`
  if (run("npm", ["view", spec, "version"], false).stdout.trim() === packed.version) {
    console.log(`${spec} is already published; skipped`)
    continue
  }
  const args = ["publish", packed.tarball, "--access", "public", ...(dryRun ? ["--dry-run"] : [])]
  if (run("npm", args).status !== 0) fail(`\`npm ${args.join(" ")}\` failed`)
}
if (!dryRun && run("bunx", ["changeset", "tag"]).status !== 0) fail("`changeset tag` failed")
