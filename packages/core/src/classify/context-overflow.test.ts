import { describe, expect, test } from "bun:test"
import { CONTEXT_OVERFLOW_PATTERNS, isContextOverflow } from "./context-overflow.ts"

// One real message per vendor wording; each pattern must be exercised by at least one of them.
const OVERFLOW_MESSAGES = [
  "This model's maximum context length is 128000 tokens. However, your messages resulted in 130412 tokens.",
  "Your input exceeds the context window of this model. Please adjust your input and try again.",
  "context_length_exceeded",
  "prompt is too long: 208310 tokens > 200000 maximum",
  "input length and `max_tokens` exceed context limit: 197779 + 21333 > 200000, decrease input length or `max_tokens` and try again",
  "The input token count (1196265) exceeds the maximum number of tokens allowed (1048575).",
  "This endpoint's maximum context length is 131072 tokens. However, you requested about 140596 tokens",
  "Input is too long for requested model.",
  "Too many input tokens. Max input tokens: 200000, request input token count: 201318",
  "Prompt contains 40011 tokens and 0 draft tokens, too large for model with 32768 maximum context length",
  "This model's maximum prompt length is 131072 but the request contains 140233 tokens.",
  "Please reduce the length of the messages or completion.",
  "Request too large for model `llama-3.1-8b-instant` in organization `org_01` service tier `on_demand` on tokens per minute (TPM)",
  "Input prompt (5000 tokens) is too long and exceeds limit of 4096",
  "the request exceeds the available context size, try increasing it",
  "exceed_context_size_error",
  "prompt too long; exceeded max context length by 1203 tokens",
  "Trying to keep the first 5139 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens",
  "The number of tokens to keep from the initial prompt is greater than the context length",
  "prompt token count of 140233 exceeds the limit of 128000",
  "model_max_prompt_tokens_exceeded",
  "Invalid request: Your request exceeded model token limit: 131072 (requested: 140233)",
  "Please reduce the length of the messages or completion. Current length is 9013 while limit is 8192",
  "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 32769. Given: 40112 `inputs` tokens and 2048 `max_new_tokens`",
  "The prompt is too long: 140233, model maximum context length: 131072",
  "too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 135000. Try using a shorter prompt",
  "The total number of tokens in the messages (135000) exceeds the model's maximum context length of 128000 tokens.",
  "Range of input length should be [1, 30720]",
]

describe("isContextOverflow", () => {
  for (const message of OVERFLOW_MESSAGES) {
    test(`recognises "${message.slice(0, 70)}"`, () => {
      expect(isContextOverflow(message)).toBe(true)
    })
  }

  test("every pattern is exercised by a real message", () => {
    const unused = CONTEXT_OVERFLOW_PATTERNS.filter(
      (pattern) => !OVERFLOW_MESSAGES.some((message) => pattern.test(message)),
    )
    expect(unused).toEqual([])
  })

  test("the optional letters and backticks of each wording are optional", () => {
    for (const message of [
      "The requested tokens exceed the context window of this model",
      "input length and max_tokens exceed context limit: 197779 + 21333 > 200000",
      "input length and `max_tokens exceed context limit: 197779 + 21333 > 200000",
      "the input exceed max context length of the model",
      "inputs tokens + max_new_tokens must be <= 4096",
      "`inputs tokens + `max_new_tokens must be <= 4096",
    ])
      expect([message, isContextOverflow(message)]).toEqual([message, true])
  })

  test("rate limits, outages and unrelated client errors are not overflow", () => {
    for (const message of [
      "Rate limit reached for gpt-4o in organization org-1 on tokens per min (TPM): Limit 30000, Used 29800, Requested 2400.",
      "This request would exceed the rate limit for your organization of 50,000 input tokens per minute. Please reduce the prompt length or the maximum tokens requested, or try again later.",
      "Overloaded",
      "max_tokens: 100000 > 64000, which is the maximum allowed number of output tokens for claude-sonnet-4-5",
      "Invalid 'messages[1].content': string too long.",
      'model "llama3.2" not found, try pulling it first',
    ]) {
      expect(isContextOverflow(message)).toBe(false)
    }
  })

  test("a multi-megabyte text is handled and only its head is scanned", () => {
    expect(isContextOverflow(`${"x".repeat(5_000_000)} prompt is too long`)).toBe(false)
    expect(isContextOverflow(`prompt is too long ${"x".repeat(5_000_000)}`)).toBe(true)
  })
})
