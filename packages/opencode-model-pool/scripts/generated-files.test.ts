import { describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { REFERENCE_PATH, SCHEMA_PATH } from "./generated-paths.ts"
import { configJsonSchema } from "../src/config/json-schema.ts"
import { configReference } from "./reference.ts"

describe("generated files", () => {
  test("the committed JSON schema matches the zod schema (run `bun run schema` when this fails)", () => {
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(`${JSON.stringify(configJsonSchema(), null, 2)}\n`)
  })

  test("the committed config reference matches the schema (run `bun run schema` when this fails)", () => {
    expect(readFileSync(REFERENCE_PATH, "utf8")).toBe(configReference(configJsonSchema()))
  })

  test("the schema rejects unknown keys in our sections and documents every agent key", () => {
    const defs = configJsonSchema().$defs as Record<string, { additionalProperties?: unknown; properties?: object }>
    expect(defs.PluginOptions?.additionalProperties).toBe(false)
    expect(defs.NamedPool?.additionalProperties).toBe(false)
    expect(Object.keys(defs.AgentPool?.properties ?? {})).toEqual([
      "model",
      "fallbacks",
      "models",
      "fallback_on",
      "strategy",
      "first_token_timeout_ms",
      "retries",
      "hedge_after_ms",
      "cooldown",
      "quality",
    ])
  })
})
