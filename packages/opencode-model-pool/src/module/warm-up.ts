// Start-up warm-up: the first time a package builds a request, reads an error answer, or the classifier reads a
// failure, the runtime compiles that code (lazy schemas, regular expressions, first calls), and a fallback's gap
// paid for it. Once the packages are loaded, each member's package runs one call of a throwaway pool whose answers
// come from a local fetch (a rate limit, an outage, a context overflow, each in its provider's words). Nothing leaves
// the process: no request reaches a network, and no health is recorded but the throwaway pool's, in memory.
import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { createMemoryHealthStore, createPoolModel, resolvePolicy, type Condition } from "@model-pool/core"
import { optionsKey, type SupportedNpm } from "../host/provider-packages.ts"
import { buildModel, loadWantedPackages, wantedProviderPackages } from "./build-model.ts"
import { mark, traceNow } from "./trace.ts"

/** Set to 0 to skip the warm-up (the benchmark compares a cold failover path with a warm one). */
export const WARM_ENV = "OPENCODE_MODEL_POOL_WARM"

/**
 * Packages that are not warmed: their models ask Google's auth library for a token, which would go over the
 * network, before any request is built.
 */
const NOT_WARMED: ReadonlySet<SupportedNpm> = new Set(["@ai-sdk/google-vertex", "@ai-sdk/google-vertex/anthropic"])

type Family = "anthropic" | "google" | "openai"

function familyOf(npm: SupportedNpm): Family {
  if (npm === "@ai-sdk/anthropic") return "anthropic"
  if (npm === "@ai-sdk/google") return "google"
  return "openai"
}

/** An error answer as the family's APIs word it. */
function errorAnswer(family: Family, status: number, kind: string, message: string): Response {
  const body =
    family === "anthropic"
      ? { type: "error", error: { type: kind, message } }
      : family === "google"
        ? { error: { code: status, message, status: kind.toUpperCase() } }
        : { error: { message, type: kind, code: kind } }
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "retry-after": "1" },
  })
}

/** The failures each package meets once: the conditions a pool most often falls back on. */
const FAILURES = [
  { status: 429, kind: "rate_limit_error", message: "Rate limit reached for requests" },
  { status: 503, kind: "overloaded_error", message: "The server is overloaded" },
  { status: 400, kind: "invalid_request_error", message: "prompt is too long: 250000 tokens > 200000 maximum" },
] as const

/** A small call shaped like OpenCode's: a system prompt, a user message, one tool, and the package's options. */
function warmCall(npm: SupportedNpm): LanguageModelV3CallOptions {
  return {
    prompt: [
      { role: "system", content: "warm-up" },
      { role: "user", content: [{ type: "text", text: "warm-up" }] },
    ],
    tools: [
      {
        type: "function",
        name: "read",
        description: "warm-up",
        inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      },
    ],
    maxOutputTokens: 16,
    includeRawChunks: true,
    providerOptions: { [optionsKey(npm, "warm-up")]: {} },
  }
}

/** Settings that let every package build and sign a request without asking anyone for credentials. */
const SETTINGS = {
  apiKey: "warm-up",
  baseURL: "http://127.0.0.1:9/warm-up",
  region: "us-east-1",
  accessKeyId: "warm-up",
  secretAccessKey: "warm-up",
  resourceName: "warm-up",
}

/**
 * Warms one package through the core's own pool: three members on the package meet each failure once, so the
 * package's request and error code, the classifier and the pool's call loop all run. The health is this call's own,
 * in memory.
 */
async function warmPackage(npm: SupportedNpm): Promise<Condition[]> {
  const family = familyOf(npm)
  let next = 0
  const fetch = (async () => {
    const failure = FAILURES[next++ % FAILURES.length]!
    return errorAnswer(family, failure.status, failure.kind, failure.message)
  }) as unknown as typeof globalThis.fetch
  const model = buildModel(npm, "warm-up", "warm-up", { ...SETTINGS, fetch })
  const members = FAILURES.map((_, index) => `warm-up/${index}`)
  const seen: Condition[] = []
  const pool = createPoolModel({
    pool: { name: "warm-up", members, policy: { ...resolvePolicy({ retries: 0 }), firstTokenTimeoutMs: undefined } },
    store: createMemoryHealthStore(),
    build: () => model,
    observer: { failure: (_, classification) => void seen.push(classification.condition) },
  })
  await Promise.resolve(pool.doStream(warmCall(npm))).catch(() => undefined)
  return seen
}

/**
 * Warms the given packages (each must have been loaded), one after another so start-up keeps its other work
 * moving. Returns the conditions each package's failures were classified as. Never throws: a package that cannot
 * be warmed is only slower at its first failure.
 */
export async function warmUp(npms: Iterable<SupportedNpm>): Promise<Map<SupportedNpm, Condition[]>> {
  const warmed = new Map<SupportedNpm, Condition[]>()
  for (const npm of new Set(npms)) {
    if (NOT_WARMED.has(npm)) continue
    warmed.set(npm, await warmPackage(npm).catch(() => []))
  }
  return warmed
}

// Packages warmed in this process: each OpenCode instance (a server holds one per directory) readies the packages
// wanted so far, and a package warms once.
const warmed = new Set<SupportedNpm>()

/**
 * Loads the packages members are built with (as the config hooks noted them), then warms those not warmed yet:
 * called once OpenCode has started, so neither holds up its start-up. The model module loads them itself if a
 * model is built first. Never rejects: a package that fails to load fails the member's calls, as a package OpenCode
 * cannot load would.
 */
export async function readyPackages(env: Record<string, string | undefined>): Promise<void> {
  const loading = traceNow()
  try {
    await loadWantedPackages()
  } catch {
    return
  }
  mark("startup.packages", { from: loading })
  const fresh = wantedProviderPackages().filter((npm) => !warmed.has(npm))
  if (env[WARM_ENV] === "0" || fresh.length === 0) return
  for (const npm of fresh) warmed.add(npm)
  const warming = traceNow()
  await warmUp(fresh)
  mark("startup.warm", { from: warming })
}
