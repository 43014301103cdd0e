// The README's diagram of the two packages names their files; this keeps it true as the code moves.
import { describe, expect, test } from "bun:test"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const PLUGIN_SRC = join(import.meta.dir, "..", "src")
const CORE_SRC = join(import.meta.dir, "..", "..", "core", "src")

/** The diagram's two boxes, split where the core's starts; the titles above them are left out. */
function columns(): { plugin: string; core: string } {
  const readme = readFileSync(join(import.meta.dir, "..", "README.md"), "utf8")
  const diagram = /```text\n([\s\S]*?)```/.exec(readme)?.[1] ?? ""
  const lines = diagram.split("\n").filter((line) => /^[┌│├└]/.test(line))
  const border = lines.find((line) => line.startsWith("┌")) ?? ""
  const split = border.indexOf("┌", 1)
  expect(split).toBeGreaterThan(0)
  return {
    plugin: lines.map((line) => line.slice(0, split)).join("\n"),
    core: lines.map((line) => line.slice(split)).join("\n"),
  }
}

/** File and folder names a column mentions: `name.ts` and `name/`. */
function names(column: string): string[] {
  return [...column.matchAll(/[a-z][a-z0-9-]*(?:\.ts|\/)/g)].map((match) => match[0])
}

/** Every non-test TypeScript file under `dir`, as paths relative to it. */
function runtimeFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  )
}

/** Whether `name` (a file or a folder) exists somewhere under `dir`. */
function exists(dir: string, name: string): boolean {
  if (name.endsWith("/")) return existsSync(join(dir, name))
  return runtimeFiles(dir).some((file) => file === name || file.endsWith(`/${name}`))
}

describe("the README's package diagram", () => {
  const { plugin, core } = columns()

  test("names only files and folders that exist, each in its own package", () => {
    for (const name of names(plugin)) expect([name, exists(PLUGIN_SRC, name)]).toEqual([name, true])
    for (const name of names(core)) expect([name, exists(CORE_SRC, name)]).toEqual([name, true])
  })

  test("names every runtime file of both packages, or the folder it is in", () => {
    for (const [dir, column, detailed] of [
      [PLUGIN_SRC, plugin, []],
      [CORE_SRC, core, ["config", "health", "order", "foresight", "pool", "fallback"]],
    ] as const) {
      const named = new Set(names(column))
      for (const file of runtimeFiles(dir)) {
        if (file === "index.ts" || file.endsWith("/index.ts")) continue
        const [folder, rest] = file.includes("/") ? [file.slice(0, file.indexOf("/")), file] : [undefined, file]
        const base = rest.slice(rest.lastIndexOf("/") + 1)
        // A folder named in the diagram covers its files, except in the core's folders the diagram lists file by file.
        const covered =
          folder === undefined
            ? named.has(base)
            : named.has(`${folder}/`) && (!(detailed as readonly string[]).includes(folder) || named.has(base))
        expect([file, covered]).toEqual([file, true])
      }
    }
  })
})
