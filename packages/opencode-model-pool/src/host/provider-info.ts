// What OpenCode says of a provider and its models: its provider list (`GET /config/providers`, the credentials and
// options it resolved, with the catalog's data), and the settings it creates a provider package with.
import type { MemberInfo } from "@model-pool/core"
import { parseMemberId } from "./member-id.ts"

/** A model's price in dollars per million tokens, as OpenCode's provider list gives it. */
export interface Price {
  input: number
  output: number
  cache?: { read?: number; write?: number }
  /** The price above 200,000 input tokens, where the catalog has one. */
  experimentalOver200K?: Omit<Price, "experimentalOver200K" | "tiers">
  /** Context tiers: the price above `tier.size` input tokens. */
  tiers?: ({ tier: { type: string; size: number } } & Omit<Price, "experimentalOver200K" | "tiers">)[]
}

/** A model of OpenCode's provider list. */
export interface ModelInfo {
  api: { id: string; url?: string }
  headers?: Record<string, string>
  cost?: Price
  limit?: { context: number; output: number }
  capabilities?: {
    reasoning?: boolean
    temperature?: boolean
    toolcall?: boolean
    input?: Record<string, boolean>
  }
  release_date?: string
  options?: Record<string, unknown>
  variants?: Record<string, Record<string, unknown>>
}

/** What OpenCode knows of a provider: its resolved credentials and options, and its models' catalog data. */
export interface ProviderInfo {
  key?: string
  /** Where OpenCode found the provider's credentials: `env`, `api` (auth.json), `config`, `custom`. */
  source?: string
  /** The environment variables the catalog reads the provider's key from. */
  env?: string[]
  options: Record<string, unknown>
  models: Record<string, ModelInfo>
}

/** A member's model as OpenCode's provider list gives it, with the options of its provider. */
export interface KnownModel {
  model: ModelInfo
  providerOptions: Record<string, unknown>
}

/** A member's model in OpenCode's provider list, with its provider's options, if the list has it. */
export function modelIn(
  providers: ReadonlyMap<string, ProviderInfo> | undefined,
  member: string,
): KnownModel | undefined {
  const { providerID, modelID } = parseMemberId(member)
  const provider = providers?.get(providerID)
  const model = provider?.models[modelID]
  return model ? { model, providerOptions: provider?.options ?? {} } : undefined
}

/**
 * What the core's decisions read of a model: its price, its window and output limit, the input kinds beyond text
 * it reads, and whether it calls tools. A limit of 0 is OpenCode's "unknown".
 */
export function memberInfo(model: ModelInfo | undefined): MemberInfo | undefined {
  if (!model) return undefined
  const input = model.capabilities?.input
  const toolCall = model.capabilities?.toolcall
  return {
    cost: model.cost,
    contextWindow: model.limit?.context || undefined,
    outputLimit: model.limit?.output || undefined,
    ...(input === undefined
      ? {}
      : { input: Object.keys(input).filter((kind) => kind !== "text" && input[kind] === true) }),
    ...(toolCall === undefined ? {} : { toolCall }),
  }
}

/** Settings a provider package is created with: what OpenCode passes to a provider's `create` function. */
export interface ProviderSettings {
  baseURL?: string
  apiKey?: string
  headers?: Record<string, string>
  fetch?: typeof fetch
  [option: string]: unknown
}

/** The API of a provider OpenCode asks a model from: its per-provider loaders pick `chat` or `responses`. */
export type ModelApi = "languageModel" | "chat" | "responses"
