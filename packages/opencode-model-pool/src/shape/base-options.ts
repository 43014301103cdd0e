import { isClaude, isGeminiOneOrTwo, isKimi } from "./model-family.ts"
import { ENCRYPTED_REASONING, type MemberModel, type Options } from "./member-model.ts"
import { speaksAnthropic, speaksGemini, speaksResponses } from "./packages.ts"

/** Packages OpenCode asks not to store the conversation. */
const UNSTORED = ["@ai-sdk/openai", "@ai-sdk/azure", "@ai-sdk/xai"]

/** Packages that take the session as `promptCacheKey`; DeepInfra and Cerebras take it as `prompt_cache_key`. */
const CACHE_KEYED = ["@ai-sdk/openai", "@ai-sdk/azure", "@ai-sdk/xai", "@ai-sdk/mistral", "venice-ai-sdk-provider"]
const SNAKE_CACHE_KEYED = ["@ai-sdk/deepinfra", "@ai-sdk/cerebras"]

/** GPT 5.5 and later choose their own effort on Azure's completion URLs. */
function choosesOwnEffort(apiID: string): boolean {
  const match = /gpt-(\d+)\.(\d+)/.exec(apiID)
  const major = Number(match?.[1])
  return major > 5 || (major === 5 && Number(match?.[2]) >= 5)
}

/** The GPT-5 defaults: medium effort (Pro and chat models aside), summaries and replayable reasoning for OpenAI. */
function gpt5Options(model: MemberModel, options: Options, sessionID: string | undefined): void {
  const apiID = model.apiID
  if (!apiID.includes("gpt-5") || apiID.includes("gpt-5-chat")) return
  if (!apiID.includes("gpt-5-pro")) {
    options.reasoningEffort = "medium"
    if (speaksResponses(model.npm)) options.reasoningSummary = "auto"
    if (model.npm === "@ai-sdk/openai") options.include = ENCRYPTED_REASONING
  }
  if (
    apiID.includes("gpt-5.") &&
    !apiID.includes("codex") &&
    !apiID.includes("-chat") &&
    model.npm === "@ai-sdk/openai"
  )
    options.textVerbosity = "low"
  if (model.providerID.startsWith("opencode") && model.providerOptions.setCacheKey !== false) {
    options.promptCacheKey = sessionID
    options.include = ENCRYPTED_REASONING
    options.reasoningSummary = "auto"
  }
}

/** The options OpenCode 1.18.33 starts every call of a model with, before the config's layers. */
export function baseOptions(model: MemberModel, sessionID: string | undefined): Options {
  const id = model.apiID.toLowerCase()
  const options: Options = {}
  if (model.npm === "@ai-sdk/google-vertex/anthropic" || (model.npm === "@ai-sdk/anthropic" && !isClaude(model.apiID)))
    options.toolStreaming = false
  if (model.providerID === "openai" || UNSTORED.includes(model.npm)) options.store = false
  if (model.npm === "@openrouter/ai-sdk-provider") {
    options.usage = { include: true }
    if (id.includes("gemini") && !isGeminiOneOrTwo(model.apiID)) options.reasoning = { effort: "high" }
  }
  if (
    model.providerID === "baseten" ||
    (model.providerID === "opencode" && ["kimi-k2-thinking", "glm-4.6"].includes(model.apiID))
  )
    options.chat_template_args = { enable_thinking: true }
  if (["zai", "zhipuai"].some((name) => model.providerID.includes(name)) && model.npm === "@ai-sdk/openai-compatible")
    options.thinking = { type: "enabled", clear_thinking: false }
  if (model.providerID === "meta" && model.npm === "@ai-sdk/openai") {
    options.reasoningSummary = "auto"
    options.include = ENCRYPTED_REASONING
  }
  if (speaksGemini(model.npm) && model.reasoning)
    options.thinkingConfig = isGeminiOneOrTwo(model.apiID)
      ? { includeThoughts: true }
      : { includeThoughts: true, thinkingLevel: "high" }
  if (id.includes("minimax-m3") && model.npm === "@ai-sdk/anthropic") options.thinking = { type: "adaptive" }
  if (speaksAnthropic(model.npm) && isKimi(model.providerID, model.apiID) && model.reasoning) {
    options.thinking = { type: "adaptive", display: "summarized" }
    options.effort = "high"
  }
  if (
    model.providerID === "alibaba-cn" &&
    model.reasoning &&
    model.npm === "@ai-sdk/openai-compatible" &&
    !id.includes("kimi-k2-thinking")
  )
    options.enable_thinking = true
  const cacheKey = model.providerOptions.setCacheKey
  if (cacheKey !== false && SNAKE_CACHE_KEYED.includes(model.npm)) options.prompt_cache_key = sessionID
  else if (cacheKey !== false && (CACHE_KEYED.includes(model.npm) || cacheKey === true))
    options.promptCacheKey = sessionID
  if (model.npm === "@ai-sdk/gateway") options.gateway = { caching: "auto" }
  // Azure's chat-completions URLs take none of the GPT-5 Responses defaults, only an effort.
  if (model.npm === "@ai-sdk/azure" && model.providerOptions.useCompletionUrls) {
    if (!choosesOwnEffort(model.apiID)) options.reasoningEffort = "medium"
    return options
  }
  gpt5Options(model, options, sessionID)
  return options
}
