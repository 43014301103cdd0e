// OpenCode 1.18.33 bundles its own patched builds of some provider packages, under the npm versions the plugin
// depends on. Where a patch changes the wire, a member built from the npm release would send (or remember) something
// other than what stock OpenCode sends it. These rules give the release's requests and answers what the patched
// builds make of them, written from the requests stock OpenCode sends (diffed against the fake provider):
// - @ai-sdk/xai 3.0.102, Responses API: the call's `promptCacheKey` goes out as `prompt_cache_key`;
// - @ai-sdk/mistral 3.0.51: `promptCacheKey` goes out as `prompt_cache_key`; Mistral's native `thinking` chunks are
//   kept as the reasoning's provider metadata (`mistral.thinking`, all the chunks of the block merged) and an
//   assistant message with reasoning is sent back as a chunk array: its texts, and its reasoning as that native
//   chunk (or a thinking chunk of its text when it has none), where the release sends one string of all of it.
import { AsyncLocalStorage } from "node:async_hooks"
import type { LanguageModelV3, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { ModelApi } from "../host/provider-info.ts"
import { optionsKey, type SupportedNpm } from "../host/provider-packages.ts"
import { isObject, type Options } from "../shape/member-model.ts"
import { mistralAssistantContents, withMistralGeneratedThinking, withMistralThinking } from "./mistral-thinking.ts"
import { wrapModel } from "./wrap-model.ts"

type Body = Record<string, unknown>

/** Whether the package's wire differs in OpenCode's build for the API the member is asked through. */
export function patchedOnWire(npm: SupportedNpm, api: ModelApi): boolean {
  return npm === "@ai-sdk/mistral" || (npm === "@ai-sdk/xai" && api === "responses")
}

/** The body keys OpenCode's build writes after `prompt_cache_key`: the key goes before the first one present. */
const AFTER_CACHE_KEY: Partial<Record<SupportedNpm, readonly string[]>> = {
  "@ai-sdk/mistral": ["response_format", "document_image_limit", "document_page_limit", "messages"],
  "@ai-sdk/xai": ["tools", "tool_choice", "stream"],
}

/** `body` with `key: value` inserted before the first of `followers` it has, or last. */
function insertBefore(body: Body, key: string, value: unknown, followers: readonly string[]): Body {
  const entries = Object.entries(body).filter(([name]) => name !== key)
  const at = entries.findIndex(([name]) => followers.includes(name))
  entries.splice(at === -1 ? entries.length : at, 0, [key, value])
  return Object.fromEntries(entries)
}

/** The request body OpenCode's build of the package sends, from the one the npm release made for `call`. */
export function patchedBody(npm: SupportedNpm, body: Body, call: LanguageModelV3CallOptions): Body {
  const followers = AFTER_CACHE_KEY[npm]
  // Both patched packages read their options under a key of their own, whatever the provider's ID.
  const key = optionsKey(npm, "")
  const cacheKey = (call.providerOptions?.[key] as Options | undefined)?.promptCacheKey
  let patched =
    typeof cacheKey === "string" && followers ? insertBefore(body, "prompt_cache_key", cacheKey, followers) : body
  if (npm === "@ai-sdk/mistral" && Array.isArray(patched.messages)) {
    const contents = mistralAssistantContents(call.prompt)
    let assistant = 0
    const messages = patched.messages.map((message: unknown) => {
      if (!isObject(message) || message.role !== "assistant") return message
      const content = contents[assistant++]
      return content === undefined ? message : { ...message, content }
    })
    patched = { ...patched, messages }
  }
  return patched
}

// The call a patched package's request is made for, so its fetch can give the body what OpenCode's build sends.
const patchedCalls = new AsyncLocalStorage<LanguageModelV3CallOptions>()

/** A fetch that rewrites the JSON body of a call's request as OpenCode's build of the package writes it. */
export function patchedFetch(npm: SupportedNpm, inner: typeof fetch | undefined): typeof fetch {
  const send = inner ?? globalThis.fetch
  const patched = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const call = patchedCalls.getStore()
    if (!call || typeof init?.body !== "string") return send(input, init)
    let body: unknown
    try {
      body = JSON.parse(init.body)
    } catch {
      return send(input, init)
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) return send(input, init)
    return send(input, { ...init, body: JSON.stringify(patchedBody(npm, body as Record<string, unknown>, call)) })
  }
  return Object.assign(patched, { preconnect: send.preconnect }) as typeof fetch
}

/**
 * The model of a package OpenCode bundles a patched build of (see the top of this file): each call runs where
 * its fetch finds it, and a Mistral answer's thinking is read as that build reads it.
 */
export function withPatchedWire(npm: SupportedNpm, model: LanguageModelV3): LanguageModelV3 {
  const mistral = npm === "@ai-sdk/mistral"
  return wrapModel(model, {
    wrapGenerate: ({ doGenerate, params }) =>
      patchedCalls.run(params, async () => {
        const result = await doGenerate()
        return mistral ? withMistralGeneratedThinking(result) : result
      }),
    wrapStream: ({ doStream, params }) =>
      patchedCalls.run(params, async () => {
        if (!mistral) return doStream()
        // The native thinking is in the raw chunks only.
        const result = await model.doStream({ ...params, includeRawChunks: true })
        return { ...result, stream: withMistralThinking(result.stream, params.includeRawChunks === true) }
      }),
  })
}
