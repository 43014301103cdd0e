import type { LanguageModelV3 } from "@ai-sdk/provider"
import type { ModelApi, ProviderSettings } from "../host/provider-info.ts"
import type { SupportedNpm } from "../host/provider-packages.ts"
import { PackageNotLoadedError } from "./errors.ts"
import { patchedFetch, patchedOnWire, withPatchedWire } from "./package-patches.ts"
import { withStockRawChunks } from "./raw-chunks.ts"
import { tracedFetch, tracedModel } from "./trace.ts"

/** What every provider package's `create` function returns, as far as the pool uses it. */
interface ProviderLike {
  languageModel(id: string): LanguageModelV3
  chat?: (id: string) => LanguageModelV3
  responses?: (id: string) => LanguageModelV3
}

type ProviderFactory = (settings: ProviderSettings) => ProviderLike

// The `create` function of each package, loaded only when a pool member uses it: one that no member needs costs
// no memory. Each is the same release OpenCode 1.18.33 bundles (see package.json).
const FACTORIES = {
  "@ai-sdk/openai-compatible": () =>
    import("@ai-sdk/openai-compatible").then((module) => module.createOpenAICompatible),
  "@ai-sdk/openai": () => import("@ai-sdk/openai").then((module) => module.createOpenAI),
  "@ai-sdk/anthropic": () => import("@ai-sdk/anthropic").then((module) => module.createAnthropic),
  "@ai-sdk/google": () => import("@ai-sdk/google").then((module) => module.createGoogleGenerativeAI),
  "@openrouter/ai-sdk-provider": () => import("@openrouter/ai-sdk-provider").then((module) => module.createOpenRouter),
  "@ai-sdk/azure": () => import("@ai-sdk/azure").then((module) => module.createAzure),
  "@ai-sdk/amazon-bedrock": () => import("@ai-sdk/amazon-bedrock").then((module) => module.createAmazonBedrock),
  "@ai-sdk/google-vertex": () => import("@ai-sdk/google-vertex").then((module) => module.createVertex),
  "@ai-sdk/google-vertex/anthropic": () =>
    import("@ai-sdk/google-vertex/anthropic").then((module) => module.createVertexAnthropic),
  "@ai-sdk/xai": () => import("@ai-sdk/xai").then((module) => module.createXai),
  "@ai-sdk/mistral": () => import("@ai-sdk/mistral").then((module) => module.createMistral),
  "@ai-sdk/groq": () => import("@ai-sdk/groq").then((module) => module.createGroq),
  "@ai-sdk/deepinfra": () => import("@ai-sdk/deepinfra").then((module) => module.createDeepInfra),
  "@ai-sdk/cerebras": () => import("@ai-sdk/cerebras").then((module) => module.createCerebras),
  "@ai-sdk/cohere": () => import("@ai-sdk/cohere").then((module) => module.createCohere),
  "@ai-sdk/togetherai": () => import("@ai-sdk/togetherai").then((module) => module.createTogetherAI),
  "@ai-sdk/perplexity": () => import("@ai-sdk/perplexity").then((module) => module.createPerplexity),
  "@ai-sdk/gateway": () => import("@ai-sdk/gateway").then((module) => module.createGateway),
  "@ai-sdk/vercel": () => import("@ai-sdk/vercel").then((module) => module.createVercel),
  "@ai-sdk/alibaba": () => import("@ai-sdk/alibaba").then((module) => module.createAlibaba),
  "venice-ai-sdk-provider": () => import("venice-ai-sdk-provider").then((module) => module.createVenice),
} satisfies Record<SupportedNpm, () => Promise<unknown>>

// Kept on the global object, as the runtime is: OpenCode may load the plugin and its model module separately.
// `started`: the first start-up is over (the wanted packages were asked for), so packages load as soon as wanted.
const PACKAGES = Symbol.for("opencode-model-pool.provider-packages")
const registry: { loaded: Map<SupportedNpm, ProviderFactory>; wanted: Set<SupportedNpm>; started: boolean } = ((
  globalThis as Record<symbol, typeof registry>
)[PACKAGES] ??= { loaded: new Map(), wanted: new Set(), started: false })
const loaded = registry.loaded

/** Loads the given provider packages (each once per process), so members can then be built at once. */
export async function loadProviderPackages(npms: Iterable<SupportedNpm>): Promise<void> {
  await Promise.all(
    [...new Set(npms)].map(async (npm) => {
      // Each package types its own settings; all of them take what OpenCode passes (ProviderSettings).
      if (!loaded.has(npm)) loaded.set(npm, (await FACTORIES[npm]()) as unknown as ProviderFactory)
    }),
  )
}

/**
 * Notes packages that members will be built with. During OpenCode's first start-up they load later, off its path
 * (`loadWantedPackages`, at the first event or when the model module is imported). After it, a config read for
 * another directory or read again may want a package nobody loaded, and the model module will not wait for it a
 * second time: those load at once, and the returned promise settles when they have.
 */
export async function wantProviderPackages(npms: Iterable<SupportedNpm>): Promise<void> {
  const wanted = [...npms]
  for (const npm of wanted) registry.wanted.add(npm)
  if (registry.started) await loadProviderPackages(wanted)
}

/** The packages noted as wanted, in the order they were noted. */
export function wantedProviderPackages(): SupportedNpm[] {
  return [...registry.wanted]
}

/** Loads every package noted as wanted that is not loaded yet; from now on, wanted packages load at once. */
export function loadWantedPackages(): Promise<void> {
  registry.started = true
  return loadProviderPackages(registry.wanted)
}

/** The settings a package is created with, as OpenCode creates it: `create({ name: providerID, ...options })`. */
function createSettings(npm: SupportedNpm, providerID: string, settings: ProviderSettings): ProviderSettings {
  // The OpenRouter package takes no name.
  if (npm === "@openrouter/ai-sdk-provider") return settings
  // OpenCode asks openai-compatible hosts for usage in streams unless told not to.
  if (npm === "@ai-sdk/openai-compatible")
    return {
      ...settings,
      name: providerID,
      baseURL: settings.baseURL ?? "",
      includeUsage: settings.includeUsage !== false,
    }
  return { ...settings, name: providerID }
}

/**
 * Builds one model with the package OpenCode would use for it, created the way OpenCode creates it, through the
 * API OpenCode would ask for, so the requests on the wire are the ones stock OpenCode sends. The package must
 * have been loaded.
 */
export function buildModel(
  npm: SupportedNpm,
  providerID: string,
  apiModelID: string,
  settings: ProviderSettings,
  api: ModelApi = "languageModel",
): LanguageModelV3 {
  const factory = loaded.get(npm)
  if (!factory) throw new PackageNotLoadedError(npm)
  const patched = patchedOnWire(npm, api)
  const name = `${providerID}/${apiModelID}`
  const created = createSettings(npm, providerID, settings)
  const fetch = tracedFetch(name, patched ? patchedFetch(npm, created.fetch) : created.fetch)
  const provider = factory(fetch === created.fetch ? created : { ...created, fetch })
  const pick = api === "languageModel" ? undefined : provider[api]
  const model = pick ? pick.call(provider, apiModelID) : provider.languageModel(apiModelID)
  return tracedModel(name, withStockRawChunks(npm, providerID, patched ? withPatchedWire(npm, model) : model))
}
