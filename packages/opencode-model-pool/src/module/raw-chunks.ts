import type { LanguageModelV3 } from "@ai-sdk/provider"
import type { SupportedNpm } from "../host/provider-packages.ts"
import { wrapModel } from "./wrap-model.ts"

/** Whether OpenCode 1.18.33 asks a model for raw chunks: only for GitHub Copilot's provider ids (`LLM.stream`). */
export const asksRawChunks = (providerID: string) => providerID.includes("github-copilot")

/**
 * Packages whose request carries the call options as they are, `includeRawChunks` included: the AI Gateway's
 * protocol sends everything but the abort signal. On every other wire the flag is never seen.
 */
const sendsCallOptions = (npm: SupportedNpm) => npm === "@ai-sdk/gateway"

/**
 * A member's model that streams with the raw-chunk flag stock OpenCode gives its own provider, where the package
 * puts that flag on the wire. The pool asks every member for raw chunks (some packages leave a stream's error only
 * there); a gateway member would otherwise send `includeRawChunks: true` where stock sends `false`. The caller still
 * gets raw chunks only if it asked, and the gateway answers none when not asked, so nothing else changes.
 */
export function withStockRawChunks(npm: SupportedNpm, providerID: string, model: LanguageModelV3): LanguageModelV3 {
  if (!sendsCallOptions(npm)) return model
  const includeRawChunks = asksRawChunks(providerID)
  return wrapModel(model, {
    transformParams: (params, type) => (type === "stream" ? { ...params, includeRawChunks } : params),
  })
}
