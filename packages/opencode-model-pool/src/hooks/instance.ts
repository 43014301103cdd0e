// One plugin instance: OpenCode starts one per OpenCode instance (a server holds one per directory). What its hooks
// share, and what goes when OpenCode disposes of it.
import { randomUUID } from "node:crypto"
import type { PoolSpec } from "@model-pool/core"
import type { PluginInput } from "@opencode-ai/plugin"
import { createNotifier, type Notice } from "../host/notifier.ts"
import { openCodeLists, type OpenCodeLists } from "../host/opencode-lists.ts"
import { dropRuntime, type PoolRuntime } from "../host/runtime.ts"
import type { OpenedHealthStore } from "../state/health-store.ts"
import type { SessionMoves } from "../state/session-moves.ts"

/** The state of one plugin instance, filled by its `config` hook and read by the others. */
export interface Instance {
  /** This instance's runtime key, named in the options of every provider it routes through the model module. */
  key: string
  input: PluginInput
  lists: OpenCodeLists
  notify(notice: Notice): Promise<void>
  /** Start-up problems, told at the first event, when the server can take them. */
  pending: Notice[]
  /** The pool each session's current turn runs on, for the calls of that turn (compaction included). */
  sessionPools: Map<string, string>
  runtime?: PoolRuntime
  moves?: SessionMoves
  health?: OpenedHealthStore
  /** Start-up problems and missing credentials were told. */
  checked: boolean
}

/** A new plugin instance for the OpenCode instance `input` belongs to. */
export function createInstance(input: PluginInput): Instance {
  return {
    key: randomUUID(),
    input,
    lists: openCodeLists(input.client),
    notify: createNotifier(input.client),
    pending: [],
    sessionPools: new Map(),
    checked: false,
  }
}

/** The pool of an agent, if it has one. */
export function poolOfAgent(instance: Instance, agent: string | undefined): PoolSpec | undefined {
  const name = agent === undefined ? undefined : instance.runtime?.agentPools.get(agent)
  return name === undefined ? undefined : instance.runtime?.pools.get(name)
}

/**
 * Lets go of what `instance` holds once OpenCode disposed of it (its `dispose` hook: a directory's instance closed or
 * reloaded): its runtime leaves the registry, so the model module no longer finds it, and its health store closes.
 */
export async function disposeInstance(instance: Instance): Promise<void> {
  dropRuntime(instance.key)
  instance.runtime = undefined
  instance.sessionPools.clear()
  await instance.health?.close()
  instance.health = undefined
}
