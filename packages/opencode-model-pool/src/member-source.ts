import { closest } from "./config/parse.ts"
import type { Notice, ProviderInfo } from "./runtime.ts"

/** The provider packages the plugin can build members with: the ones OpenCode 1.18.33 bundles, same releases. */
export const SUPPORTED_NPM = [
  "@ai-sdk/openai-compatible",
  "@ai-sdk/openai",
  "@ai-sdk/anthropic",
  "@ai-sdk/google",
  "@openrouter/ai-sdk-provider",
  "@ai-sdk/azure",
  "@ai-sdk/amazon-bedrock",
  "@ai-sdk/google-vertex",
  "@ai-sdk/google-vertex/anthropic",
  "@ai-sdk/xai",
  "@ai-sdk/mistral",
  "@ai-sdk/groq",
  "@ai-sdk/deepinfra",
  "@ai-sdk/cerebras",
  "@ai-sdk/cohere",
  "@ai-sdk/togetherai",
  "@ai-sdk/perplexity",
  "@ai-sdk/gateway",
  "@ai-sdk/vercel",
  "@ai-sdk/alibaba",
  "venice-ai-sdk-provider",
] as const

export type SupportedNpm = (typeof SUPPORTED_NPM)[number]

/**
 * Packages OpenCode uses that cannot be pool members, and why: the start-up report and the doctor give the reason
 * for each member on one of them.
 */
export const UNSUPPORTED_NPM: Record<string, string> = {
  "@ai-sdk/github-copilot":
    "OpenCode's own Copilot client is not published on npm, and its login lives in OpenCode's built-in Copilot plugin, which other plugins cannot reach",
  "ai-gateway-provider":
    "OpenCode builds Cloudflare AI Gateway models in its own loader, which ignores the provider's package, so the pool cannot route them",
  "@ai-sdk/amazon-bedrock/mantle":
    "OpenCode builds Bedrock Mantle models in its own loader, which the pool cannot route",
  "gitlab-ai-provider": "its release bundled in OpenCode 1.18.33 is not published for AI SDK 6",
}

// The package OpenCode's catalog uses for a provider when the config names none. Catalog providers not listed
// here speak the OpenAI chat format through openai-compatible.
const CATALOG_NPM: Record<string, string> = {
  openai: "@ai-sdk/openai",
  anthropic: "@ai-sdk/anthropic",
  google: "@ai-sdk/google",
  openrouter: "@openrouter/ai-sdk-provider",
  "amazon-bedrock": "@ai-sdk/amazon-bedrock",
  azure: "@ai-sdk/azure",
  "google-vertex": "@ai-sdk/google-vertex",
  "google-vertex-anthropic": "@ai-sdk/google-vertex/anthropic",
  "github-copilot": "@ai-sdk/github-copilot",
  "cloudflare-ai-gateway": "ai-gateway-provider",
  xai: "@ai-sdk/xai",
  mistral: "@ai-sdk/mistral",
  groq: "@ai-sdk/groq",
  deepinfra: "@ai-sdk/deepinfra",
  cerebras: "@ai-sdk/cerebras",
  cohere: "@ai-sdk/cohere",
  togetherai: "@ai-sdk/togetherai",
  perplexity: "@ai-sdk/perplexity",
  vercel: "@ai-sdk/gateway",
  v0: "@ai-sdk/vercel",
  alibaba: "@ai-sdk/alibaba",
  gitlab: "gitlab-ai-provider",
  venice: "venice-ai-sdk-provider",
}

/**
 * What the user's config says of a member, read before the plugin routes it (routing gives every member's provider
 * and model an entry of their own).
 */
export type Declared =
  /** The provider's entry lists the model. */
  | "model"
  /** The provider has an entry whose `models` map does not list the model. */
  | "models"
  /** The provider has an entry without a `models` map, or is an auth profile. */
  | "provider"
  /** The config has no entry for the provider. */
  | "none"

/** Where a pool member lives and which package speaks its wire format. */
export interface MemberSource {
  member: string
  providerID: string
  /** The model's key in OpenCode's config and catalog. */
  modelID: string
  /** The id sent to the provider: the config's `id` for the model when it has one. */
  apiID: string
  npm: SupportedNpm
  /** What the config said of the member before routing; unset counts as listed. */
  declared?: Declared
  /** The keys that name the member (`agent.build.fallbacks[0]`), for what is told about it. */
  paths?: string[]
}

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

function isSupported(npm: string): npm is SupportedNpm {
  return (SUPPORTED_NPM as readonly string[]).includes(npm)
}

/**
 * Finds the package a member is built with, as OpenCode would choose it: the model's own `provider.npm`, then
 * the provider's `npm`, then the catalog default for well-known providers, then openai-compatible. A provider
 * that is an auth profile of another uses that provider's package.
 */
export function memberSource(
  member: string,
  providers: Record<string, ProviderConfig | undefined>,
  profiles: Record<string, string> = {},
): MemberSource | { error: string } {
  const slash = member.indexOf("/")
  const providerID = member.slice(0, slash)
  const modelID = member.slice(slash + 1)
  const provider = providers[providerID]
  const npm =
    provider?.models?.[modelID]?.provider?.npm ??
    provider?.npm ??
    providers[profiles[providerID] ?? ""]?.npm ??
    CATALOG_NPM[profiles[providerID] ?? providerID] ??
    "@ai-sdk/openai-compatible"
  if (npm.startsWith("file://")) return { error: `${member} already uses a custom provider module (${npm})` }
  const why = UNSUPPORTED_NPM[npm]
  if (why !== undefined) return { error: `${member} uses ${npm}, which cannot be a pool member: ${why}` }
  if (!isSupported(npm))
    return { error: `${member} uses ${npm}, which the pool cannot build (supported: ${SUPPORTED_NPM.join(", ")})` }
  const declared = declaredOf(provider, modelID, profiles[providerID] !== undefined)
  return { member, providerID, modelID, apiID: provider?.models?.[modelID]?.id ?? modelID, npm, declared }
}

