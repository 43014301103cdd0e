/**
 * How each vendor says "the prompt does not fit this model". A match means another model with a larger window may
 * still succeed, which is what the `token_limit` fallback is for.
 */
export const CONTEXT_OVERFLOW_PATTERNS: readonly RegExp[] = [
  // OpenAI, Azure OpenAI, DeepSeek, vLLM: "This model's maximum context length is 128000 tokens. However, ..."
  /maximum context length is \d+/i,
  // OpenAI Responses API, Azure OpenAI: "Your input exceeds the context window of this model."
  /exceeds? the context window/i,
  // OpenAI, Azure OpenAI, Groq, Cerebras error code, when only the code survived into the text.
  /context_length_exceeded/i,
  // Anthropic (direct, Bedrock, Vertex): "prompt is too long: 208310 tokens > 200000 maximum".
  /prompt is too long/i,
  // Anthropic: "input length and `max_tokens` exceed context limit: 197779 + 21333 > 200000".
  /input length and `?max_tokens`? exceed context limit/i,
  // Gemini / Vertex AI: "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."
  /input token count.{0,40}exceeds the maximum number of tokens/i,
  // OpenRouter: "This endpoint's maximum context length is 131072 tokens. However, you requested about ..."
  /endpoint's maximum context length/i,
  // Amazon Bedrock: "Input is too long for requested model."
  /input is too long for requested model/i,
  // Amazon Bedrock: "Too many input tokens. Max input tokens: ..."
  /too many input tokens/i,
  // Mistral: "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length".
  /too large for model with \d+ maximum context length/i,
  // xAI: "This model's maximum prompt length is 131072 but the request contains 140000 tokens."
  /maximum prompt length is \d+/i,
  // DeepSeek, Groq, Cerebras: "Please reduce the length of the messages or completion."
  /reduce the length of the messages/i,
  // Groq (413) and OpenAI (429): "Request too large for model `llama-3.1-8b-instant` in organization ...".
  /request too large for/i,
  // vLLM (older): "Input prompt (5000 tokens) is too long and exceeds limit of 4096".
  /is too long and exceeds limit of \d+/i,
  // llama.cpp server: "the request exceeds the available context size, try increasing it".
  /exceeds the available context size/i,
  // llama.cpp server error type.
  /exceed_context_size_error/i,
  // Ollama: "prompt too long; exceeded max context length by 100 tokens", "input exceeds maximum context length".
  /exceed(?:s|ed)? (?:the )?max(?:imum)? context length/i,
  // LM Studio: "Trying to keep the first 5000 tokens when context the overflows."
  /context the overflows/i,
  // LM Studio: "The number of tokens to keep from the initial prompt is greater than the context length".
  /greater than the context length/i,
  // GitHub Copilot: "prompt token count of 140000 exceeds the limit of 128000".
  /token count of \d+ exceeds the limit of \d+/i,
  // GitHub Copilot error code.
  /model_max_prompt_tokens_exceeded/i,
  // Moonshot (Kimi): "Invalid request: Your request exceeded model token limit: 131072".
  /exceeded model token limit/i,
  // Cerebras: "... Current length is 9000 while limit is 8192".
  /current length is \d+ while limit is \d+/i,
  // Together (TGI-style validation): "`inputs` tokens + `max_new_tokens` must be <= 32769".
  /`?inputs`? tokens \+ `?max_new_tokens`? must be <=/i,
  // Fireworks: "The prompt is too long: 140000, model maximum context length: 131072".
  /model maximum context length/i,
  // Cohere: "too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 135000."
  /total number of tokens in the prompt cannot exceed/i,
  // Perplexity: "The total number of tokens in the messages (135000) exceeds the model's maximum context length of ...".
  /exceeds the model's maximum context length/i,
  // Alibaba Qwen (DashScope): "Range of input length should be [1, 30720]".
  /range of input length should be/i,
]

// Vendor messages are short; capping the scan keeps a pathological multi-megabyte message cheap.
const SCAN_LIMIT = 20_000

// One alternation scans the text once instead of once per vendor; every pattern above is case-insensitive.
const ANY_OVERFLOW = new RegExp(CONTEXT_OVERFLOW_PATTERNS.map((pattern) => `(?:${pattern.source})`).join("|"), "i")

/** True when the text is some vendor's way of saying the prompt exceeds the model's context window. */
export function isContextOverflow(text: string): boolean {
  return ANY_OVERFLOW.test(text.slice(0, SCAN_LIMIT))
}
