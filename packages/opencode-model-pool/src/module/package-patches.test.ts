import type { LanguageModelV3CallOptions, LanguageModelV3Prompt } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { mistralAssistantContents } from "./mistral-thinking.ts"
import { patchedBody, patchedOnWire } from "./package-patches.ts"

const text = (value: string) => ({ type: "text", text: value })
const thinking = (...pieces: string[]) => ({ type: "thinking", thinking: pieces.map(text) })

/** A step-3 transcript: a call with reasoning whose native thinking OpenCode stored, then one with plain reasoning. */
const PROMPT: LanguageModelV3Prompt = [
  { role: "system", content: "be brief" },
  { role: "user", content: [{ type: "text", text: "run it" }] },
  {
    role: "assistant",
    content: [
      {
        type: "reasoning",
        text: "List first.",
        providerOptions: { mistral: { thinking: thinking("List", " first.") } },
      },
      { type: "tool-call", toolCallId: "D681PevKs", toolName: "bash", input: { command: "ls" } },
    ],
  },
  {
    role: "tool",
    content: [{ type: "tool-result", toolCallId: "D681PevKs", toolName: "bash", output: { type: "text", value: "a" } }],
  },
  {
    role: "assistant",
    content: [
      { type: "reasoning", text: "Both ran." },
      { type: "text", text: "done" },
    ],
  },
  { role: "assistant", content: [{ type: "text", text: "no reasoning here" }] },
]

const call = (providerOptions: LanguageModelV3CallOptions["providerOptions"] = {}): LanguageModelV3CallOptions => ({
  prompt: PROMPT,
  providerOptions,
})

describe("the packages whose wire OpenCode's patched builds change", () => {
  test("Mistral always, xAI only on its Responses API (the chat model is the release's)", () => {
    expect(patchedOnWire("@ai-sdk/mistral", "languageModel")).toBe(true)
    expect(patchedOnWire("@ai-sdk/xai", "responses")).toBe(true)
    expect(patchedOnWire("@ai-sdk/xai", "languageModel")).toBe(false)
    expect(patchedOnWire("@ai-sdk/openai", "responses")).toBe(false)
  })
})

describe("a request body as OpenCode's builds write it", () => {
  test("xAI Responses: the cache key goes after the base arguments, before the tools and the stream flag", () => {
    const body = {
      model: "grok-4.3",
      input: [],
      store: false,
      include: ["reasoning.encrypted_content"],
      tools: [],
      stream: true,
    }
    const patched = patchedBody("@ai-sdk/xai", body, call({ xai: { promptCacheKey: "ses_1", store: false } }))
    expect(Object.entries(patched)).toEqual([
      ["model", "grok-4.3"],
      ["input", []],
      ["store", false],
      ["include", ["reasoning.encrypted_content"]],
      ["prompt_cache_key", "ses_1"],
      ["tools", []],
      ["stream", true],
    ])
    // Without tools or streaming, it is the last key.
    expect(
      Object.keys(patchedBody("@ai-sdk/xai", { model: "m", input: [] }, call({ xai: { promptCacheKey: "s" } }))),
    ).toEqual(["model", "input", "prompt_cache_key"])
  })

  test("without a cache key in the package's options the body keeps its keys", () => {
    const body = { model: "grok-4.3", input: [], stream: true }
    expect(patchedBody("@ai-sdk/xai", body, call({ openai: { promptCacheKey: "ses_1" } }))).toEqual(body)
    expect(patchedBody("@ai-sdk/xai", body, call({ xai: { promptCacheKey: 7 } }))).toEqual(body)
  })

  test("Mistral: the cache key follows the sampling options and precedes the messages", () => {
    const body = { model: "mistral-large-latest", max_tokens: 32000, messages: [], tools: [], stream: true }
    const patched = patchedBody("@ai-sdk/mistral", body, {
      prompt: [],
      providerOptions: { mistral: { promptCacheKey: "ses_1" } },
    })
    expect(Object.keys(patched)).toEqual(["model", "max_tokens", "prompt_cache_key", "messages", "tools", "stream"])
  })

  test("Mistral: an assistant message with reasoning is sent as its chunks, native thinking kept, others unchanged", () => {
    const messages = [
      { role: "system", content: "be brief" },
      { role: "user", content: [text("run it")] },
      { role: "assistant", content: "List first.", tool_calls: [{ id: "D681PevKs" }] },
      { role: "tool", name: "bash", tool_call_id: "D681PevKs", content: "a" },
      { role: "assistant", content: "Both ran.done" },
      { role: "assistant", content: "no reasoning here" },
    ]
    const patched = patchedBody("@ai-sdk/mistral", { model: "m", messages }, call())
    expect(patched.messages).toEqual([
      messages[0],
      messages[1],
      { role: "assistant", content: [thinking("List", " first.")], tool_calls: [{ id: "D681PevKs" }] },
      messages[3],
      { role: "assistant", content: [thinking("Both ran."), text("done")] },
      messages[5],
    ])
  })

  test("the structured content of each assistant message, in order; none for a message without reasoning", () => {
    expect(mistralAssistantContents(PROMPT)).toEqual([
      [thinking("List", " first.")],
      [thinking("Both ran."), text("done")],
      undefined,
    ])
  })
})
