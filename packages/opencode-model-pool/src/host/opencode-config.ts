// OpenCode's config as the plugin's `config` hook receives it (and `opencode debug config` prints it), as far as
// the plugin reads or writes it.
import { parseMemberId } from "./member-id.ts"

/** An entry of the config's `plugin` list: a module specifier, alone or with its options. */
export type PluginEntry = string | [string, Record<string, unknown>?]

/** A model entry of OpenCode's config, as far as the plugin reads or writes it. */
export interface ModelConfig {
  id?: string
  name?: string
  provider?: { npm?: string }
  limit?: { context: number; output: number }
  reasoning?: boolean
  release_date?: string
  variants?: Record<string, Record<string, unknown>>
  cost?: { input: number; output: number; cache_read?: number; cache_write?: number }
}

/** The parts of OpenCode's provider config the plugin reads. */
export interface ProviderConfig {
  npm?: string
  options?: Record<string, unknown>
  models?: Record<string, ModelConfig | undefined>
}

/** The part of OpenCode's config the plugin reads and edits. */
export interface OpenCodeConfig {
  agent?: Record<string, Record<string, unknown> | undefined>
  provider?: Record<string, (ProviderConfig & Record<string, unknown>) | undefined>
  plugin?: PluginEntry[]
}

/** The config's entry for a member's model, if the config lists it. */
export function configuredModel(config: OpenCodeConfig, member: string): ModelConfig | undefined {
  const { providerID, modelID } = parseMemberId(member)
  return config.provider?.[providerID]?.models?.[modelID]
}
