// Facts OpenCode 1.18.33 derives from a model's id. Each rule was read from the bundled
// `ProviderTransform` and confirmed by diffing its requests (see specs/plugin.md, "Shaping a call").

const lower = (id: string) => id.toLowerCase()

/** Claude ids: OpenCode keeps tool-call ids to `[a-zA-Z0-9_-]` for them, and caches their prompts. */
export const isClaude = (id: string) => id.includes("claude")

/** Gemini 1.x and 2.x ids (they take thinking budgets, not thinking levels). */
export const isGeminiOneOrTwo = (id: string) => /gemini-(?:(?:flash|pro)-)?[12](?:[.-]|$)/i.test(id)

/** Gemini 2.5 ids (budget-based thinking variants). */
export const isGemini25 = (id: string) => /gemini-2[.-]5(?:[.-]|$)/i.test(id)

/** Gemini ids OpenCode gives its sampling defaults (temperature 1, topP 0.95, topK 64). */
const GEMINI_SAMPLED = [
  /gemini-2[.-]5(?:[.-]|$)/i,
  /gemini-3-(?:flash|pro)(?:[.-]|$)/,
  /gemini-3[.-]1(?:[.-]|$)/,
  /gemini-3[.-]5-flash(?!-lite)(?:[.-]|$)/,
]
const geminiSampled = (id: string) => GEMINI_SAMPLED.some((pattern) => pattern.test(id))

/** Kimi or Moonshot, by provider, id or host. */
export function isKimi(providerID: string, apiID: string, url = ""): boolean {
  if ([providerID, apiID].some((value) => lower(value).includes("kimi") || lower(value).includes("moonshot")))
    return true
  return ["api.kimi.com", "api.moonshot.ai", "api.moonshot.cn", "api.moonshotai.cn"].some((host) =>
    lower(url).includes(host),
  )
}

/** Mistral models: short tool-call ids, and an assistant turn between a tool result and a user message. */
export function isMistral(providerID: string, apiID: string): boolean {
  if (providerID === "mistral") return true
  return ["mistral", "devstral", "codestral", "pixtral", "mixtral"].some((name) => lower(apiID).includes(name))
}

/** OpenCode's default temperature for a model id, when it has one. */
export function defaultTemperature(apiID: string): number | undefined {
  const id = lower(apiID)
  if (id.includes("north-mini-code")) return 1
  if (id.includes("claude")) return undefined
  if (id.includes("gemini")) return geminiSampled(id) ? 1 : undefined
  if (["glm-4.6", "glm-4.7", "minimax-m2"].some((name) => id.includes(name))) return 1
  if (id.includes("kimi-k2")) return ["thinking", "k2.", "k2p", "k2-5"].some((name) => id.includes(name)) ? 1 : 0.6
  return undefined
}

/** OpenCode's default topP for a model. */
export function defaultTopP(apiID: string, providerID: string): number | undefined {
  const id = lower(apiID)
  if (id.includes("gemini")) return geminiSampled(id) ? 0.95 : undefined
  if (["minimax-m2", "kimi-k2.5", "kimi-k2p5", "kimi-k2-5"].some((name) => id.includes(name))) return 0.95
  if (["deepseek-v4-flash-0731", "deepseek-v4-flash:0731"].some((name) => id.includes(name))) return 0.95
  if (id.includes("deepseek-v4-flash") && (providerID === "deepseek" || providerID.startsWith("opencode"))) return 0.95
  return undefined
}

/** OpenCode's default topK for a model id. */
export function defaultTopK(apiID: string): number | undefined {
  const id = lower(apiID)
  if (id.includes("minimax-m2")) return ["m2.", "m25", "m21"].some((name) => id.includes(name)) ? 40 : 20
  if (id.includes("gemini")) return geminiSampled(id) ? 64 : undefined
  return undefined
}

/** Claude generations from 5.1 on bind thinking blocks (Mythos 5.1 aside). */
export function bindsThinkingBlocks(apiID: string): boolean {
  const match = /claude-(?:([a-z]+)-)?(\d+)(?:[.-](\d{1,2}))?(?:-([a-z]+))?(?:[.@-]|$)/i.exec(apiID)
  if (!match) return false
  const major = Number(match[2])
  const minor = Number(match[3] ?? 0)
  if (major === 5 && minor === 1 && (match[1] ?? match[4])?.toLowerCase() === "mythos") return false
  return major > 5 || (major === 5 && minor >= 1)
}

/** Claude generations with summarised adaptive thinking (4.7 and later). */
export function summarisesThinking(apiID: string): boolean {
  if (!lower(apiID).includes("claude-")) return false
  const match = /claude-(?:[a-z]+-)?(\d+)(?:[.-](\d{1,2}))?(?:[.@-]|$)/i.exec(apiID)
  if (!match) return true
  const major = Number(match[1])
  const minor = Number(match[2] ?? 0)
  return major > 4 || (major === 4 && minor >= 7)
}

/** The effort levels of Claude models with adaptive thinking, or undefined for budget-based ones. */
export function adaptiveEfforts(apiID: string): string[] | undefined {
  if (summarisesThinking(apiID)) return ["low", "medium", "high", "xhigh", "max"]
  const fourSix = ["opus-4-6", "opus-4.6", "4-6-opus", "4.6-opus", "sonnet-4-6", "sonnet-4.6", "4-6-sonnet"]
  if ([...fourSix, "4.6-sonnet"].some((name) => apiID.includes(name))) return ["low", "medium", "high", "max"]
  return undefined
}

export const isOpus45 = (apiID: string) => ["opus-4-5", "opus-4.5"].some((name) => apiID.includes(name))
