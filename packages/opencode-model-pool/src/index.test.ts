import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Config, PluginInput } from "@opencode-ai/plugin"
import { describe, expect, test } from "bun:test"
import { runtimeFor } from "./host/runtime.ts"
import plugin from "./index.ts"

/** What the hooks ask of OpenCode's client before any call: nothing answers, nothing is told. */
const input = {
  client: {
    config: { providers: async () => ({ data: { providers: [] } }) },
    app: { agents: async () => ({ data: [] }), log: async () => ({}) },
    tui: { showToast: async () => ({}) },
  },
} as unknown as PluginInput

function configured(): Config {
  return {
    agent: { build: { model: "alpha/main", fallbacks: ["beta/backup"] } },
    provider: { alpha: { models: { main: {} } }, beta: { models: { backup: {} } } },
  } as unknown as Config
}

describe("the plugin object", () => {
  test("installs the runtime its config names, and drops it when OpenCode disposes of the instance", async () => {
    const options = { state_file: join(mkdtempSync(join(tmpdir(), "ocmp-dispose-")), "health.json") }
    const hooks = await plugin.server(input, options)
    const config = configured()
    await hooks.config?.(config)
    const key = (config as { provider: Record<string, { options: { modelPoolRuntime: string } }> }).provider.alpha
      ?.options.modelPoolRuntime
    expect(runtimeFor(key)?.pools.get("agent.build")?.members).toEqual(["alpha/main", "beta/backup"])
    await hooks.dispose?.()
    expect(runtimeFor(key)).toBeUndefined()
  })

  test("points members at the model module beside it, with its own extension", async () => {
    const options = { state_file: join(mkdtempSync(join(tmpdir(), "ocmp-module-")), "health.json") }
    const hooks = await plugin.server(input, options)
    const config = configured()
    await hooks.config?.(config)
    const npm = (config as { provider: Record<string, { models: Record<string, { provider: { npm: string } }> }> })
      .provider.alpha?.models.main?.provider.npm
    expect(npm).toBe(new URL("./module/provider.ts", import.meta.url).href)
    const module = (await import(npm!)) as Record<string, unknown>
    expect(typeof module.createModelPoolProvider).toBe("function")
    await hooks.dispose?.()
  })
})
