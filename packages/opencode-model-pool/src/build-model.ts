import type { LanguageModelV3 } from "@ai-sdk/provider"
import type { SupportedNpm } from "./member-source.ts"

// Each provider package is loaded only when a pool member uses it: one that no member needs costs no memory.
const PACKAGES = {
  "@ai-sdk/openai-compatible": () => import("@ai-sdk/openai-compatible"),
  "@ai-sdk/openai": () => import("@ai-sdk/openai"),
  "@ai-sdk/anthropic": () => import("@ai-sdk/anthropic"),
  "@ai-sdk/google": () => import("@ai-sdk/google"),
  "@openrouter/ai-sdk-provider": () => import("@openrouter/ai-sdk-provider"),
} satisfies Record<SupportedNpm, () => Promise<unknown>>

type Loaded = { [npm in SupportedNpm]?: Awaited<ReturnType<(typeof PACKAGES)[npm]>> }
// Kept on the global object, as the runtime is: OpenCode may load the plugin and its model module separately.
const LOADED = Symbol.for("opencode-model-pool.provider-packages")
const loaded: Loaded = ((globalThis as Record<symbol, Loaded | undefined>)[LOADED] ??= {})

/** Loads the given provider packages (each once per process), so members can then be built at once. */
export async function loadProviderPackages(npms: Iterable<SupportedNpm>): Promise<void> {
  await Promise.all(
    [...new Set(npms)].map(async (npm) => {
      // One assignment per package keeps each module's type tied to its name.
      if (npm === "@ai-sdk/openai-compatible") loaded[npm] ??= await PACKAGES[npm]()
      else if (npm === "@ai-sdk/openai") loaded[npm] ??= await PACKAGES[npm]()
      else if (npm === "@ai-sdk/anthropic") loaded[npm] ??= await PACKAGES[npm]()
      else if (npm === "@ai-sdk/google") loaded[npm] ??= await PACKAGES[npm]()
      else loaded[npm] ??= await PACKAGES[npm]()
    }),
  )
}

function packageOf<Npm extends SupportedNpm>(npm: Npm): NonNullable<Loaded[Npm]> {
  const module = loaded[npm]
  if (!module) throw new Error(`opencode-model-pool: ${npm} is used before it was loaded (loadProviderPackages)`)
  return module
}

/** Settings a provider package is created with: what OpenCode passes to a provider's `create` function. */
export interface ProviderSettings {
  baseURL?: string
  apiKey?: string
  headers?: Record<string, string>
  fetch?: typeof fetch
  [option: string]: unknown
}

/**
 * Builds one model with the package OpenCode would use for it, created the way OpenCode creates it, so the
 * requests on the wire are the ones stock OpenCode sends. The package must have been loaded.
 */
export function buildModel(
  npm: SupportedNpm,
  providerID: string,
  apiModelID: string,
  settings: ProviderSettings,
): LanguageModelV3 {
  switch (npm) {
    case "@ai-sdk/openai-compatible":
      // OpenCode asks openai-compatible hosts for usage in streams unless told not to.
      return packageOf(npm)
        .createOpenAICompatible({
          ...settings,
          name: providerID,
          baseURL: settings.baseURL ?? "",
          includeUsage: settings.includeUsage !== false,
        })
        .languageModel(apiModelID)
    case "@ai-sdk/openai":
      return packageOf(npm)
        .createOpenAI({ ...settings, name: providerID })
        .languageModel(apiModelID)
    case "@ai-sdk/anthropic":
      return packageOf(npm)
        .createAnthropic({ ...settings, name: providerID })
        .languageModel(apiModelID)
    case "@ai-sdk/google":
      return packageOf(npm)
        .createGoogleGenerativeAI({ ...settings, name: providerID })
        .languageModel(apiModelID)
    case "@openrouter/ai-sdk-provider":
      return packageOf(npm)
        .createOpenRouter({ ...settings })
        .languageModel(apiModelID)
  }
}
