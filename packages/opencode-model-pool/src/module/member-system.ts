import type { LanguageModelV3CallOptions } from "@ai-sdk/provider"
import type { SystemTransform } from "../host/auth-plugins.ts"

/** The model as an `experimental.chat.system.transform` hook reads it: its provider and ids. */
export interface SystemModel {
  providerID: string
  id: string
  [field: string]: unknown
}

/**
 * The call with its leading system messages rewritten by `transform` for `model`, as OpenCode would have run it
 * had the turn been on that model: the messages go in as the hook's `system` list and come back in its order.
 * A hook that answers asynchronously is not awaited (the call is prepared synchronously); the auth plugins in
 * use rewrite in place.
 */
export function withMemberSystem(
  call: LanguageModelV3CallOptions,
  model: SystemModel,
  transform: SystemTransform,
  sessionID: string | undefined,
): LanguageModelV3CallOptions {
  const leading = call.prompt.findIndex((message) => message.role !== "system")
  const count = leading === -1 ? call.prompt.length : leading
  const system = call.prompt.slice(0, count).flatMap((message) => (message.role === "system" ? [message.content] : []))
  const output = { system: [...system] }
  void transform({ ...(sessionID ? { sessionID } : {}), model }, output)
  if (output.system.length === system.length && output.system.every((text, index) => text === system[index]))
    return call
  const rewritten = output.system.map((content) => ({ role: "system" as const, content }))
  return { ...call, prompt: [...rewritten, ...call.prompt.slice(count)] }
}
