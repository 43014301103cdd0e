// The release as users get it: the packed tarballs are published to a loopback npm registry, the real opencode
// installs "opencode-model-pool" from it the way it installs any plugin (its own npm client, into its cache),
// and `npx opencode-model-pool doctor` runs under Node with no Bun on the PATH. The README's install steps are
// the ones run here. Nothing can reach the internet: the registry has no uplink.
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { packPublicPackages, type PackedPackage } from "../scripts/pack.ts"
import { answerOf, opencodeBinary } from "./opencode.ts"
import { dependencyClosure, startRegistry, type LoopbackRegistry } from "./registry.ts"
import { KEYS, reportOf, scenario } from "./scenario.ts"

const SETUP = 240_000
const E2E = 180_000

let root: string
let packed: PackedPackage[]
let registry: LoopbackRegistry

/**
 * OpenCode's cache, shared by every sandbox here as by the projects of one machine: the first run that names a
 * plugin installs it from the registry, and later runs load that install, as a user's next project would.
 */
let cache: string

const registryEnv = () => ({ npm_config_registry: registry.url, npm_config_offline: "false", XDG_CACHE_HOME: cache })

/** The paths inside a tarball, without the leading `package/`. */
function contents(tarball: string): string[] {
  const listing = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" })
  return listing.stdout
    .split("\n")
    .filter((line) => line && !line.endsWith("/"))
    .map((line) => line.replace(/^package\//, ""))
}

function manifestOf(tarball: string): Record<string, unknown> {
  const read = spawnSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })
  return JSON.parse(read.stdout) as Record<string, unknown>
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "ocmp-registry-"))
  cache = join(root, "cache")
  packed = packPublicPackages(join(root, "packed"))
  const names = new Set(packed.map((entry) => entry.name))
  // The auth plugin users pair with it, from its published tarball's installed copy, with its dependencies.
  const authPlugin = dirname(Bun.resolveSync("opencode-anthropic-auth/package.json", import.meta.dir))
  const seeded = dependencyClosure([...packed.map((entry) => entry.dir), authPlugin], names)
  seeded.set(
    `opencode-anthropic-auth@${JSON.parse(readFileSync(join(authPlugin, "package.json"), "utf8")).version}`,
    authPlugin,
  )
  registry = await startRegistry(join(root, "registry"), seeded)
  for (const entry of packed) {
    const published = spawnSync("npm", ["publish", entry.tarball, "--registry", registry.url], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: root, npm_config_userconfig: registry.npmrc },
    })
    if (published.status !== 0) throw new Error(`npm publish ${entry.name} failed:\n${published.stderr}`)
  }
}, SETUP)

afterAll(async () => {
  await registry?.[Symbol.asyncDispose]()
  if (root) rmSync(root, { recursive: true, force: true })
})

