// The auth plugins of the user's config, for the members OpenCode has not created. OpenCode hands a provider's
// options to the `auth.loader` of each plugin that declares `auth.provider` for it, when auth.json holds an entry
// for that provider, and the loader may add a `fetch` that signs every request (OAuth logins such as Claude
// Pro/Max). Those functions never reach the plugin through OpenCode's API (its provider list is JSON), so for a
// member whose provider OpenCode has not created, the plugin asks the same loaders itself: it imports the plugin
// modules listed in the config, instantiates each once with the plugin's own input, and calls the loader of the
// member's provider with the auth.json entry, as OpenCode would.
import type { Hooks, PluginInput } from "@opencode-ai/plugin"
import { readAuthEntries, type AuthEntry } from "./auth-file.ts"
import type { PluginEntry } from "./opencode-config.ts"
import { isOwnEntry } from "./plugin-entry.ts"
import { importable, pluginFunctions } from "./plugin-modules.ts"
import type { ProviderInfo, ProviderSettings } from "./provider-info.ts"

/** What an auth plugin's loader gave a provider, besides what OpenCode's provider list shows. */
export interface AuthOptions {
  /** The plugin that supplied them, as the config names it. */
  plugin: string
  options: ProviderSettings
}

type LoadedHooks = { plugin: string; hooks: Hooks }

/** One provider's entry of OpenCode's auth.json, fresh each time (a refreshed token is written there). */
function readAuthEntry(authFile: string, providerID: string): AuthEntry | undefined {
  return readAuthEntries(authFile)[providerID]
}

/** The config's plugins that declare an auth loader, each instantiated once with `input`; this plugin is skipped. */
async function loadAuthHooks(
  input: PluginInput,
  entries: readonly PluginEntry[],
  self: string,
  warn: (message: string) => void,
): Promise<LoadedHooks[]> {
  const all: LoadedHooks[] = []
  for (const entry of entries) {
    const [spec, options] = typeof entry === "string" ? [entry, undefined] : entry
    const url = importable(spec)
    // This plugin, by its name or as this very module wherever it lies, is never loaded twice.
    if (!url || url === self || isOwnEntry(spec)) continue
    try {
      const module = (await import(url)) as Record<string, unknown>
      for (const make of pluginFunctions(module)) {
        const hooks = (await make(input, options)) as Hooks | undefined
        if (hooks?.auth?.loader) all.push({ plugin: spec, hooks })
      }
    } catch (error) {
      warn(`the auth plugin ${spec} could not be loaded for pool members: ${messageOf(error)}`)
    }
  }
  return all
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Asks the loader of `owner` for a provider's options, with the auth.json entry of `providerID` (read fresh on
 * each ask) and a copy of what OpenCode resolved for the provider it owns, `owned`.
 */
async function askLoader(
  owner: LoadedHooks,
  authFile: string,
  providerID: string,
  owned: string,
  info: ProviderInfo | undefined,
  warn: (message: string) => void,
): Promise<AuthOptions | undefined> {
  const loader = owner.hooks.auth?.loader
  if (!loader) return undefined
  const getAuth = async () => readAuthEntry(authFile, providerID) as Awaited<ReturnType<Parameters<typeof loader>[0]>>
  // The loader may edit the provider it is given (costs of a subscription): it gets a copy.
  const provider = structuredClone({ ...info, id: owned, models: info?.models ?? {} })
  try {
    const options = (await loader(getAuth, provider as unknown as Parameters<typeof loader>[1])) ?? {}
    return { plugin: owner.plugin, options: options as ProviderSettings }
  } catch (error) {
    warn(`${owner.plugin} gave no credentials for ${providerID}: ${messageOf(error)}`)
    return undefined
  }
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

  function instances(login: string | undefined): Promise<LoadedHooks[]> {
    const known = loaded.get(login ?? "")
    if (known) return known
    const own = login === undefined ? input : { ...input, client: clientFor(input.client, login) }
    const loading = loadAuthHooks(own, entries, self, warn).then((all) => {
      ready ??= all
      return all
    })
    loaded.set(login ?? "", loading)
    return loading
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
      const owner = (await instances(login)).find((candidate) => candidate.hooks.auth?.provider === owned)
      return owner ? askLoader(owner, authFile, providerID, owned, info, warn) : undefined
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
