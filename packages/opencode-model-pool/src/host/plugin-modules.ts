// The modules of the config's plugins as OpenCode loads them: where it installed a plugin given by package name,
// and the plugin functions a module exports.
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { PluginInput } from "@opencode-ai/plugin"

/**
 * Where OpenCode 1.18.33 installed a plugin given by package name: `<cache>/packages/<spec>` (a bare name is
 * installed as `<name>@latest`), with the package under its `node_modules`. `cache` is OpenCode's cache folder.
 */
export function installedPluginDir(spec: string, cache: string): { name: string; dir: string } {
  const at = spec.indexOf("@", spec.startsWith("@") ? 1 : 0)
  const name = at === -1 ? spec : spec.slice(0, at)
  return { name, dir: join(cache, "packages", at === -1 ? `${spec}@latest` : spec) }
}

/** OpenCode's cache folder. */
function openCodeCache(env: Record<string, string | undefined> = process.env): string {
  return join(env.XDG_CACHE_HOME || join(env.HOME ?? "", ".cache"), "opencode")
}

/** The module to import for a plugin entry: a `file://` URL as it is, a package where OpenCode installed it. */
export function importable(spec: string): string | undefined {
  if (spec.startsWith("file://")) return spec
  const { name, dir } = installedPluginDir(spec, openCodeCache())
  try {
    return pathToFileURL(Bun.resolveSync(name, dir)).href
  } catch {
    return undefined
  }
}

/** The plugin functions a module exports: a v1 module's `server`, or every exported function (the old form). */
export function pluginFunctions(
  module: Record<string, unknown>,
): ((input: PluginInput, options?: unknown) => unknown)[] {
  const entry = module.default as { server?: unknown } | undefined
  if (entry && typeof entry === "object" && typeof entry.server === "function")
    return [entry.server as (input: PluginInput, options?: unknown) => unknown]
  return Object.values(module).filter((value) => typeof value === "function") as ((input: PluginInput) => unknown)[]
}
