// `BENCH_BASELINE=<git ref>`: the plugin as it was at that commit, measured in the same run as this checkout's, for
// before-and-after rows. A detached worktree in a temp folder; its packages use this checkout's installed
// node_modules (so the baseline must take the same dependencies).
import { cpSync, mkdtempSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const PACKAGES = ["core", "opencode-model-pool", "fake-provider"]

function git(args: string[], cwd: string): string {
  const result = Bun.spawnSync(["git", ...args], { cwd, stderr: "pipe" })
  if (result.exitCode !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.toString()}`)
  return result.stdout.toString().trim()
}

/** A checkout of `ref` whose plugin entry OpenCode can load, and a way to remove it. */
export function checkoutBaseline(ref: string): { entry: string; commit: string } & Disposable {
  const root = git(["rev-parse", "--show-toplevel"], import.meta.dir)
  const commit = git(["rev-parse", "--short", ref], root)
  const dir = join(mkdtempSync(join(tmpdir(), "ocmp-baseline-")), "repo")
  git(["worktree", "add", "--detach", "--quiet", dir, commit], root)
  symlinkSync(join(root, "node_modules"), join(dir, "node_modules"))
  // Each package's links point into the root store and at its sibling packages, relative to where they lie.
  for (const name of PACKAGES)
    cpSync(join(root, "packages", name, "node_modules"), join(dir, "packages", name, "node_modules"), {
      recursive: true,
      verbatimSymlinks: true,
    })
  return {
    entry: new URL(`file://${join(dir, "packages", "opencode-model-pool", "src", "index.ts")}`).href,
    commit,
    [Symbol.dispose]: () => void git(["worktree", "remove", "--force", dir], root),
  }
}
