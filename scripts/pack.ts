// Builds and packs every public workspace package into one folder, in dependency order (the core before the
// plugin). `bun pm pack` replaces `workspace:*` by the depended-on package's version, which `npm pack` would not;
// the release script publishes these tarballs, and the registry end-to-end test installs them.
import { spawnSync } from "node:child_process"
import { mkdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const ROOT = join(import.meta.dir, "..")

/** The published packages, dependencies first. */
export const PUBLIC_PACKAGES = ["packages/core", "packages/opencode-model-pool"] as const

export interface PackedPackage {
  name: string
  version: string
  /** The package's folder in the workspace. */
  dir: string
  /** The tarball's absolute path. */
  tarball: string
}

function run(command: string[], cwd: string): string {
  const [binary, ...args] = command
  const result = spawnSync(binary!, args, { cwd, encoding: "utf8" })
  if (result.status !== 0)
    throw new Error(`\`${command.join(" ")}\` failed in ${cwd} (${result.status}):\n${result.stderr}${result.stdout}`)
  return result.stdout
}

/** Builds each public package, then packs it into `destination`. */
export function packPublicPackages(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true })
  return PUBLIC_PACKAGES.map((relative) => {
    const dir = join(ROOT, relative)
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string }
    run([process.execPath, "run", "build"], dir)
    run([process.execPath, "pm", "pack", "--destination", destination, "--quiet"], dir)
    const file = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`
    return { name: manifest.name, version: manifest.version, dir, tarball: join(destination, file) }
  })
}

if (import.meta.main) {
  const destination = process.argv[2] ?? join(ROOT, ".tmp", "packages")
  for (const packed of packPublicPackages(destination)) console.log(packed.tarball)
}
