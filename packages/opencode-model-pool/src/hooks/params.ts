// The `chat.params` hook (every call): removes the plugin's keys from the provider options once more, and marks
// the calls on a routed model with what the model module needs to know of them.
import type { PoolSpec } from "@model-pool/core"
import type { Hooks } from "@opencode-ai/plugin"
import { POOL_PROVIDER } from "../config/parse.ts"
import { AGENT_POOL_KEYS } from "../config/schema.ts"
import { POOL_MARKER, type PoolMarker } from "../host/call-marker.ts"
import { poolOfAgent, type Instance } from "./instance.ts"

// OpenCode's internal agent for session titles.
const TITLE_AGENT = "title"

/** What the marker of a call on a routed model says. */
export function callMarker(input: {
  /** The call's model, `provider/model`. */
  model: string
  agent: string
  session: string
  variant: string | undefined
  /** The session's pool, else the agent's. */
  pool: PoolSpec | undefined
}): PoolMarker {
  const { model, agent, session, variant, pool } = input
  const marker: PoolMarker = { agent, session, ...(variant ? { variant } : {}) }
  // Titles run on small_model, which is a pool only when it is `pool/<name>`: that model runs its pool itself.
  if (agent === TITLE_AGENT) return { ...marker, small: true }
  return pool?.members.includes(model) ? { ...marker, pool: pool.name } : marker
}

/** The `chat.params` hook of `instance`. */
export function paramsHook(instance: Instance): NonNullable<Hooks["chat.params"]> {
  return async (input, output) => {
    for (const key of AGENT_POOL_KEYS) delete output.options[key]
    const model = `${input.model.providerID}/${input.model.id}`
    // Only calls on a model routed through the pool module are marked; the module removes the marker.
    if (!instance.runtime?.sources.has(model) && input.model.providerID !== POOL_PROVIDER) return
    const variant = (input.message as { model?: { variant?: string } } | undefined)?.model?.variant
    const session = instance.sessionPools.get(input.sessionID)
    const pool = (session && instance.runtime?.pools.get(session)) || poolOfAgent(instance, input.agent)
    output.options[POOL_MARKER] = callMarker({ model, agent: input.agent, session: input.sessionID, variant, pool })
  }
}
