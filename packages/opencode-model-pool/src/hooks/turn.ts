// The `chat.message` hook: before a turn, plans its pool (strategy, health, keys) and moves the turn to the member
// the plan starts on, so OpenCode records, prices and shows the model that will answer.
import { startTurn, type PoolSpec } from "@model-pool/core"
import type { Hooks } from "@opencode-ai/plugin"
import { keyLabels } from "../config/api-keys.ts"
import { memberInfo } from "../host/provider-info.ts"
import { poolOfAgent, type Instance } from "./instance.ts"
import { inheritedPool, turnOutcome, turnPool } from "./turn-plan.ts"

/** The pool of the session that started this one (through the task tool), if any. */
async function parentPool(instance: Instance, sessionID: string): Promise<PoolSpec | undefined> {
  const session = await instance.input.client.session.get({ path: { id: sessionID } }).catch(() => undefined)
  const parent = session?.data?.parentID
  const name = parent === undefined ? undefined : instance.sessionPools.get(parent)
  return name === undefined ? undefined : instance.runtime?.pools.get(name)
}

/** The `chat.message` hook of `instance`. */
export function turnHook(instance: Instance): NonNullable<Hooks["chat.message"]> {
  return async (input, output) => {
    const runtime = instance.runtime
    const moves = instance.moves
    const current = output.message.model
    if (!runtime || !moves || !current) return
    const chosen = `${current.providerID}/${current.modelID}`
    const moved = moves.moved(input.sessionID)
    const { pool, again } = turnPool({
      chosen,
      agentPool: poolOfAgent(instance, input.agent ?? output.message.agent),
      moved,
      pools: runtime.pools,
    })
    if (!pool) {
      // A turn without a pool leaves nothing of an earlier turn's pool behind for its calls.
      instance.sessionPools.delete(input.sessionID)
      moves.record(input.sessionID, undefined)
      const inherited = inheritedPool(await parentPool(instance, input.sessionID), chosen)
      if (inherited) instance.sessionPools.set(input.sessionID, inherited.name)
      return
    }
    instance.sessionPools.set(input.sessionID, pool.name)
    // The catalog (prices, windows) must be known before the plan orders by it.
    await runtime.providers()
    const plan = await startTurn(runtime.store, {
      pool,
      now: Date.now(),
      catalog: (member) => memberInfo(runtime.known(member)?.model),
      keys: (member) => keyLabels(runtime.apiKeys, runtime.sources.get(member)?.providerID ?? ""),
      ...(moved?.pool === pool.name && moved.assigned !== undefined ? { assigned: moved.assigned } : {}),
    })
    const source = plan.first && runtime.sources.get(plan.first.member)
    if (!source) return
    const outcome = turnOutcome({
      pool,
      chosen,
      planned: source.member,
      again,
      cooling: plan.primaryCooling?.message,
      ...(plan.assigned === undefined ? {} : { assigned: plan.assigned }),
    })
    if (outcome.record) moves.record(input.sessionID, outcome.record)
    if (outcome.moveTo) output.message.model = { ...current, providerID: source.providerID, modelID: source.modelID }
    for (const message of outcome.notices) runtime.notify({ level: "info", message, toast: true })
  }
}
