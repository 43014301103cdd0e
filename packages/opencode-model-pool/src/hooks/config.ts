// The `config` hook (start-up, and every time OpenCode reads the config again): reads the pools, routes their
// members through the model module, and installs this instance's runtime for the module to find.
import { dirname, join } from "node:path"
import type { Hooks } from "@opencode-ai/plugin"
import { DRILL_ENV, drillNotice, parseDrill } from "../config/drill.ts"
import { readPoolConfig } from "../config/read-config.ts"
import { authFilePath } from "../host/auth-file.ts"
import { createAuthPlugins } from "../host/auth-plugins.ts"
import type { Notice } from "../host/notifier.ts"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { READ_ONLY_ENV } from "../host/plugin-entry.ts"
import { installRuntime } from "../host/runtime.ts"
import { defaultStatePath } from "../host/state-path.ts"
import { wantProviderPackages } from "../module/build-model.ts"
import { mark, traceNow } from "../module/trace.ts"
import { openHealthStore, stateProblems } from "../state/health-store.ts"
import { createSessionMoves } from "../state/session-moves.ts"
import type { Instance } from "./instance.ts"
import { addPoolProvider, routeMembers } from "./route-members.ts"

/** Where the plugin's own modules are: the model module members are routed to, and the plugin entry itself. */
export interface PluginUrls {
  module: string
  self: string
}

/** The `config` hook of `instance`, with the plugin options OpenCode gave it. */
export function configHook(
  instance: Instance,
  options: Record<string, unknown> | undefined,
  urls: PluginUrls,
): NonNullable<Hooks["config"]> {
  return async (given) => {
    // `opencode-model-pool doctor` reads the config through OpenCode and must see it as the user wrote it.
    if (process.env[READ_ONLY_ENV] === "1") return
    const started = traceNow()
    const config = given as OpenCodeConfig
    const read = readPoolConfig(config, options)
    // Loaded once OpenCode has started (the first event), off its start-up path; at once after that.
    await wantProviderPackages([...read.sources.values()].map((source) => source.npm))
    routeMembers(config, read.sources.values(), urls.module, instance.key)
    const conflict = addPoolProvider(config, read.pools.values(), urls.module, instance.key)
    if (conflict) read.issues.push(conflict)
    const notify = (notice: Notice) => void instance.notify(notice)
    const authPlugins = createAuthPlugins(
      instance.input,
      (config.plugin ?? []).slice(),
      urls.self,
      authFilePath(),
      read.options.authProfiles,
      (message) => notify({ level: "warn", message, toast: false }),
    )
    const statePath = read.options.stateFile ?? defaultStatePath()
    // A state file that is damaged or cannot be written is told once; the turn goes on without it.
    const stateProblem = stateProblems(notify)
    instance.moves = createSessionMoves(join(dirname(statePath), "sessions.json"), { onProblem: stateProblem })
    // A config read again replaces the runtime: the store it opened before is closed.
    void instance.health?.close()
    instance.health = openHealthStore(read.options.health, statePath, notify, stateProblem)
    const drill = parseDrill(process.env[DRILL_ENV], new Set([...read.pools.values()].flatMap((pool) => pool.members)))
    instance.runtime = {
      ...instance.lists,
      pools: read.pools,
      agentPools: read.agentPools,
      sources: read.sources,
      apiKeys: read.options.apiKeys,
      profiles: read.options.authProfiles,
      store: instance.health.store,
      drills: drill.members,
      created: new Map(),
      notify,
      authOptions: (providerID, info) => authPlugins.optionsFor(providerID, info),
      systemTransform: (providerID) => authPlugins.systemTransform(providerID),
    }
    installRuntime(instance.key, instance.runtime)
    instance.pending.push(...read.issues.map((message): Notice => ({ level: "error", message, toast: true })))
    instance.pending.push(...drill.problems.map((message): Notice => ({ level: "error", message, toast: true })))
    const drilling = drillNotice(drill)
    if (drilling) instance.pending.push({ level: "warn", message: drilling, toast: true })
    if (read.options.health.store === "redis")
      instance.pending.push({ level: "info", message: `health store: ${instance.health.description}`, toast: false })
    mark("startup.config", { from: started })
  }
}
