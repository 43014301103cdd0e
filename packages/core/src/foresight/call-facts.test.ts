import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { callFacts, CHARS_PER_TOKEN, promptCharacters } from "./call-facts.ts"

const prompt: LanguageModelV3CallOptions["prompt"] = [
  { role: "system", content: "s".repeat(400) },
  { role: "user", content: [{ type: "text", text: "u".repeat(800) }] },
  {
    role: "assistant",
    content: [
      { type: "reasoning", text: "r".repeat(40) },
      { type: "tool-call", toolCallId: "c1", toolName: "read", input: { path: "a" } },
    ],
  },
  {
    role: "tool",
    content: [{ type: "tool-result", toolCallId: "c1", toolName: "read", output: { type: "text", value: "x" } }],
  },
]

describe("the facts of a call", () => {
  test("its size counts every text, reasoning, tool input and result, and the tool definitions", () => {
    const tools: LanguageModelV3CallOptions["tools"] = [
      { type: "function", name: "read", inputSchema: { type: "object" } },
    ]
    const expected =
      400 + 800 + 40 + JSON.stringify({ path: "a" }).length + JSON.stringify({ type: "text", value: "x" }).length
    expect(promptCharacters({ prompt })).toBe(expected)
    expect(promptCharacters({ prompt, tools })).toBe(expected + JSON.stringify(tools).length)
    expect(callFacts({ prompt }).tokens).toBe(Math.ceil(expected / CHARS_PER_TOKEN))
  })

  test("the host's estimate replaces the characters' when it has one", () => {
    expect(callFacts({ prompt }, 12_345).tokens).toBe(12_345)
  })

  test("file parts say which input kinds the call needs; text-only calls need none", () => {
    const files: LanguageModelV3CallOptions["prompt"] = [
      {
        role: "user",
        content: [
          { type: "file", mediaType: "image/png", data: "aGk=" },
          { type: "file", mediaType: "application/pdf", data: "aGk=" },
          { type: "file", mediaType: "audio/wav", data: "aGk=" },
          { type: "file", mediaType: "video/mp4", data: "aGk=" },
          { type: "file", mediaType: "text/plain", data: "aGk=" },
        ],
      },
    ]
    expect([...callFacts({ prompt: files }).inputs].sort()).toEqual(["audio", "image", "pdf", "video"])
    expect(callFacts({ prompt }).inputs.size).toBe(0)
  })

  test("tools and the output room the call asks for are noted", () => {
    const tools: LanguageModelV3CallOptions["tools"] = [{ type: "function", name: "t", inputSchema: {} }]
    expect(callFacts({ prompt, tools, maxOutputTokens: 4_000 })).toMatchObject({ tools: true, maxOutputTokens: 4_000 })
    expect(callFacts({ prompt, tools: [] }).tools).toBe(false)
    expect("maxOutputTokens" in callFacts({ prompt })).toBe(false)
  })
})
