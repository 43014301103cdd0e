import type { SupportedNpm } from "../host/provider-packages.ts"

// Groups of packages OpenCode 1.18.33 treats alike in its rules keyed on the package name.

/** Packages speaking Anthropic's Messages API: `thinking` and `effort` options, Anthropic's tool-id alphabet. */
export const speaksAnthropic = (npm: SupportedNpm | undefined) =>
  npm === "@ai-sdk/anthropic" || npm === "@ai-sdk/google-vertex/anthropic"

/** Packages speaking Gemini's API: `thinkingConfig`. */
export const speaksGemini = (npm: SupportedNpm | undefined) =>
  npm === "@ai-sdk/google" || npm === "@ai-sdk/google-vertex"

/** Packages speaking OpenAI's Responses API: reasoning summaries, item ids, OpenAI's schema rebuild. */
export const speaksResponses = (npm: SupportedNpm | undefined) => npm === "@ai-sdk/openai" || npm === "@ai-sdk/azure"
