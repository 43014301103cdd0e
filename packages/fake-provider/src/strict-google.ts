// Gemini generateContent request rules for strict mode. Gemini reports JSON
// parse errors with proto field paths (map entries by index: `properties[0].value`)
// and semantic errors as `* GenerateContentRequest.<path>: <what>` lines
// (map entries by key: `properties[x]`); both shapes are kept here.

import type { Rule, StrictContext, Violation } from "./strict-rule.ts"
import { records } from "./strict-rule.ts"

type Schema = Record<string, unknown>

/** Where a schema sits, in both of Gemini's path styles. */
interface SchemaAt {
  schema: Schema
  /** Parse-error style, map entries by index. */
  wire: string
  /** Validator style, map entries by key. */
  named: string
}

const GEMINI_3 = /gemini-3/

/**
 * Thought signatures docs: these placeholders tell Gemini 3 to skip the check,
 * for history that came from another model.
 */
const SKIP_SIGNATURES = new Set(["skip_thought_signature_validator", "context_engineering_is_the_way_to_go"])

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}

/** Every schema in every function declaration, nested properties and items included. */
function schemas(body: Record<string, unknown>): SchemaAt[] {
  const found: SchemaAt[] = []
  const walk = (schema: unknown, wire: string, named: string) => {
    if (!isSchema(schema)) return
    found.push({ schema, wire, named })
    const properties = isSchema(schema["properties"]) ? Object.entries(schema["properties"]) : []
    for (const [index, [name, child]] of properties.entries()) {
      walk(child, `${wire}.properties[${index}].value`, `${named}.properties[${name}]`)
    }
    walk(schema["items"], `${wire}.items`, `${named}.items`)
  }
  for (const [t, tool] of records(body["tools"]).entries()) {
    const declarations = records(tool?.["functionDeclarations"] ?? tool?.["function_declarations"])
    for (const [f, declaration] of declarations.entries()) {
      const path = `tools[${t}].function_declarations[${f}].parameters`
      walk(declaration?.["parameters"], path, path)
    }
  }
  return found
}

/** Function calling docs (an OpenAPI subset) and reported error: JSON Schema's `$schema` is an unknown field. */
export function noSchemaKeyword(body: Record<string, unknown>): Violation | undefined {
  const at = schemas(body).find((candidate) => Object.hasOwn(candidate.schema, "$schema"))
  if (at === undefined) return undefined
  return {
    message: `Invalid JSON payload received. Unknown name "$schema" at '${at.wire}': Cannot find field.`,
  }
}

/** Schema reference (`enum` is a list of strings) and reported error for numeric enums. */
export function enumValuesAreStrings(body: Record<string, unknown>): Violation | undefined {
  for (const at of schemas(body)) {
    const values = Array.isArray(at.schema["enum"]) ? at.schema["enum"] : []
    const index = values.findIndex((value) => typeof value !== "string")
    if (index === -1) continue
    return {
      message: `Invalid value at '${at.wire}.enum[${index}]' (TYPE_STRING), ${JSON.stringify(values[index])}`,
    }
  }
  return undefined
}

/** Reported validator error: every `required` entry names one of the object's properties. */
export function requiredNamesProperties(body: Record<string, unknown>): Violation | undefined {
  for (const at of schemas(body)) {
    const required = Array.isArray(at.schema["required"]) ? at.schema["required"] : []
    const properties = isSchema(at.schema["properties"]) ? at.schema["properties"] : {}
    const index = required.findIndex((name) => !Object.hasOwn(properties, String(name)))
    if (index === -1) continue
    return { message: `* GenerateContentRequest.${at.named}.required[${index}]: property is not defined\n` }
  }
  return undefined
}

/** Reported validator error: a content needs at least one part (an empty model turn is the usual culprit). */
export function partsNonEmpty(body: Record<string, unknown>): Violation | undefined {
  const index = records(body["contents"]).findIndex((content) => records(content?.["parts"]).length === 0)
  if (index === -1) return undefined
  return { message: `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.\n` }
}

/**
 * Thought signatures docs: Gemini 3 requires, in the current turn (since the
 * last user message that is not only function responses), the signature on
 * the first functionCall part of each model step; parallel calls after it
 * carry none. Earlier turns are not checked. Message as users reported it.
 */
export function gemini3CallsSigned(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  if (!GEMINI_3.test(ctx.model)) return undefined
  const contents = records(body["contents"])
  const turnStart = contents.findLastIndex(
    (content) =>
      content?.["role"] !== "model" &&
      records(content?.["parts"]).some((part) => part?.["functionResponse"] === undefined),
  )
  for (const [index, content] of contents.entries()) {
    if (index <= turnStart || content?.["role"] !== "model") continue
    const call = records(content["parts"]).find((part) => part?.["functionCall"] !== undefined)
    if (call === undefined || typeof call["thoughtSignature"] === "string") continue
    const name = String((call["functionCall"] as Record<string, unknown> | undefined)?.["name"])
    return {
      message: `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly, and missing thought_signature may lead to degraded model performance. Additional data, function call \`default_api:${name}\` , position ${index + 1}. Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for more details.`,
    }
  }
  return undefined
}

/**
 * Thought signatures docs (signatures are opaque and tied to the model that
 * made them) and the reported error: a signature this server did not issue for
 * this model is refused, except the documented skip placeholders.
 */
export function thoughtSignaturesValid(body: Record<string, unknown>, ctx: StrictContext): Violation | undefined {
  for (const content of records(body["contents"])) {
    for (const part of records(content?.["parts"])) {
      const signature = part?.["thoughtSignature"]
      if (typeof signature !== "string" || SKIP_SIGNATURES.has(signature)) continue
      if (ctx.signer.verify("google", ctx.model, signature)) continue
      return { message: "Corrupted thought signature." }
    }
  }
  return undefined
}

/** Parse errors first, then the validator's, then the model's own checks. */
export const googleRules: readonly Rule[] = [
  noSchemaKeyword,
  enumValuesAreStrings,
  requiredNamesProperties,
  partsNonEmpty,
  gemini3CallsSigned,
  thoughtSignaturesValid,
]
