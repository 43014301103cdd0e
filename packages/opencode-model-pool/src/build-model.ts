import { createAnthropic } from "@ai-sdk/anthropic"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createOpenAI } from "@ai-sdk/openai"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import type { LanguageModelV3 } from "@ai-sdk/provider"
import { createOpenRouter } from "@openrouter/ai-sdk-provider"
import type { SupportedNpm } from "./member-source.ts"

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
 * requests on the wire are the ones stock OpenCode sends.
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
      return createOpenAICompatible({
        ...settings,
        name: providerID,
        baseURL: settings.baseURL ?? "",
        includeUsage: settings.includeUsage !== false,
      }).languageModel(apiModelID)
    case "@ai-sdk/openai":
      return createOpenAI({ ...settings, name: providerID }).languageModel(apiModelID)
    case "@ai-sdk/anthropic":
      return createAnthropic({ ...settings, name: providerID }).languageModel(apiModelID)
    case "@ai-sdk/google":
      return createGoogleGenerativeAI({ ...settings, name: providerID }).languageModel(apiModelID)
    case "@openrouter/ai-sdk-provider":
      return createOpenRouter({ ...settings }).languageModel(apiModelID)
  }
}
