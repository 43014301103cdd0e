import type { AgentTraits } from "../host/opencode-lists.ts"
import type { SupportedNpm } from "../host/provider-packages.ts"
import type { InputModalities } from "./input-modalities.ts"

/** Options as OpenCode merges them: plain JSON objects. */
export type Options = Record<string, unknown>

/**
 * What the shaping rules read of a member: the facts OpenCode's own rules key on (package, ids, capabilities,
 * limits, release date) and the options and variants its config gives the model.
 */
export interface MemberModel {
  /** `provider/model` */
  member: string
  providerID: string
  /** The model's key in OpenCode's config and catalog. */
  modelID: string
  /** The id sent to the provider. */
  apiID: string
  /** The member's real package, not the pool module's `file://` name that OpenCode sees. */
  npm: SupportedNpm
  reasoning: boolean
  /** Whether OpenCode sends a temperature to this model at all. */
  temperature: boolean
  outputLimit: number
  releaseDate: string
  /** What the model reads besides text; unknown when OpenCode's provider list did not answer (files then pass). */
  input?: InputModalities
  /** The model's `options` from the config. */
  options: Options
  /** The model's variants as OpenCode lists them (from the config, plus the names the plugin announces). */
  variants: Record<string, Options>
  /** The provider's own options (`setCacheKey` is read from there). */
  providerOptions: Options
}

/** The facts of one call that the rules depend on besides the member. */
export interface CallContext {
  sessionID?: string
  /** The variant the user picked for the turn (`--variant`, the TUI's cycling, the agent's `variant`). */
  variant?: string
  /** A call on OpenCode's small model (titles), which gets lighter options. */
  small?: boolean
  /** The agent the call runs for. */
  agent: AgentTraits
}

/** The `include` OpenCode asks OpenAI reasoning models for, so their reasoning can be replayed. */
export const ENCRYPTED_REASONING = ["reasoning.encrypted_content"]

/** True for a plain JSON object (not an array, not null). */
export const isObject = (value: unknown): value is Options =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Deep merge as OpenCode merges option layers: objects merge key by key, anything else is replaced. */
export function mergeOptions(base: Options, over: Options | undefined): Options {
  if (!over) return base
  const merged: Options = { ...base }
  for (const [key, value] of Object.entries(over)) {
    const current = merged[key]
    merged[key] = isObject(current) && isObject(value) ? mergeOptions(current, value) : value
  }
  return merged
}
