// The auth plugins of the user's config, for the members OpenCode has not created. OpenCode hands a provider's
// options to the `auth.loader` of each plugin that declares `auth.provider` for it, when auth.json holds an entry
// for that provider, and the loader may add a `fetch` that signs every request (OAuth logins such as Claude
// Pro/Max). Those functions never reach the plugin through OpenCode's API (its provider list is JSON), so for a
// member whose provider OpenCode has not created, the plugin asks the same loaders itself: it imports the plugin
// modules listed in the config, instantiates each once with the plugin's own input, and calls the loader of the
// member's provider with the auth.json entry, as OpenCode would.
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import type { Hooks, PluginInput } from "@opencode-ai/plugin"
import { readAuthEntries, type AuthEntry } from "./auth-file.ts"
import type { ProviderSettings } from "./build-model.ts"
import type { ProviderInfo } from "./runtime.ts"

/** An entry of the config's `plugin` list: a module specifier, alone or with its options. */
export type PluginEntry = string | [string, Record<string, unknown>?]

/** What an auth plugin's loader gave a provider, besides what OpenCode's provider list shows. */
export interface AuthOptions {
  /** The plugin that supplied them, as the config names it. */
  plugin: string
  options: ProviderSettings
}

type LoadedHooks = { plugin: string; hooks: Hooks }

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
function importable(spec: string): string | undefined {
  if (spec.startsWith("file://")) return spec
  const { name, dir } = installedPluginDir(spec, openCodeCache())
  try {
    return pathToFileURL(Bun.resolveSync(name, dir)).href
  } catch {
    return undefined
  }
}

/** The plugin functions a module exports: a v1 module's `server`, or every exported function (the old form). */
function pluginFunctions(module: Record<string, unknown>): ((input: PluginInput, options?: unknown) => unknown)[] {
  const entry = module.default as { server?: unknown } | undefined
  if (entry && typeof entry === "object" && typeof entry.server === "function")
    return [entry.server as (input: PluginInput, options?: unknown) => unknown]
  return Object.values(module).filter((value) => typeof value === "function") as ((input: PluginInput) => unknown)[]
}

/** One provider's entry of OpenCode's auth.json, fresh each time (a refreshed token is written there). */
function readAuthEntry(authFile: string, providerID: string): AuthEntry | undefined {
  return readAuthEntries(authFile)[providerID]
}

/**
 * The loaders of the config's auth plugins. `entries` is the config's `plugin` list, `self` this plugin's own
 * module URL (never loaded twice), `authFile` OpenCode's auth.json.
 */
export function createAuthPlugins(
  input: PluginInput,
  entries: readonly PluginEntry[],
  self: string,
  authFile: string,
  profiles: Record<string, string>,
  warn: (message: string) => void,
) {
  // The plugins as OpenCode's own instance sees them, then one instance per auth profile (see `clientFor`).
  const loaded = new Map<string, Promise<LoadedHooks[]>>()
  const results = new Map<string, Promise<AuthOptions | undefined>>()
  let ready: LoadedHooks[] | undefined

  async function load(login: string | undefined): Promise<LoadedHooks[]> {
    const all: LoadedHooks[] = []
    const own = login === undefined ? input : { ...input, client: clientFor(input.client, login) }
    for (const entry of entries) {
      const [spec, options] = typeof entry === "string" ? [entry, undefined] : entry
      const url = importable(spec)
      if (!url || url === self || spec.includes("opencode-model-pool")) continue
      try {
        const module = (await import(url)) as Record<string, unknown>
        for (const make of pluginFunctions(module)) {
          const hooks = (await make(own, options)) as Hooks | undefined
          if (hooks?.auth?.loader) all.push({ plugin: spec, hooks })
        }
      } catch (error) {
        warn(
          `the auth plugin ${spec} could not be loaded for pool members: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
    }
    ready ??= all
    return all
  }

  /**
   * The options the auth plugin of `providerID` gives it, when auth.json holds an entry for it. A profile's
   * entry goes to the plugin of the provider it is a login of.
   */
  function optionsFor(providerID: string, info: ProviderInfo | undefined): Promise<AuthOptions | undefined> {
    const known = results.get(providerID)
    if (known) return known
    const owned = profiles[providerID] ?? providerID
    const login = profiles[providerID] === undefined ? undefined : providerID
    const result = (async (): Promise<AuthOptions | undefined> => {
      // A plain API key needs no plugin: OpenCode's provider list already carries it. Only a login (OAuth and the
      // like) makes the plugin instantiate the config's plugins a second time.
      const entry = readAuthEntry(authFile, providerID)
      if (!entry || entry.type === "api") return undefined
      const instances = loaded.get(login ?? "") ?? load(login)
      loaded.set(login ?? "", instances)
      const owner = (await instances).find((candidate) => candidate.hooks.auth?.provider === owned)
      const loader = owner?.hooks.auth?.loader
      if (!owner || !loader) return undefined
      const getAuth = async () =>
        readAuthEntry(authFile, providerID) as Awaited<ReturnType<Parameters<typeof loader>[0]>>
      // The loader may edit the provider it is given (costs of a subscription): it gets a copy.
      const provider = structuredClone({ ...info, id: owned, models: info?.models ?? {} })
      try {
        const options = (await loader(getAuth, provider as unknown as Parameters<typeof loader>[1])) ?? {}
        return { plugin: owner.plugin, options: options as ProviderSettings }
      } catch (error) {
        warn(
          `${owner.plugin} gave no credentials for ${providerID}: ${error instanceof Error ? error.message : String(error)}`,
        )
        return undefined
      }
    })()
    results.set(providerID, result)
    return result
  }

  /**
   * The system-prompt rewrite of the plugin that owns `providerID`'s login (a profile's: the provider it is a
   * login of), once that plugin was loaded for a member. OpenCode runs it for the turn's model only.
   */
  function systemTransform(providerID: string): SystemTransform | undefined {
    const owned = profiles[providerID] ?? providerID
    const owner = ready?.find((candidate) => candidate.hooks.auth?.provider === owned)
    return owner?.hooks["experimental.chat.system.transform"] as SystemTransform | undefined
  }

  return { optionsFor, systemTransform }
}

/**
 * OpenCode's client as a profile's plugin instance sees it: a refreshed token the plugin stores for its own
 * provider (`auth.set` with the provider's ID) lands in the profile's auth.json entry instead, so the two logins
 * never overwrite each other.
 */
function clientFor(client: PluginInput["client"], login: string): PluginInput["client"] {
  const auth = new Proxy(client.auth, {
    get(target, name, receiver) {
      if (name !== "set") return Reflect.get(target, name, receiver)
      return (options: { path: { id: string } } & Record<string, unknown>) =>
        target.set({ ...options, path: { ...options.path, id: login } } as Parameters<typeof target.set>[0])
    },
  })
  return new Proxy(client, {
    get: (target, name, receiver) => (name === "auth" ? auth : Reflect.get(target, name, receiver)),
  })
}

/** An `experimental.chat.system.transform` hook: rewrites `output.system` for `input.model`. */
export type SystemTransform = (
  input: { sessionID?: string; model: Record<string, unknown> },
  output: { system: string[] },
) => unknown

export type AuthPlugins = ReturnType<typeof createAuthPlugins>
