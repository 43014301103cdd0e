import type { JSONSchema7, LanguageModelV3CallOptions } from "@ai-sdk/provider"
import { isObject, type MemberModel } from "./member-model.ts"
import { speaksResponses } from "./packages.ts"

type Schema = Record<string, unknown>
type Tools = NonNullable<LanguageModelV3CallOptions["tools"]>

const combines = (schema: Schema) => ["anyOf", "oneOf", "allOf"].some((key) => Array.isArray(schema[key]))
const SCHEMA_KEYS = ["type", "properties", "items", "prefixItems", "enum", "const", "$ref", "additionalProperties"]
const describesType = (schema: Schema) =>
  combines(schema) ||
  [...SCHEMA_KEYS, "patternProperties", "required", "not", "if", "then", "else"].some((key) => key in schema)

/**
 * Gemini's function declarations take an OpenAPI subset: string enums only, `nullable` instead of type arrays,
 * `required` naming real properties, arrays with `items`. OpenCode rewrites schemas so for Gemini ids and the
 * google provider; the rewrite is idempotent, so a schema already rewritten for the turn's model is unchanged.
 */
function forGemini(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(forGemini)
  if (!isObject(value)) return value
  const schema: Schema = {}
  for (const [key, entry] of Object.entries(value)) {
    if (key === "enum" && Array.isArray(entry)) {
      schema.enum = entry.map(String)
      if (schema.type === "integer" || schema.type === "number") schema.type = "string"
      continue
    }
    schema[key] = isObject(entry) || Array.isArray(entry) ? forGemini(entry) : entry
  }
  if (Array.isArray(schema.type)) {
    const types = schema.type as unknown[]
    const nullable = types.includes("null")
    const others = types.filter((type) => type !== "null")
    delete schema.type
    if (others.length === 0) schema.type = "null"
    else {
      schema.anyOf = others.map((type) => ({ type }))
      if (nullable) schema.nullable = true
    }
  }
  if (schema.type === "object" && isObject(schema.properties) && Array.isArray(schema.required)) {
    const properties = schema.properties
    schema.required = schema.required.filter((name) => typeof name === "string" && name in properties)
  }
  if (schema.type === "array" && !combines(schema)) {
    schema.items ??= {}
    if (isObject(schema.items) && !describesType(schema.items)) schema.items.type = "string"
  }
  if (schema.type && schema.type !== "object" && !combines(schema)) {
    delete schema.properties
    delete schema.required
  }
  return schema
}

const JSON_TYPES = ["string", "number", "boolean", "integer", "object", "array", "null"]
const COMBINATORS = ["anyOf", "oneOf", "allOf"]
const NUMBER_BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]

/** The valid JSON types a schema names. */
function namedTypes(schema: Schema): string[] {
  const named = typeof schema.type === "string" ? [schema.type] : Array.isArray(schema.type) ? schema.type : []
  return named.filter((type): type is string => typeof type === "string" && JSON_TYPES.includes(type))
}

/** The JSON types a schema without a valid type implies by the keywords it uses. */
function impliedTypes(schema: Schema, kept: Schema): string[] {
  if (["properties", "required", "additionalProperties"].some((key) => key in schema)) return ["object"]
  if (["items", "prefixItems"].some((key) => key in schema)) return ["array"]
  if ("enum" in kept || "format" in schema) return ["string"]
  if (NUMBER_BOUNDS.some((key) => key in schema)) return ["number"]
  return []
}

/**
 * OpenCode rebuilds tool schemas for OpenAI's package from a small set of keywords, in a fixed order: `$schema`,
 * integer bounds and other keywords OpenAI does not need are dropped, and every node gets a type.
 */
function forOpenAI(value: unknown): unknown {
  if (typeof value === "boolean") return { type: "string" }
  if (Array.isArray(value)) return value.map(forOpenAI)
  if (!isObject(value)) return value
  const kept: Schema = {}
  if (typeof value.$ref === "string") kept.$ref = value.$ref
  if (typeof value.description === "string") kept.description = value.description
  if ("const" in value) kept.enum = [value.const]
  else if (Array.isArray(value.enum)) kept.enum = value.enum
  if (isObject(value.properties))
    kept.properties = Object.fromEntries(
      Object.entries(value.properties).map(([name, entry]) => [name, forOpenAI(entry)]),
    )
  if (Array.isArray(value.required)) kept.required = value.required.filter((name) => typeof name === "string")
  if ("items" in value) kept.items = forOpenAI(value.items)
  if ("additionalProperties" in value)
    kept.additionalProperties =
      typeof value.additionalProperties === "boolean"
        ? value.additionalProperties
        : forOpenAI(value.additionalProperties)
  for (const key of COMBINATORS) if (Array.isArray(value[key])) kept[key] = (value[key] as unknown[]).map(forOpenAI)
  for (const key of ["$defs", "definitions"])
    if (isObject(value[key]))
      kept[key] = Object.fromEntries(
        Object.entries(value[key] as Schema).map(([name, entry]) => [name, forOpenAI(entry)]),
      )
  const named = namedTypes(value)
  if (named.length === 0 && (typeof kept.$ref === "string" || COMBINATORS.some((key) => key in kept))) return kept
  const types = named.length > 0 ? named : impliedTypes(value, kept)
  if (types.length === 0) return {}
  kept.type = types.length === 1 ? types[0] : types
  if (types.includes("object") && !("properties" in kept)) kept.properties = {}
  if (types.includes("array") && !("items" in kept)) kept.items = { type: "string" }
  return kept
}

const wantsGeminiSchemas = (model: MemberModel) => model.providerID === "google" || model.apiID.includes("gemini")

/**
 * The call's tools as OpenCode prepares them for a member: schemas per target, strict mode off for OpenAI's
 * packages (OpenAI and Azure).
 */
export function shapeTools(tools: Tools | undefined, member: MemberModel): Tools | undefined {
  if (!tools) return tools
  const openai = speaksResponses(member.npm)
  return tools.map((tool) => {
    if (tool.type !== "function") return tool
    const own = openai ? (forOpenAI(tool.inputSchema) as JSONSchema7) : tool.inputSchema
    const inputSchema = wantsGeminiSchemas(member) ? (forGemini(own) as JSONSchema7) : own
    return openai ? { ...tool, inputSchema, strict: false } : { ...tool, inputSchema }
  })
}
