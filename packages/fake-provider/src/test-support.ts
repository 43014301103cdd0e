// Test-only helpers: the real AI SDK clients wired to a fake, and a way to
// run a stream to completion while collecting what the caller would see.
// Not exported from index.ts.

import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock"
import { createAnthropic } from "@ai-sdk/anthropic"
import { createCohere } from "@ai-sdk/cohere"
import { createGateway } from "@ai-sdk/gateway"
import { createGoogleGenerativeAI } from "@ai-sdk/google"
import { createMistral } from "@ai-sdk/mistral"
import { createVertex } from "@ai-sdk/google-vertex"
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic"
import { createOpenAI } from "@ai-sdk/openai"
import { createOpenAICompatible } from "@ai-sdk/openai-compatible"
import { createPerplexity } from "@ai-sdk/perplexity"
import { createXai } from "@ai-sdk/xai"
import { jsonSchema, streamText, tool } from "ai"
import type { LanguageModel, ToolSet } from "ai"
import { FAKE_AWS_CREDENTIALS } from "./bedrock.ts"
import type { WireFormat } from "./vendor.ts"

// AI SDK prints a warning per unsupported setting; tests assert behaviour, not logs.
;(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false

export const TEST_KEY = "sk-test-secret-key-0123456789abcdef"

export const VERTEX_PROJECT = { project: "p", location: "us-central1" }
/** The path under which Vertex serves Google's own models for VERTEX_PROJECT. */
export const VERTEX_GOOGLE_PATH = "/v1/projects/p/locations/us-central1/publishers/google"
/** Claude's base path on Vertex; the package appends `/{model}:rawPredict`. */
export const VERTEX_ANTHROPIC_PATH = "/v1/projects/p/locations/us-central1/publishers/anthropic/models"

export interface Client {
  name: string
  format: WireFormat
  /** What the request log's `key_id` hashes for this client: its API key, or its AWS access key id. */
  key: string
  model: (baseUrl: string, modelId: string) => LanguageModel
  /** False for a format without tool calls (Perplexity): the package drops the tools, the fake the call. */
  tools?: false
}

/**
 * The real provider packages the fake must satisfy, each pointed at its route prefix: the releases the plugin
 * ships, which are the ones OpenCode 1.18.33 bundles.
 */
export const CLIENTS: readonly Client[] = [
  {
    name: "openai-compatible",
    format: "openai",
    key: TEST_KEY,
    model: (url, id) =>
      createOpenAICompatible({ name: "fake", baseURL: `${url}/openai/v1`, apiKey: TEST_KEY, includeUsage: true })(id),
  },
  {
    name: "openai .chat()",
    format: "openai",
    key: TEST_KEY,
    model: (url, id) => createOpenAI({ baseURL: `${url}/openai/v1`, apiKey: TEST_KEY }).chat(id),
  },
  {
    name: "openai .responses()",
    format: "openai-responses",
    key: TEST_KEY,
    model: (url, id) => createOpenAI({ baseURL: `${url}/openai/v1`, apiKey: TEST_KEY }).responses(id),
  },
  {
    name: "anthropic",
    format: "anthropic",
    key: TEST_KEY,
    model: (url, id) => createAnthropic({ baseURL: `${url}/anthropic/v1`, apiKey: TEST_KEY })(id),
  },
  {
    name: "google",
    format: "google",
    key: TEST_KEY,
    model: (url, id) => createGoogleGenerativeAI({ baseURL: `${url}/google/v1beta`, apiKey: TEST_KEY })(id),
  },
  {
    name: "amazon-bedrock",
    format: "bedrock",
    key: FAKE_AWS_CREDENTIALS.accessKeyId,
    // Signed with SigV4, as Bedrock requires; the fake checks the signature against its one key pair.
    model: (url, id) => createAmazonBedrock({ region: "us-east-1", baseURL: url, ...FAKE_AWS_CREDENTIALS })(id),
  },
  {
    name: "cohere",
    format: "cohere",
    key: TEST_KEY,
    model: (url, id) => createCohere({ baseURL: `${url}/v2`, apiKey: TEST_KEY })(id),
  },
  {
    name: "google-vertex express mode",
    format: "vertex",
    key: TEST_KEY,
    // With an API key the package sends x-goog-api-key and uses baseURL as given; project and location go unused.
    model: (url, id) =>
      createVertex({ ...VERTEX_PROJECT, baseURL: `${url}${VERTEX_GOOGLE_PATH}`, apiKey: TEST_KEY })(id),
  },
  {
    name: "google-vertex/anthropic",
    format: "vertex-anthropic",
    key: TEST_KEY,
    // The token google-auth-library would fetch, handed over directly so no test touches the network.
    model: (url, id) =>
      createVertexAnthropic({
        ...VERTEX_PROJECT,
        baseURL: `${url}${VERTEX_ANTHROPIC_PATH}`,
        generateAuthToken: async () => TEST_KEY,
      })(id),
  },
  {
    name: "perplexity",
    format: "perplexity",
    key: TEST_KEY,
    tools: false,
    model: (url, id) => createPerplexity({ baseURL: `${url}/perplexity`, apiKey: TEST_KEY })(id),
  },
  {
    name: "gateway",
    format: "gateway",
    key: TEST_KEY,
    model: (url, id) => createGateway({ baseURL: `${url}/v3/ai`, apiKey: TEST_KEY })(id),
  },
  {
    name: "mistral",
    format: "mistral",
    key: TEST_KEY,
    model: (url, id) => createMistral({ baseURL: `${url}/mistral/v1`, apiKey: TEST_KEY })(id),
  },
  {
    name: "xai .chat()",
    format: "xai",
    key: TEST_KEY,
    model: (url, id) => createXai({ baseURL: `${url}/xai/v1`, apiKey: TEST_KEY }).chat(id),
  },
  {
    // What OpenCode's `xai` provider asks for when its key comes from XAI_API_KEY or auth.json.
    name: "xai .responses()",
    format: "xai-responses",
    key: TEST_KEY,
    model: (url, id) => createXai({ baseURL: `${url}/xai/v1`, apiKey: TEST_KEY }).responses(id),
  },
]

/** A tool the scripted tool calls can name; no execute, so the call is returned, not run. */
export const TOOLS = {
  read_file: tool({
    description: "Read a file",
    inputSchema: jsonSchema<{ path: string }>({
      type: "object",
      properties: { path: { type: "string" } },
      required: ["path"],
    }),
  }),
} satisfies ToolSet

export interface StreamOutcome {
  text: string
  toolCalls: { toolName: string; input: unknown }[]
  errors: unknown[]
  finishReason: string | undefined
}

/** Drains `streamText` the way an agent loop would and reports what arrived. */
export async function collectStream(model: LanguageModel, abortSignal?: AbortSignal): Promise<StreamOutcome> {
  const result = streamText({
    model,
    prompt: "hello",
    tools: TOOLS,
    maxRetries: 0,
    abortSignal,
    // Errors are collected from the stream below; the default handler would only print them.
    onError: () => {},
  })
  const outcome: StreamOutcome = { text: "", toolCalls: [], errors: [], finishReason: undefined }
  try {
    for await (const part of result.fullStream) {
      if (part.type === "text-delta") outcome.text += part.text
      if (part.type === "tool-call") outcome.toolCalls.push({ toolName: part.toolName, input: part.input })
      if (part.type === "error") outcome.errors.push(part.error)
      if (part.type === "abort") outcome.errors.push(new DOMException("aborted", "AbortError"))
      if (part.type === "finish") outcome.finishReason = part.finishReason
    }
  } catch (error) {
    // A broken transport (reset, cut) rejects the stream itself instead of yielding an error part.
    outcome.errors.push(error)
  }
  return outcome
}

export interface SseFrame {
  event: string | undefined
  data: string
}

/** Splits a Server-Sent Events body into frames, to check the exact wire sequence. */
export function parseSse(text: string): SseFrame[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n")
      const event = lines.find((line) => line.startsWith("event: "))?.slice("event: ".length)
      const data = lines
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice("data: ".length))
        .join("\n")
      return { event, data }
    })
}

/** POSTs JSON to the fake the way a raw HTTP client would. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  })
}
