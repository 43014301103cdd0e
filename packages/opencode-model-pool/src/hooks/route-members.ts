// The config hook's edits of OpenCode's config: every pool member routed through the plugin's model module, and
// the provider `pool` whose models are the named pools.
import type { PoolSpec } from "@model-pool/core"
import { POOL_PREFIX, POOL_PROVIDER } from "../config/parse.ts"
import type { MemberSource } from "../host/member-source.ts"
import { parseMemberId } from "../host/member-id.ts"
import { configuredModel, type ModelConfig, type OpenCodeConfig } from "../host/opencode-config.ts"
import { RUNTIME_OPTION } from "../host/runtime.ts"
import { derivedVariants } from "../shape/variants.ts"

/**
 * What OpenCode is told about `pool/<name>`: the smallest context window and output limit of its members (so
 * compaction starts before any member overflows) and the highest price of each kind (so cost is never
 * under-reported). A value stays unset when a member's is not in the config (catalog models): OpenCode then uses
 * its defaults. Turns started on `pool/<name>` are moved to the planned member, whose own values then apply.
 */
function poolModelInfo(pool: PoolSpec, config: OpenCodeConfig): Pick<ModelConfig, "limit" | "cost"> {
  const models = pool.members.map((member) => configuredModel(config, member))
  const limits = models.map((model) => model?.limit)
  const costs = models.map((model) => model?.cost)
  const known = <T>(values: (T | undefined)[]): values is T[] => values.every((value) => value !== undefined)
  return {
    ...(known(limits) && limits.length > 0
      ? {
          limit: {
            context: Math.min(...limits.map((limit) => limit.context)),
            output: Math.min(...limits.map((limit) => limit.output)),
          },
        }
      : {}),
    ...(known(costs) && costs.length > 0
      ? {
          cost: {
            input: Math.max(...costs.map((cost) => cost.input)),
            output: Math.max(...costs.map((cost) => cost.output)),
            cache_read: Math.max(...costs.map((cost) => cost.cache_read ?? cost.input)),
            cache_write: Math.max(...costs.map((cost) => cost.cache_write ?? cost.input)),
          },
        }
      : {}),
  }
}

/** Adds the `pool` provider with one model per named pool; returns a problem when the name is taken. */
export function addPoolProvider(
  config: OpenCodeConfig,
  pools: Iterable<PoolSpec>,
  moduleUrl: string,
  runtime: string,
): string | undefined {
  const named = [...pools].filter((pool) => pool.name.startsWith(POOL_PREFIX))
  if (named.length === 0) return undefined
  config.provider ??= {}
  if (config.provider[POOL_PROVIDER])
    return `provider.${POOL_PROVIDER}: the provider ID "${POOL_PROVIDER}" is reserved for named pools; rename your provider to use pool/<name> models`
  const models = Object.fromEntries(
    named.map((pool) => {
      const name = parseMemberId(pool.name).modelID
      return [name, { name: `Pool ${name}: ${pool.members.join(", ")}`, ...poolModelInfo(pool, config) }]
    }),
  )
  config.provider[POOL_PROVIDER] = {
    name: "Model pools",
    npm: moduleUrl,
    options: { [RUNTIME_OPTION]: runtime },
    models,
  }
  return undefined
}

/**
 * OpenCode derives a model's variants from its package, and sees the pool module's instead: it would list none,
 * and ignore `--variant` and the TUI's cycling. So the config names the variants the member's real package has
 * (empty, so OpenCode adds nothing itself); the model module applies their options for whichever member answers.
 * The catalog's capabilities are not known yet at this point: a model the config does not say anything of is
 * taken to reason, so a non-reasoning catalog model may list variants that then change nothing.
 */
function announceVariants(model: ModelConfig, source: MemberSource): void {
  const names = Object.keys(
    derivedVariants({
      ...source,
      reasoning: model.reasoning ?? true,
      outputLimit: model.limit?.output ?? 32_000,
      releaseDate: model.release_date ?? "",
    }),
  )
  if (names.length === 0) return
  const variants = (model.variants ??= {})
  for (const name of names) variants[name] ??= {}
}

/**
 * Points every pool member at the plugin's model module, so OpenCode builds members through it, and names this
 * OpenCode instance's runtime in the member's provider options, where the module finds it.
 */
export function routeMembers(
  config: OpenCodeConfig,
  sources: Iterable<MemberSource>,
  moduleUrl: string,
  runtime: string,
): void {
  config.provider ??= {}
  for (const source of sources) {
    const provider = (config.provider[source.providerID] ??= {})
    provider.options = { ...provider.options, [RUNTIME_OPTION]: runtime }
    const models = (provider.models ??= {})
    const model = (models[source.modelID] ??= {})
    model.provider = { ...model.provider, npm: moduleUrl }
    announceVariants(model, source)
  }
}
