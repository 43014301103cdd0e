import type { Evidence } from "./evidence.ts"
import { MISSING_MODEL_CODES } from "./vendor-codes.ts"

// OpenRouter's "No endpoints found for <model>." is a passing outage of every provider of the model, not a missing
// model: it must not cool the member for long.
const NO_ENDPOINTS = /no endpoints found/i

// One vendor per line; matched only on 400, 404 or a stream error part without a status.
const MISSING_MODEL_PATTERNS: readonly RegExp[] = [
  // OpenAI, Groq, vLLM and other openai-compatible hosts: "The model `gpt-9` does not exist or you do not have access to it."
  /\bmodel\b.{0,200}?\bdoes not exist\b/i,
  // Gemini: "models/gemini-9 is not found for API version v1beta, or is not supported for generateContent."
  /\bmodels\/\S+ is not found\b/i,
  // Ollama: 'model "llama3.2" not found, try pulling it first'; LM Studio, LiteLLM: "Model not found".
  /\bmodel\b.{0,200}?\bnot found\b/i,
  // DeepSeek 400: "Model Not Exist".
  /\bmodel not exist\b/i,
  // Amazon Bedrock 404 ResourceNotFoundException: "Could not resolve the foundation model from the provided model
  // identifier."
  /\bcould not resolve the foundation model\b/i,
]

// Anthropic 404 `not_found_error` says only "model: claude-9".
const ANTHROPIC_MODEL = /^model: \S+$/i

/** True when the provider says the requested model does not exist (for this key, region or API version). */
export function isMissingModel(evidence: Evidence): boolean {
  if (evidence.codes.some((code) => MISSING_MODEL_CODES.has(code))) return true
  const status = evidence.status
  if (status !== undefined && status !== 400 && status !== 404) return false
  if (evidence.texts.some((text) => NO_ENDPOINTS.test(text))) return false
  if (evidence.codes.includes("not_found_error") && evidence.texts.some((text) => ANTHROPIC_MODEL.test(text.trim())))
    return true
  return evidence.texts.some((text) => MISSING_MODEL_PATTERNS.some((pattern) => pattern.test(text)))
}
