// Builds and packs what a user installs: the plugin and the workspace packages it depends on (the core),
// dependencies first. `bun pm pack` replaces `workspace:*` by the depended-on package's version, which `npm pack`
// would not. The release script (scripts/pack.ts at the root) publishes these tarballs, and the registry
// end-to-end test installs them. It lives in this package so that test imports it without leaving the package.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, realpathSync } from "node:fs"
import { dirname, join } from "node:path"

const PLUGIN_DIR = join(import.meta.dir, "..")

export interface PackedPackage {
  name: string
  version: string
  /** The package's folder in the workspace. */
  dir: string
  /** The tarball's absolute path. */
  tarball: string
}

interface Manifest {
  name: string
  version: string
  dependencies?: Record<string, string>
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest

/** The folder a package `name` required from `from` resolves to, by Node's lookup (real path). */
export function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name)
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate)
    if (dirname(dir) === dir) return undefined
  }
}

/** `dir` after the workspace packages it depends on, each once, dependencies first. */
function published(dir: string, seen = new Set<string>()): string[] {
  if (seen.has(dir)) return []
  seen.add(dir)
  const workspace = Object.entries(manifestOf(dir).dependencies ?? {}).filter(([, range]) =>
    range.startsWith("workspace:"),
  )
  const dependencies = workspace.flatMap(([name]) => {
    const found = installedDir(name, dir)
    if (!found) throw new Error(`${name}, a workspace dependency of ${dir}, is not installed: run bun install`)
    return published(found, seen)
  })
  return [...dependencies, dir]
}

function run(command: string[], cwd: string): string {
  const [binary, ...args] = command
  const result = spawnSync(binary!, args, { cwd, encoding: "utf8" })
  if (result.status !== 0)
    throw new Error(`\`${command.join(" ")}\` failed in ${cwd} (${result.status}):\n${result.stderr}${result.stdout}`)
  return result.stdout
}

/** Builds each published package, then packs it into `destination`. */
export function packPublicPackages(destination: string): PackedPackage[] {
  mkdirSync(destination, { recursive: true })
  return published(PLUGIN_DIR).map((dir) => {
    const manifest = manifestOf(dir)
    run([process.execPath, "run", "build"], dir)
    run([process.execPath, "pm", "pack", "--destination", destination, "--quiet"], dir)
    const file = `${manifest.name.replace(/^@/, "").replace("/", "-")}-${manifest.version}.tgz`
    return { name: manifest.name, version: manifest.version, dir, tarball: join(destination, file) }
  })
}
