import { join } from "node:path"

/** Where the generated JSON schema is committed. */
export const SCHEMA_PATH = join(import.meta.dir, "..", "schema", "model-pool.schema.json")

/** Where the generated config reference page is committed. */
export const REFERENCE_PATH = join(import.meta.dir, "..", "..", "..", "docs", "config-reference.md")
