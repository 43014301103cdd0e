import { describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { configJsonSchema } from "../src/config/json-schema.ts"
import {
  extendedConfigSchema,
  generateOpencodeSchema,
  OPENCODE_SCHEMA_PATH,
  PLUGIN_NAME_PATTERN,
  poolDefName,
  type JsonSchema,
} from "./opencode-schema.ts"

describe("schema/opencode.schema.json", () => {
  test("is what the generator writes from the pinned opencode binary today", () => {
    const committed = readFileSync(OPENCODE_SCHEMA_PATH, "utf8")
    const fresh = generateOpencodeSchema()
    if (committed !== fresh)
      throw new Error(
        `${OPENCODE_SCHEMA_PATH} is out of date: run \`bun run schema\` in packages/opencode-model-pool and commit it`,
      )
    expect(committed).toBe(fresh)
  }, 120_000)

  test("every $ref resolves inside the file", () => {
    const text = readFileSync(OPENCODE_SCHEMA_PATH, "utf8")
    const defs = (JSON.parse(text) as { $defs: JsonSchema }).$defs
    const refs = [...text.matchAll(/"\$ref": "([^"]+)"/g)].map((match) => match[1] ?? "")
    expect(refs.length).toBeGreaterThan(20)
    for (const ref of refs) {
      expect(ref).toStartWith("#/$defs/")
      expect(Object.keys(defs)).toContain(ref.slice("#/$defs/".length))
    }
  })

  test("our plugin names are the package, optionally with a version or range; nothing else", () => {
    const names = new RegExp(PLUGIN_NAME_PATTERN, "u")
    for (const name of [
      "opencode-model-pool",
      "opencode-model-pool@0.1.0",
      "opencode-model-pool@^0.1",
      "opencode-model-pool@latest",
    ])
      expect(names.test(name)).toBe(true)
    for (const name of [
      "opencode-model-pools",
      "my-opencode-model-pool",
      "opencode-model-pool@",
      "opencode-anthropic-auth",
    ])
      expect(names.test(name)).toBe(false)
  })
})

describe("extendedConfigSchema", () => {
  const stock = (): JsonSchema => ({
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: {
      plugin: {
        type: "array",
        items: {
          anyOf: [{ type: "string" }, { type: "array", prefixItems: [{ type: "string" }, { type: "object" }] }],
        },
      },
      agent: { type: "object", additionalProperties: { $ref: "#/$defs/AgentConfig" } },
    },
    additionalProperties: false,
    $defs: {
      AgentConfig: { type: "object", properties: { model: { type: "string" } }, additionalProperties: {} },
    },
  })

  test("names the pool definitions apart from OpenCode's and rewrites their refs", () => {
    const schema = extendedConfigSchema(stock(), configJsonSchema(), "1.18.33")
    const defs = schema.$defs as Record<string, unknown>
    expect(Object.keys(defs)).toEqual([
      "AgentConfig",
      "ModelPoolPluginOptions",
      "ModelPoolNamedPool",
      "ModelPoolPolicy",
      "ModelPoolHealthStore",
    ])
    expect(JSON.stringify(schema)).not.toMatch(/"#\/\$defs\/(PluginOptions|NamedPool|PoolPolicy|AgentPool)"/)
    expect(poolDefName("PoolPolicy")).toBe("ModelPoolPolicy")
  })

  test("refuses a pool definition whose new name OpenCode already uses", () => {
    const clashing = stock()
    ;(clashing.$defs as JsonSchema).ModelPoolNamedPool = { type: "object" }
    expect(() => extendedConfigSchema(clashing, configJsonSchema(), "1.18.33")).toThrow(/collides/)
  })

  test("checks a plugin entry naming this plugin as our pair and leaves every other entry to OpenCode's schema", () => {
    const plugin = (
      extendedConfigSchema(stock(), configJsonSchema(), "1.18.33").properties as Record<string, JsonSchema>
    ).plugin as { items: JsonSchema }
    expect(plugin.items.else).toEqual((stock().properties as { plugin: { items: unknown } }).plugin.items)
    expect(plugin.items.then).toMatchObject({
      prefixItems: [{ pattern: PLUGIN_NAME_PATTERN }, { $ref: "#/$defs/ModelPoolPluginOptions" }],
    })
  })

  test("keeps OpenCode's own definition of an agent key the pool also describes", () => {
    const changed = stock()
    ;(changed.$defs as { AgentConfig: JsonSchema }).AgentConfig = {
      type: "object",
      properties: { model: { type: "string", description: "OpenCode's words." } },
    }
    const agent = (extendedConfigSchema(changed, configJsonSchema(), "1.18.33").$defs as Record<string, JsonSchema>)
      .AgentConfig as { properties: Record<string, JsonSchema> }
    expect(agent.properties.model?.type).toBe("string")
    expect(agent.properties.model?.description).toStartWith("OpenCode's words. ")
  })
})