function declaredOf(provider: ProviderConfig | undefined, modelID: string, profile: boolean): Declared {
  if (provider === undefined) return profile ? "provider" : "none"
  if (provider.models?.[modelID] !== undefined) return "model"
  return provider.models === undefined ? "provider" : "models"
}

// The key each package reads its provider options from, as OpenCode keys them; openai-compatible hosts read
// theirs under the provider's ID.
const OPTIONS_KEY: Partial<Record<SupportedNpm, string>> = {
  "@ai-sdk/openai": "openai",
  "@ai-sdk/anthropic": "anthropic",
  "@ai-sdk/google": "google",
  "@openrouter/ai-sdk-provider": "openrouter",
  "@ai-sdk/azure": "azure",
  "@ai-sdk/amazon-bedrock": "bedrock",
  "@ai-sdk/google-vertex": "vertex",
  "@ai-sdk/google-vertex/anthropic": "anthropic",
  "@ai-sdk/xai": "xai",
  "@ai-sdk/mistral": "mistral",
  "@ai-sdk/groq": "groq",
  "@ai-sdk/deepinfra": "deepinfra",
  "@ai-sdk/cerebras": "cerebras",
  "@ai-sdk/cohere": "cohere",
  "@ai-sdk/togetherai": "togetherai",
  "@ai-sdk/perplexity": "perplexity",
  "@ai-sdk/gateway": "gateway",
  "@ai-sdk/vercel": "vercel",
  "@ai-sdk/alibaba": "alibaba",
  "venice-ai-sdk-provider": "venice",
}

/** The key under which a package reads its provider options, as OpenCode keys them. */
export function optionsKey(npm: SupportedNpm, providerID: string): string {
  return OPTIONS_KEY[npm] ?? providerID
}

/** A member OpenCode cannot build as the user meant it. */
export interface Misplaced {
  /**
   * `provider`: OpenCode knows no such provider, so no call to the member can be sent; `model`: neither the config
   * nor OpenCode's catalog lists the model, which is sent as written all the same.
   */
  kind: "provider" | "model"
  /** What is wrong, without the member's keys: `no provider "zz" is configured or known to OpenCode`. */
  reason: string
}

/** What the check reads of OpenCode's provider list. */
type Offered = Pick<ProviderInfo, "env" | "models">

/**
 * Checks a member against OpenCode's provider list, which also holds what the plugin's routing added: an entry for
 * each member's provider and model. So a provider the config does not define is known to OpenCode only when OpenCode
 * has more of it than the routing added (its catalog's key variables, or other models), and a model the config does
 * not list is in the catalog only when OpenCode filled in what the catalog says of it (a release date or a context
 * window). A custom provider without a `models` map lists nothing: its members are not judged. Undefined when the
 * member is fine, or when the list is empty (OpenCode did not answer).
 */
export function misplaced(
  source: MemberSource,
  known: ReadonlyMap<string, Offered>,
  sources: ReadonlyMap<string, MemberSource>,
): Misplaced | undefined {
  const declared = source.declared ?? "model"
  if (declared === "model" || known.size === 0) return undefined
  const { providerID, modelID } = source
  const info = known.get(providerID)
  if (!info)
    return {
      kind: "provider",
      reason:
        declared === "none"
          ? `no provider "${providerID}" is configured or known to OpenCode`
          : `OpenCode does not offer provider "${providerID}" (is it in disabled_providers, or missing from enabled_providers?)`,
    }
  // A model entry only the routing gave is filled in when the catalog has the model.
  const filled = (model: Offered["models"][string] | undefined) => Boolean(model?.release_date || model?.limit?.context)
  const added = (id: string) => (sources.get(`${providerID}/${id}`)?.declared ?? "model") !== "model"
  const own = Object.entries(info.models)
    .filter(([id, model]) => !added(id) || filled(model))
    .map(([id]) => id)
  const catalog = (info.env?.length ?? 0) > 0 || own.length > 0
  if (declared === "none" && !catalog)
    return { kind: "provider", reason: `no provider "${providerID}" is configured or known to OpenCode` }
  if (filled(info.models[modelID]) || (declared === "provider" && !catalog)) return undefined
  const guess = closest(modelID, own)
  const hint = guess === undefined ? "" : ` (did you mean "${providerID}/${guess}"?)`
  const where =
    declared === "models" && (info.env?.length ?? 0) === 0
      ? `provider.${providerID}.models in the config has no "${modelID}"`
      : `OpenCode's catalog has no model "${modelID}" for provider "${providerID}", and the config does not list it`
  return { kind: "model", reason: `${where}${hint}` }
}

/**
 * What to tell at start-up about members OpenCode cannot place, one notice per member naming every key that names
 * it: a provider OpenCode does not know (its pools' calls leave it out), a model nobody lists (the member
 * is tried as written).
 */
export function misplacedNotices(
  sources: ReadonlyMap<string, MemberSource>,
  known: ReadonlyMap<string, Offered>,
): Notice[] {
  return [...sources.values()].flatMap((source): Notice[] => {
    const found = misplaced(source, known, sources)
    if (!found) return []
    const where = source.paths?.length ? `${source.paths.join(", ")}: ` : ""
    const next =
      found.kind === "provider" ? "the pool leaves it out of its calls" : "the pool still sends it as written"
    return [
      {
        level: found.kind === "provider" ? "error" : "warn",
        message: `${where}${JSON.stringify(source.member)}: ${found.reason}; ${next}`,
        toast: true,
      },
    ]
  })
}
