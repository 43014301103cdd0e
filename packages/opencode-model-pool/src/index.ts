// The OpenCode plugin: wires each hook to its module. A hook is a thin shell over a pure decision; the model
// module (module/provider.ts), which OpenCode imports on its own, builds and runs the pool members.
import { extname } from "node:path"
import type { Hooks, PluginInput, PluginModule } from "@opencode-ai/plugin"
import { PLUGIN_NAME } from "./host/plugin-entry.ts"
import { configHook } from "./hooks/config.ts"
import { createInstance, disposeInstance } from "./hooks/instance.ts"
import { paramsHook } from "./hooks/params.ts"
import { eventHook } from "./hooks/start-up.ts"
import { turnHook } from "./hooks/turn.ts"

/** This module, which the auth-plugin loading must skip. */
const SELF_URL = import.meta.url

/** The model module every pool member is routed through, with this module's extension (the TypeScript source under
 * Bun, the compiled JavaScript elsewhere). */
const MODULE_URL = new URL(`./module/provider${extname(new URL(import.meta.url).pathname)}`, import.meta.url).href

async function server(input: PluginInput, options?: Record<string, unknown>): Promise<Hooks> {
  const instance = createInstance(input)
  return {
    config: configHook(instance, options, { module: MODULE_URL, self: SELF_URL }),
    event: eventHook(instance),
    "chat.message": turnHook(instance),
    "chat.params": paramsHook(instance),
    // OpenCode disposes of an instance when its directory closes or reloads.
    dispose: () => disposeInstance(instance),
  }
}

/** OpenCode plugin: agent-level model pools with in-turn fallback. */
const plugin: PluginModule = { id: PLUGIN_NAME, server }

export default plugin