describe("the packed tarballs", () => {
  test("hold the compiled JavaScript, its types and the docs a consumer needs, and no tests or fixtures", () => {
    for (const entry of packed) {
      const files = contents(entry.tarball)
      expect(files).toContain("package.json")
      expect(files).toContain("README.md")
      expect(files).toContain("LICENSE")
      expect(files).toContain("dist/index.js")
      expect(files).toContain("dist/index.d.ts")
      expect(files.filter((file) => /(^|\/)(test|tests|bench|demo|fixtures?|test-support)\//.test(file))).toEqual([])
      expect(files.filter((file) => /\.test\.[jt]s$|fixture/.test(file))).toEqual([])
      // The core also ships its TypeScript source, for Bun's `bun` export condition: exactly the runtime sources,
      // each compiled to a shipped module and back, so a helper that only tests use cannot slip in.
      const sources = files.filter((file) => file.startsWith("src/")).map((file) => file.slice(4, -3))
      const modules = files
        .filter((file) => file.startsWith("dist/") && file.endsWith(".js"))
        .map((file) => file.slice(5, -3))
      if (entry.name === "@model-pool/core") expect(sources.sort()).toEqual(modules.sort())
      else expect(sources).toEqual([])
    }
  })

  test("name exact published versions of each other instead of workspace links, and the plugin has a Node CLI", () => {
    const [core, plugin] = packed
    const manifest = manifestOf(plugin!.tarball) as {
      dependencies: Record<string, string>
      bin: Record<string, string>
      main: string
      engines: Record<string, string>
    }
    expect(manifest.dependencies["@model-pool/core"]).toBe(core!.version)
    expect(Object.values(manifest.dependencies).filter((range) => range.startsWith("workspace:"))).toEqual([])
    expect(manifest.main).toBe("./dist/index.js")
    expect(manifest.engines.opencode).toBe(">=1.18.33 <1.19.0")
    const cli = spawnSync(
      "tar",
      ["-xzOf", plugin!.tarball, `package/${manifest.bin["opencode-model-pool"]!.slice(2)}`],
      {
        encoding: "utf8",
      },
    )
    expect(cli.stdout.split("\n")[0]).toBe("#!/usr/bin/env node")
  })
})

/** A folder of links to `programs` (name to target), to use as the whole PATH. */
function pathOf(programs: Record<string, string>): string {
  const bin = mkdtempSync(join(tmpdir(), "ocmp-path-"))
  for (const [name, target] of Object.entries(programs)) symlinkSync(target, join(bin, name))
  return bin
}

function which(name: string): string {
  return realpathSync(spawnSync("which", [name], { encoding: "utf8" }).stdout.trim())
}

/** Runs the doctor as `argv` with only `programs` on the PATH, against a pooled config installed from the registry. */
async function doctorWith(programs: Record<string, string>, argv: string[], missing: string) {
  const bin = pathOf({ ...programs, sh: which("sh"), opencode: opencodeBinary() })
  try {
    expect(spawnSync(join(bin, "sh"), ["-c", `command -v ${missing}`], { env: { PATH: bin } }).status).not.toBe(0)
    await using s = await scenario({}, { ...registryEnv(), NPM_CONFIG_REGISTRY: registry.url, PATH: bin })
    s.configure({
      plugin: ["opencode-model-pool"],
      agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
    })
    const result = await s.box.command([join(bin, argv[0]!), ...argv.slice(1)])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("opencode-model-pool doctor")
    expect(result.stdout).toContain("1. alpha/gpt-main  ready  @ai-sdk/openai-compatible, key from config apiKey")
    expect(result.stdout).toContain(
      "2. anthropic/claude-sonnet-4-5  ready  @ai-sdk/anthropic, key from environment ANTHROPIC_API_KEY",
    )
    for (const key of Object.values(KEYS)) expect(result.stdout + result.stderr).not.toContain(key)
  } finally {
    rmSync(bin, { recursive: true, force: true })
  }
}

describe("installed from a registry, as OpenCode installs plugins", () => {
  test(
    'with "plugin": ["opencode-model-pool"], a pooled agent falls back from its rate-limited primary',
    async () => {
      await using s = await scenario(
        { "gpt-main": { kind: "rate_limit", retry_after_s: 60 }, "gpt-b": { kind: "text", text: "from the registry" } },
        registryEnv(),
      )
      s.configure({
        plugin: ["opencode-model-pool"],
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("from the registry")
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-b"])
      expect(reportOf(result)?.member).toBe("beta/gpt-b")
      // OpenCode's own install, in its cache, of the version the registry holds.
      const installed = join(cache, "opencode", "packages", "opencode-model-pool@latest")
      const version = JSON.parse(
        readFileSync(join(installed, "node_modules", "opencode-model-pool", "package.json"), "utf8"),
      ).version
      expect(version).toBe(packed[1]!.version)
      expect(registry.requests()).toContain("/opencode-model-pool")
    },
    E2E,
  )

  test(
    "next to an auth plugin installed from the registry by name, a fallback to its provider carries its OAuth login",
    async () => {
      const access = "sk-ant-oat01-registry-e2e-4d2a91"
      await using s = await scenario(
        {
          "gpt-main": { kind: "rate_limit", retry_after_s: 3_600 },
          "claude-sonnet-4-5": { kind: "text", text: "via OAuth" },
        },
        { ...registryEnv(), ANTHROPIC_API_KEY: "" },
        { credentials: { anthropic: access } },
      )
      const auth = join(s.box.env.XDG_DATA_HOME!, "opencode", "auth.json")
      mkdirSync(dirname(auth), { recursive: true })
      writeFileSync(
        auth,
        JSON.stringify({
          anthropic: { type: "oauth", access, refresh: "sk-ant-ort01-x", expires: Date.now() + 86_400_000 },
        }),
        { mode: 0o600 },
      )
      s.configure({
        plugin: ["opencode-anthropic-auth", "opencode-model-pool"],
        // The auth plugin rewrites only Anthropic's own path, /v1/messages: serve it at the root.
        provider: { ...s.providers(), anthropic: { options: { baseURL: `${s.fake.url}/v1` } } },
        agent: { build: { model: "alpha/gpt-main", fallbacks: ["anthropic/claude-sonnet-4-5"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("via OAuth")
      const claude = s.fake.requests.find((request) => request.format === "anthropic")
      expect(claude?.rejected).toBeUndefined()
      expect(claude?.headers["anthropic-beta"]).toContain("oauth-2025-04-20")
      expect(registry.requests()).toContain("/opencode-anthropic-auth")
    },
    E2E,
  )

  test(
    'with the tuple form ["opencode-model-pool", { pools }], the options reach the plugin and its named pool works',
    async () => {
      await using s = await scenario(
        { "gpt-main": { kind: "overloaded" }, "gpt-b": { kind: "text", text: "named pool" } },
        registryEnv(),
      )
      s.configure({
        plugin: [["opencode-model-pool", { pools: { fast: { models: ["alpha/gpt-main", "beta/gpt-b"] } } }]],
        agent: { build: { model: "pool/fast" } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("named pool")
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-b"])
    },
    E2E,
  )

  test(
    "`npx opencode-model-pool doctor` runs under Node, with no Bun on the PATH",
    () =>
      doctorWith(
        { node: which("node"), npm: which("npm"), npx: which("npx") },
        ["npx", "opencode-model-pool", "doctor"],
        "bun",
      ),
    E2E,
  )

  test(
    "`bunx opencode-model-pool doctor` runs under Bun, with no Node on the PATH",
    () =>
      doctorWith({ bun: process.execPath, bunx: process.execPath }, ["bunx", "opencode-model-pool", "doctor"], "node"),
    E2E,
  )
})
