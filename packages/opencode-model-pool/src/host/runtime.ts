import type { FallbackCondition, HealthStore, PoolSpec } from "@model-pool/core"
import type { AuthOptions, SystemTransform } from "./auth-plugins.ts"
import type { MemberSource } from "./member-source.ts"
import type { Notice } from "./notifier.ts"
import type { OpenCodeLists } from "./opencode-lists.ts"
import type { ProviderInfo, ProviderSettings } from "./provider-info.ts"

/**
 * State shared by the plugin and its model module. OpenCode loads the two as separate modules in one process;
 * the plugin fills this at start-up and the module reads it for every call.
 */
export interface PoolRuntime extends OpenCodeLists {
  pools: Map<string, PoolSpec>
  agentPools: Map<string, string>
  sources: Map<string, MemberSource>
  apiKeys: Record<string, readonly string[]>
  /** Auth profiles: profile provider ID -> the provider it is a further login of. */
  profiles: Record<string, string>
  store: HealthStore
  /** Fault drills: the condition a member plays in this process (`OPENCODE_MODEL_POOL_DRILL`). */
  drills: ReadonlyMap<string, FallbackCondition>
  /** The exact settings OpenCode created each provider with, by provider ID, as they arrive. */
  created: Map<string, ProviderSettings>
  notify(notice: Notice): void
  /** What the auth plugin of a provider gives it, for a member whose provider OpenCode has not created. */
  authOptions(providerID: string, info: ProviderInfo | undefined): Promise<AuthOptions | undefined>
  /** The system-prompt rewrite of the auth plugin that owns a provider's login, once loaded for a member. */
  systemTransform(providerID: string): SystemTransform | undefined
}

/**
 * The provider option that names the runtime of the OpenCode instance a model belongs to. A server holds one
 * instance per directory, each with its own config and its own plugin instance; the model module is one module
 * for all of them, so each routed provider carries its instance's key, and the module looks the runtime up by it.
 */
export const RUNTIME_OPTION = "modelPoolRuntime"

// On globalThis rather than in this module: nothing guarantees that the plugin and the model module, which
// OpenCode imports on its own by URL, share one copy of this file.
const REGISTRY = Symbol.for("opencode-model-pool.runtimes")

function registry(): Map<string, PoolRuntime> {
  const global = globalThis as Record<symbol, Map<string, PoolRuntime> | undefined>
  return (global[REGISTRY] ??= new Map())
}

/** Makes `runtime` the one of the instance `key`, replacing what an earlier config of that instance installed. */
export function installRuntime(key: string, runtime: PoolRuntime): void {
  registry().set(key, runtime)
}

/** The runtime of the instance a provider's settings name, if that instance configured one. */
export function runtimeFor(key: unknown): PoolRuntime | undefined {
  return typeof key === "string" ? registry().get(key) : undefined
}

/** Forgets the runtime of the instance `key`: OpenCode disposed of that instance. */
export function dropRuntime(key: string): void {
  registry().delete(key)
}
