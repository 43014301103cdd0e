// Runs the real `opencode` binary from npm in a sandbox: HOME and every XDG folder in a temp directory, no
// network, the plugin loaded from this checkout.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"

const PLUGIN_ENTRY = new URL("../src/index.ts", import.meta.url).href

/** The opencode binary shipped by the platform package that `opencode-ai` depends on. */
function installedBinary(): string {
  const wrapper = dirname(Bun.resolveSync("opencode-ai/package.json", import.meta.dir))
  const platform = `opencode-${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`
  const binary = Bun.resolveSync(`${platform}/package.json`, wrapper)
  return join(dirname(binary), "bin", process.platform === "win32" ? "opencode.exe" : "opencode")
}

/** The file `scripts/test.ts` counts opencode process starts in, one line per start. */
const STARTS = process.env.OCMP_OPENCODE_STARTS

/**
 * The opencode binary to start. When a start counter is asked for, a two-line script that notes the start and
 * `exec`s the binary (same process, same arguments): so every start is counted, those the doctor, tmux and npx
 * make with this path included, and the sandbox's scrubbed environment does not need to carry the file's name.
 */
export function opencodeBinary(): string {
  const binary = installedBinary()
  if (!STARTS || process.platform === "win32") return binary
  const counted = join(dirname(STARTS), `opencode-counted-${process.pid}`)
  if (!existsSync(counted))
    writeFileSync(counted, `#!/bin/sh\necho >> '${STARTS}'\nexec '${binary}' "$@"\n`, { mode: 0o755 })
  return counted
}

/** One OpenCode run's result: exit code, output, and the JSON events of `--format json`. */
export interface RunResult {
  code: number
  stdout: string
  stderr: string
  events: { type: string; sessionID?: string; part?: Record<string, unknown>; error?: Record<string, unknown> }[]
  /** What the process cost: wall time from spawn to exit, CPU time, and its peak resident memory. */
  usage: { wallMs: number; cpuMs: number; peakRssBytes: number }
}

/** A throwaway OpenCode installation: its folders, its config, and a way to run the CLI in it. */
export interface Sandbox extends AsyncDisposable {
  root: string
  project: string
  env: Record<string, string>
  stateFile: string
  logDir: string
  writeConfig(config: Record<string, unknown>): void
  run(args: string[], options?: { timeoutMs?: number }): Promise<RunResult>
  /** Any OpenCode subcommand, e.g. `export <id>`. */
  exec(args: string[]): Promise<RunResult>
  /** Any program, run in the project folder with the sandbox's environment. */
  command(argv: string[]): Promise<RunResult>
  /** Sends Ctrl-C (SIGINT) to the commands running now, as a user would. */
  interrupt(): void
}

/** Creates a sandbox; `env` adds variables such as API keys. */
export function createSandbox(env: Record<string, string> = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), "ocmp-e2e-"))
  const dirs = Object.fromEntries(
    ["home", "config", "data", "state", "cache", "project"].map((name) => {
      const path = join(root, name)
      mkdirSync(path, { recursive: true })
      return [name, path]
    }),
  ) as Record<"home" | "config" | "data" | "state" | "cache" | "project", string>
  // A config folder that already lists OpenCode's plugin package makes OpenCode skip its npm install.
  const configDir = join(dirs.config, "opencode")
  mkdirSync(join(configDir, "node_modules"), { recursive: true })
  const dependency = { "@opencode-ai/plugin": "1.18.33" }
  writeFileSync(join(configDir, "package.json"), JSON.stringify({ dependencies: dependency }))
  writeFileSync(
    join(configDir, "package-lock.json"),
    JSON.stringify({ lockfileVersion: 3, packages: { "": { dependencies: dependency } } }),
  )
  Bun.spawnSync(["git", "init", "-q"], { cwd: dirs.project })
  const sandboxEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_STATE_HOME: dirs.state,
    XDG_CACHE_HOME: dirs.cache,
    OPENCODE_DISABLE_AUTOUPDATE: "1",
    OPENCODE_DISABLE_SHARE: "1",
    OPENCODE_DISABLE_MODELS_FETCH: "1",
    OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
    OPENCODE_DISABLE_CLAUDE_CODE: "1",
    npm_config_offline: "true",
    NO_COLOR: "1",
    ...env,
  }
  const binary = opencodeBinary()
  const running = new Set<Bun.Subprocess>()
  const spawn = async (argv: string[], timeoutMs = 120_000): Promise<RunResult> => {
    const started = performance.now()
    const child = Bun.spawn(argv, {
      cwd: dirs.project,
      env: sandboxEnv,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      timeout: timeoutMs,
    })
    running.add(child)
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ])
    running.delete(child)
    const wallMs = performance.now() - started
    const resources = child.resourceUsage()
    const usage = {
      wallMs,
      cpuMs: resources ? Number(resources.cpuTime.total) / 1000 : Number.NaN,
      peakRssBytes: resources?.maxRSS ?? Number.NaN,
    }
    const events = stdout
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .flatMap((line) => {
        try {
          return [JSON.parse(line)]
        } catch {
          return []
        }
      })
    return { code, stdout, stderr, events, usage }
  }
  const exec = (args: string[], timeoutMs?: number) => spawn([binary, ...args], timeoutMs)
  return {
    root,
    project: dirs.project,
    env: sandboxEnv,
    stateFile: join(dirs.state, "opencode-model-pool", "health.json"),
    logDir: join(dirs.data, "opencode", "log"),
    writeConfig(config) {
      const plugin = (config.plugin as unknown[] | undefined) ?? [PLUGIN_ENTRY]
      const full = { autoupdate: false, share: "disabled", ...config, plugin }
      writeFileSync(join(configDir, "opencode.json"), JSON.stringify(full, null, 2))
    },
    run: (args, options) => exec(["run", "--format", "json", "--print-logs", ...args], options?.timeoutMs),
    exec: (args) => exec(args),
    command: (argv) => spawn(argv),
    interrupt() {
      for (const child of running) child.kill("SIGINT")
    },
    async [Symbol.asyncDispose]() {
      rmSync(root, { recursive: true, force: true })
    },
  }
}

/** The plugin entry as OpenCode loads it from a checkout, for configs with plugin options. */
export const PLUGIN = PLUGIN_ENTRY

/** The text the run printed as its answer. */
export function answerOf(result: RunResult): string {
  return result.events
    .filter((event) => event.type === "text")
    .map((event) => String(event.part?.text ?? ""))
    .join("")
}
