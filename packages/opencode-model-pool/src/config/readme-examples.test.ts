import { describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parseAgentPool, parseOptions, POOL_PREFIX } from "./parse.ts"

const README = join(import.meta.dir, "..", "..", "..", "..", "README.md")

/** Every ```json block of the README: each is a whole opencode.json a user may copy. */
function examples(): { index: number; config: Record<string, unknown> }[] {
  const blocks = [...readFileSync(README, "utf8").matchAll(/```json\n([\s\S]*?)```/g)]
  return blocks.map((block, index) => ({ index, config: JSON.parse(block[1] ?? "") }))
}

function pluginOptions(config: Record<string, unknown>): unknown {
  const plugins = (config.plugin ?? []) as unknown[]
  const entry = plugins.find((plugin) => Array.isArray(plugin) && plugin[0] === "opencode-model-pool")
  return Array.isArray(entry) ? entry[1] : undefined
}

describe("README examples", () => {
  test("the README shows at least the three seed scenarios", () => {
    expect(examples().length).toBeGreaterThanOrEqual(3)
  })

  for (const { index, config } of examples()) {
    test(`example ${index + 1} is a valid configuration whose pool references all resolve`, () => {
      const options = parseOptions(pluginOptions(config))
      if (!options.ok) throw new Error(options.issues.map((issue) => issue.message).join("\n"))
      const agents = Object.entries((config.agent ?? {}) as Record<string, unknown>)
      for (const [name, agent] of agents) {
        const pool = parseAgentPool(name, agent, options.value.defaults)
        if (!pool.ok) throw new Error(pool.issues.map((issue) => issue.message).join("\n"))
      }
      const models = [
        config.model,
        config.small_model,
        ...agents.map(([, agent]) => (agent as { model?: unknown }).model),
      ]
      for (const model of models.filter(
        (value): value is string => typeof value === "string" && value.startsWith(POOL_PREFIX),
      ))
        expect(Object.keys(options.value.pools)).toContain(model.slice(POOL_PREFIX.length))
    })
  }
})
