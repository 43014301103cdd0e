import type { LanguageModelV3GenerateResult, LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { withMistralGeneratedThinking, withMistralThinking } from "./mistral-thinking.ts"

const text = (value: string) => ({ type: "text", text: value })
const thinking = (...pieces: string[]) => ({ type: "thinking", thinking: pieces.map(text) })

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
