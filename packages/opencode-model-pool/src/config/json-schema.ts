import { z } from "zod"
import { AgentPool, PluginOptions } from "./schema.ts"

/** JSON schema of the whole contract: the root validates the plugin options; `$defs.AgentPool` the agent keys. */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(z.object({ options: PluginOptions, agent: AgentPool }), { io: "input" })
  const defs = Object.fromEntries(
    Object.entries(generated.$defs ?? {}).map(([name, definition]) => {
      // zod copies the registry id into each definition; JSON schema reads `id` as something else entirely.
      const { id: _id, ...rest } = definition as Record<string, unknown>
      return [name, rest]
    }),
  )
  return {
    $schema: generated.$schema,
    title: "opencode-model-pool configuration",
    description:
      'Validates the options of ["opencode-model-pool", { ... }]. The pool keys of an OpenCode agent entry are described by $defs.AgentPool.',
    $ref: "#/$defs/PluginOptions",
    $defs: defs,
  }
}
