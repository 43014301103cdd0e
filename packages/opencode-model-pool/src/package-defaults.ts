import type { JSONObject, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { SupportedNpm } from "./member-source.ts"

/** What the defaults depend on: the member's package, its id at the provider, and whether it reasons. */
export interface MemberTraits {
  npm: SupportedNpm
  apiID: string
  reasoning: boolean
}

const SESSION_HEADERS = ["x-session-affinity", "X-Session-Id"]

function sessionOf(options: LanguageModelV3CallOptions): string | undefined {
  const headers = options.headers ?? {}
  return SESSION_HEADERS.map((name) => headers[name]).find((value) => typeof value === "string")
}

/** GPT-5 reasoning models (not the chat or pro variants) get reasoning summaries from OpenCode. */
function summarises(apiID: string): boolean {
  return apiID.includes("gpt-5") && !apiID.includes("gpt-5-chat") && !apiID.includes("gpt-5-pro")
}

/** The provider options OpenCode 1.18 adds for a package, as its own values under the package's key. */
function defaultsFor(traits: MemberTraits, options: LanguageModelV3CallOptions): JSONObject {
  switch (traits.npm) {
    case "@ai-sdk/openai": {
      const session = sessionOf(options)
      return {
        ...(session ? { promptCacheKey: session } : {}),
        ...(summarises(traits.apiID) ? { reasoningSummary: "auto" } : {}),
      }
    }
    case "@ai-sdk/google":
      return traits.reasoning ? { thinkingConfig: { includeThoughts: true } } : {}
    case "@openrouter/ai-sdk-provider":
      return { usage: { include: true } }
    default:
      return {}
  }
}

/**
 * OpenCode derives a few request options from a model's package name. It sees the pool module's `file://` name
 * for members routed through it, so this puts back what it would have added for the member's real package,
 * never overriding a value the call already has. The end-to-end tests compare the result with the requests of
 * stock OpenCode for each package.
 */
export function withPackageDefaults(
  traits: MemberTraits,
  key: string,
  options: LanguageModelV3CallOptions,
): LanguageModelV3CallOptions {
  const defaults = defaultsFor(traits, options)
  const own = options.providerOptions?.[key] ?? {}
  const providerOptions = { ...options.providerOptions, [key]: { ...defaults, ...own } }
  // OpenCode relaxes strict tool schemas for OpenAI's Responses API.
  if (traits.npm !== "@ai-sdk/openai") return { ...options, providerOptions }
  const tools = options.tools?.map((tool) => (tool.type === "function" ? { ...tool, strict: false } : tool))
  return { ...options, providerOptions, ...(tools ? { tools } : {}) }
}
