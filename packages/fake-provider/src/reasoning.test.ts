// A scripted `reasoning` must reach callers the way real reasoning does: as
// reasoning parts of the real AI SDK packages, with the vendor's signature in
// providerMetadata. Checked against this package's copies and the older ones
// the plugin (and OpenCode) pin.

import { afterAll, beforeEach, describe, expect, test } from "bun:test"
import { generateText, streamText } from "ai"
import type { LanguageModel } from "ai"
import { join } from "node:path"
import { startFakeProvider } from "./server.ts"
import { TEST_KEY, TOOLS } from "./test-support.ts"
import type { WireFormat } from "./vendor.ts"

const fake = await startFakeProvider()
afterAll(() => fake.stop())
beforeEach(() => {
  fake.setScript({})
  fake.reset()
})

type Anthropic = typeof import("@ai-sdk/anthropic")
type Google = typeof import("@ai-sdk/google")
type OpenAI = typeof import("@ai-sdk/openai")
type Compatible = typeof import("@ai-sdk/openai-compatible")

interface Packages {
  name: string
  anthropic: Anthropic
  google: Google
  openai: OpenAI
  compatible: Compatible
}

async function load(from: string): Promise<Packages | undefined> {
  try {
    const resolve = (name: string) => import(Bun.resolveSync(name, from))
    const manifest = Bun.resolveSync("@ai-sdk/anthropic/package.json", from)
    const { version } = (await Bun.file(manifest).json()) as { version: string }
    return {
      name: `anthropic@${version} and friends from ${from.split("/").at(-1)}`,
      anthropic: (await resolve("@ai-sdk/anthropic")) as Anthropic,
      google: (await resolve("@ai-sdk/google")) as Google,
      openai: (await resolve("@ai-sdk/openai")) as OpenAI,
      compatible: (await resolve("@ai-sdk/openai-compatible")) as Compatible,
    }
  } catch {
    return undefined
  }
}

const PACKAGES = (
  await Promise.all([load(join(import.meta.dir, "..")), load(join(import.meta.dir, "../../opencode-model-pool"))])
).filter((found) => found !== undefined)

interface Case {
  format: WireFormat
  model: string
  client: (packages: Packages, id: string) => LanguageModel
  /** Where the package puts the signature, or undefined when the format has none. */
  signature?: (metadata: Record<string, Record<string, unknown>> | undefined) => unknown
  providerOptions?: Record<string, Record<string, string | boolean>>
}

const CASES: Case[] = [
  {
    format: "openai",
    model: "kimi-k2-thinking",
    client: (p, id) =>
      p.compatible.createOpenAICompatible({ name: "fake", baseURL: `${fake.url}/v1`, apiKey: TEST_KEY })(id),
  },
  {
    format: "anthropic",
    model: "claude-sonnet-4-5",
    client: (p, id) => p.anthropic.createAnthropic({ baseURL: `${fake.url}/anthropic/v1`, apiKey: TEST_KEY })(id),
    signature: (metadata) => metadata?.["anthropic"]?.["signature"],
  },
  {
    format: "google",
    model: "gemini-3-pro-preview",
    client: (p, id) => p.google.createGoogleGenerativeAI({ baseURL: `${fake.url}/v1beta`, apiKey: TEST_KEY })(id),
    signature: (metadata) => metadata?.["google"]?.["thoughtSignature"],
  },
  {
    format: "openai-responses",
    model: "gpt-5",
    client: (p, id) => p.openai.createOpenAI({ baseURL: `${fake.url}/v1`, apiKey: TEST_KEY }).responses(id),
    signature: (metadata) => metadata?.["openai"]?.["reasoningEncryptedContent"],
    // Stateless use, as OpenCode's openai provider runs it: the encrypted reasoning comes back to the client.
    providerOptions: { openai: { store: false } },
  },
]

describe.each(PACKAGES)("$name", (packages) => {
  describe.each(CASES)("$format", (c) => {
    const thought = "The user wants the file, so read it first."
    const signature = () => fake.signReasoning(c.format, c.model, thought)

    test("streams the reasoning before a tool call, with the fake's signature", async () => {
      fake.setScript({ "*": { kind: "tool_call", name: "read_file", input: { path: "a.ts" }, reasoning: thought } })
      const result = streamText({
        model: c.client(packages, c.model),
        prompt: "read a.ts",
        tools: TOOLS,
        maxRetries: 0,
        providerOptions: c.providerOptions,
      })
      const reasoning: string[] = []
      for await (const part of result.fullStream) {
        if (part.type === "reasoning-delta") reasoning.push(part.text)
        if (part.type === "error") throw part.error
      }
      expect(reasoning.join("")).toBe(thought)
      expect((await result.toolCalls).map((call) => call.toolName)).toEqual(["read_file"])
      if (c.signature === undefined) return
      // The assembled parts are what a caller stores and sends back next turn.
      const signed = (await result.content).map((part) =>
        c.signature?.(
          ("providerMetadata" in part ? part.providerMetadata : undefined) as
            Record<string, Record<string, unknown>> | undefined,
        ),
      )
      expect(signed).toContain(signature())
    })

    test("returns the reasoning and its signature from a non-streaming call", async () => {
      fake.setScript({ "*": { kind: "text", text: "done", reasoning: thought } })
      const result = await generateText({
        model: c.client(packages, c.model),
        prompt: "hi",
        maxRetries: 0,
        providerOptions: c.providerOptions,
      })
      expect(result.text).toBe("done")
      expect(result.reasoningText).toBe(thought)
      if (c.signature === undefined) return
      // Gemini puts the signature on the part after the thought, here the text.
      const signed = result.content.map((part) =>
        c.signature?.(
          ("providerMetadata" in part ? part.providerMetadata : undefined) as
            Record<string, Record<string, unknown>> | undefined,
        ),
      )
      expect(signed).toContain(signature())
    })
  })
})
