import type {
  LanguageModelV3CallOptions,
  LanguageModelV3GenerateResult,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import {
  mistralAssistantContents,
  patchedBody,
  patchedOnWire,
  withMistralGeneratedThinking,
  withMistralThinking,
} from "./package-patches.ts"

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

/** A stream of the given parts. */
function streamOf(parts: LanguageModelV3StreamPart[]): ReadableStream<LanguageModelV3StreamPart> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part)
      controller.close()
    },
  })
}

async function partsOf(stream: ReadableStream<LanguageModelV3StreamPart>) {
  const parts: LanguageModelV3StreamPart[] = []
  const reader = stream.getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value)
  return parts
}

/** A raw Mistral chunk whose content is the given chunks. */
const raw = (...content: unknown[]): LanguageModelV3StreamPart => ({
  type: "raw",
  rawValue: { choices: [{ index: 0, delta: { content } }] },
})

describe("a Mistral answer's reasoning, with the native thinking OpenCode's build keeps", () => {
  test("each reasoning part carries the block's thinking so far; raw chunks go unless the caller asked", async () => {
    const parts = await partsOf(
      withMistralThinking(
        streamOf([
          { type: "stream-start", warnings: [] },
          raw(thinking("List")),
          { type: "reasoning-start", id: "r1" },
          { type: "reasoning-delta", id: "r1", delta: "List" },
          raw({ ...thinking(" first."), closed: true, signature: "sig" }),
          { type: "reasoning-delta", id: "r1", delta: " first." },
          raw("plain text has no thinking"),
          { type: "reasoning-end", id: "r1" },
          { type: "text-start", id: "0" },
          raw(thinking("Again")),
          { type: "reasoning-start", id: "r2", providerMetadata: { modelPool: { member: "m" } } },
        ]),
        false,
      ),
    )
    const full = { type: "thinking", thinking: [text("List"), text(" first.")], closed: true, signature: "sig" }
    expect(parts).toEqual([
      { type: "stream-start", warnings: [] },
      { type: "reasoning-start", id: "r1", providerMetadata: { mistral: { thinking: thinking("List") } } },
      {
        type: "reasoning-delta",
        id: "r1",
        delta: "List",
        providerMetadata: { mistral: { thinking: thinking("List") } },
      },
      { type: "reasoning-delta", id: "r1", delta: " first.", providerMetadata: { mistral: { thinking: full } } },
      { type: "reasoning-end", id: "r1", providerMetadata: { mistral: { thinking: full } } },
      { type: "text-start", id: "0" },
      // A new block starts from its own chunks, and metadata already on the part stays.
      {
        type: "reasoning-start",
        id: "r2",
        providerMetadata: { modelPool: { member: "m" }, mistral: { thinking: thinking("Again") } },
      },
    ])
  })

  test("raw chunks the caller asked for pass through", async () => {
    const parts = await partsOf(withMistralThinking(streamOf([raw(thinking("a"))]), true))
    expect(parts).toEqual([raw(thinking("a"))])
  })

  test("a generated answer's chunk array becomes reasoning (empty too) with its chunk, then text, then the calls", () => {
    const content = [thinking("Think."), thinking(), text("Answer.")]
    const result = {
      content: [
        { type: "reasoning", text: "Think." },
        { type: "text", text: "Answer." },
        { type: "tool-call", toolCallId: "D681PevKs", toolName: "bash", input: "{}" },
      ],
      finishReason: { unified: "tool-calls", raw: "tool_calls" },
      usage: {},
      warnings: [],
      response: { body: { choices: [{ message: { role: "assistant", content } }] } },
    } as unknown as LanguageModelV3GenerateResult
    expect(withMistralGeneratedThinking(result).content).toEqual([
      { type: "reasoning", text: "Think.", providerMetadata: { mistral: { thinking: thinking("Think.") } } },
      { type: "reasoning", text: "", providerMetadata: { mistral: { thinking: thinking() } } },
      { type: "text", text: "Answer." },
      { type: "tool-call", toolCallId: "D681PevKs", toolName: "bash", input: "{}" },
    ])
  })

  test("a generated answer whose content is a string is the release's", () => {
    const result = {
      content: [{ type: "text", text: "hi" }],
      response: { body: { choices: [{ message: { content: "hi" } }] } },
    } as unknown as LanguageModelV3GenerateResult
    expect(withMistralGeneratedThinking(result)).toBe(result)
  })
})
