// A loopback npm registry for the install tests: Verdaccio on 127.0.0.1 with no uplink, so nothing can come from
// the internet. It is seeded with every package the published plugin depends on, each one packed from the
// version installed in this workspace, so an install from it resolves exactly what the tests run against.
import { createHash } from "node:crypto"
import { mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { installedDir } from "../scripts/pack.ts"

interface Manifest {
  name: string
  version: string
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
}

export interface LoopbackRegistry extends AsyncDisposable {
  /** The registry URL, with a trailing slash as npm writes it. */
  url: string
  /** An `.npmrc` that points npm at the registry and carries the publishing token. */
  npmrc: string
  /** Every request path the registry served, in order. */
  requests(): string[]
}

/**
 * Every installed package that an install of the packages in `roots` needs from the registry: their
 * dependencies, optional dependencies that are installed here, and required peers, transitively. Packages named
 * in `skip` (the ones the test publishes from its own tarballs) are left out, but their dependencies are not.
 */
export function dependencyClosure(roots: string[], skip: ReadonlySet<string>): Map<string, string> {
  const found = new Map<string, string>()
  const visited = new Set<string>()
  const visit = (dir: string) => {
    if (visited.has(dir)) return
    visited.add(dir)
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest
    const optional = manifest.optionalDependencies ?? {}
    const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
      (name) => !manifest.peerDependenciesMeta?.[name]?.optional,
    )
    for (const name of new Set([...Object.keys(manifest.dependencies ?? {}), ...peers, ...Object.keys(optional)])) {
      const child = installedDir(name, dir)
      if (!child) {
        if (name in optional) continue
        throw new Error(`${manifest.name} needs ${name}, which is not installed in this workspace`)
      }
      if (!skip.has(name)) {
        const { version } = JSON.parse(readFileSync(join(child, "package.json"), "utf8")) as Manifest
        found.set(`${name}@${version}`, child)
      }
      visit(child)
    }
  }
  for (const root of roots) visit(realpathSync(root))
  return found
}

/** A package folder as an npm tarball (`package/...`), without any nested node_modules. */
function tarball(dir: string, out: string): Buffer {
  const result = Bun.spawnSync(
    ["tar", "-czf", out, "--exclude=./node_modules", "--owner=0", "--group=0", "--numeric-owner", "-C", dir].concat([
      "--transform",
      "s,^\\.,package,",
      ".",
    ]),
    { stderr: "pipe" },
  )
  if (result.exitCode !== 0) throw new Error(`tar failed for ${dir}: ${result.stderr.toString()}`)
  return readFileSync(out)
}

/** Publishes one package version the way `npm publish` does: a PUT of the manifest with the tarball attached. */
async function publish(url: string, token: string, dir: string, scratch: string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest
  const file = `${manifest.name.replace(/^@[^/]+\//, "")}-${manifest.version}.tgz`
  const bytes = tarball(dir, join(scratch, `${manifest.name.replace("/", "+")}-${manifest.version}.tgz`))
  const version = {
    ...manifest,
    _id: `${manifest.name}@${manifest.version}`,
    dist: {
      shasum: createHash("sha1").update(bytes).digest("hex"),
      integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
      tarball: `${url}${manifest.name}/-/${file}`,
    },
  }
  const body = {
    _id: manifest.name,
    name: manifest.name,
    "dist-tags": { latest: manifest.version },
    versions: { [manifest.version]: version },
    _attachments: {
      [file]: { content_type: "application/octet-stream", data: bytes.toString("base64"), length: bytes.length },
    },
  }
  const response = await fetch(`${url}${manifest.name.replace("/", "%2f")}`, {
    method: "PUT",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`seeding ${version._id} failed: ${response.status} ${await response.text()}`)
}

function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() })
  const port = probe.port
  probe.stop(true)
  if (port === undefined) throw new Error("no free port on 127.0.0.1")
  return port
}

/** Starts Verdaccio in `root` and seeds it with `packages` (name@version to installed folder). */
export async function startRegistry(root: string, packages: Map<string, string>): Promise<LoopbackRegistry> {
  mkdirSync(join(root, "storage"), { recursive: true })
  const scratch = join(root, "tarballs")
  mkdirSync(scratch, { recursive: true })
  const port = freePort()
  const url = `http://127.0.0.1:${port}/`
  const config = join(root, "config.yaml")
  writeFileSync(
    config,
    [
      `storage: ${join(root, "storage")}`,
      "auth:",
      "  htpasswd:",
      `    file: ${join(root, "htpasswd")}`,
      "    max_users: 10",
      "uplinks: {}",
      "packages:",
      "  '**':",
      "    access: $all",
      "    publish: $authenticated",
      "max_body_size: 100mb",
      "web:",
      "  enable: false",
      "log: { type: stdout, format: json, level: http }",
      "",
    ].join("\n"),
  )
  const bin = join(dirname(Bun.resolveSync("verdaccio/package.json", import.meta.dir)), "bin", "verdaccio")
  // Under Bun: Verdaccio 6.10 asks for Node 22, and the machines have Node 20.
  const child = Bun.spawn([process.execPath, bin, "--config", config, "--listen", `127.0.0.1:${port}`], {
    cwd: root,
    stdout: "pipe",
    stderr: "pipe",
  })
  const log: string[] = []
  void (async () => {
    const reader = child.stdout.getReader()
    const decoder = new TextDecoder()
    let pending = ""
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const lines = (pending + decoder.decode(chunk.value, { stream: true })).split("\n")
      pending = lines.pop() ?? ""
      log.push(...lines)
    }
  })()
  const stop = async () => {
    child.kill()
    await child.exited
  }
  try {
    for (let ready = false; !ready;) {
      if (child.exitCode !== null)
        throw new Error(`verdaccio exited (${child.exitCode}): ${log.join("\n").slice(-2000)}`)
      ready = await fetch(`${url}-/ping`).then(
        (response) => response.ok,
        () => false,
      )
      if (!ready) await Bun.sleep(100)
    }
    const signup = await fetch(`${url}-/user/org.couchdb.user:release-test`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "release-test", password: "loopback-only-password", type: "user", roles: [] }),
    })
    const { token } = (await signup.json()) as { token?: string }
    if (!signup.ok || !token) throw new Error(`verdaccio refused the test user: ${signup.status}`)
    const npmrc = join(root, "npmrc")
    writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`)
    // Versions of one package go in one after the other; different packages in parallel.
    const byName = new Map<string, string[]>()
    for (const [key, dir] of packages) {
      const name = key.slice(0, key.lastIndexOf("@"))
      byName.set(name, [...(byName.get(name) ?? []), dir])
    }
    const queue = [...byName.values()]
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let dirs = queue.shift(); dirs; dirs = queue.shift())
          for (const dir of dirs) await publish(url, token, dir, scratch)
      }),
    )
    rmSync(scratch, { recursive: true, force: true })
    return {
      url,
      npmrc,
      requests: () =>
        log.flatMap((line) => {
          try {
            const entry = JSON.parse(line) as { req?: { url?: string } }
            return entry.req?.url ? [entry.req.url] : []
          } catch {
            return []
          }
        }),
      [Symbol.asyncDispose]: stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
