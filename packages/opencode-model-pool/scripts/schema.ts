// Writes schema/model-pool.schema.json and docs/config-reference.md from the zod schema of the plugin options and
// agent keys. `bun run schema` in this package runs it, then scripts/opencode-schema.ts.
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { configJsonSchema } from "../src/config/json-schema.ts"
import { configReference } from "./reference.ts"
import { REFERENCE_PATH, SCHEMA_PATH } from "./generated-paths.ts"

const schema = configJsonSchema()
for (const [path, text] of [
  [SCHEMA_PATH, `${JSON.stringify(schema, null, 2)}\n`],
  [REFERENCE_PATH, configReference(schema)],
] as const) {
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  console.log(`wrote ${path}`)
}
