import type { z } from "zod"

/** One configuration problem: where it is and what is wrong, ready to show the user. */
export interface ConfigIssue {
  /** Dotted path from the root the user knows, e.g. `assistant.fallback_on[1]`. */
  path: string
  /** The whole line: path, bad value and what is allowed. */
  message: string
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/

/** Renders a path as a user reads it: `assistant.cooldown.max_ms`, `assistant.fallback_on[1]`, `quality["a b"]`. */
export function formatPath(root: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`
    const name = String(key)
    if (IDENTIFIER.test(name)) return text ? `${text}.${name}` : name
    return `${text}[${JSON.stringify(name)}]`
  }, root)
}

/** Tells which values may carry a credential, by their path under the schema's root; those are never shown. */
export type IsSecret = (path: readonly PropertyKey[]) => boolean

const NO_SECRETS: IsSecret = () => false

function describeValue(value: unknown, path: readonly PropertyKey[], isSecret: IsSecret): string {
  // A secret's text is never echoed; the message still names its type.
  if (isSecret(path)) return "(hidden)"
  if (value === undefined) return "nothing"
  const text = JSON.stringify(value) ?? String(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

function typeOf(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "list"
  return typeof value
}

function allowed(values: readonly unknown[]): string {
  return values.map((value) => (typeof value === "string" ? value : JSON.stringify(value))).join(", ")
}

function explain(issue: z.core.$ZodIssue, path: readonly PropertyKey[], isSecret: IsSecret): string {
  const value = describeValue(issue.input, path, isSecret)
  switch (issue.code) {
    case "invalid_value":
      return `${value} is not one of ${allowed(issue.values)}`
    case "invalid_type":
      if (issue.input === undefined) return `is required (${issue.expected})`
      return `${value} is a ${typeOf(issue.input)}, expected ${issue.expected}`
    case "too_small":
      if (issue.origin === "array") return `needs at least ${issue.minimum} entr${issue.minimum === 1 ? "y" : "ies"}`
      if (issue.origin === "string") return "must not be empty"
      if (issue.inclusive === false) return `${value} must be greater than ${issue.minimum}`
      return `${value} is below the minimum ${issue.minimum}`
    case "too_big":
      return `${value} is above the maximum ${issue.maximum}`
    case "invalid_key":
      return `${value} ${issue.issues.map((inner) => inner.message).join(", ")}`
    case "invalid_union":
      return `${value} is not valid: ${issue.errors
        .flat()
        .map((inner) => explain({ ...inner, input: issue.input } as z.core.$ZodIssue, path, isSecret))
        .join(", or ")}`
    default:
      return `${value} ${issue.message}`
  }
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def
  if (def.type === "optional" || def.type === "default" || def.type === "nullable")
    return unwrap((def as z.core.$ZodOptionalDef).innerType)
  return schema
}

function child(schema: z.core.$ZodType, key: PropertyKey): z.core.$ZodType | undefined {
  const def = unwrap(schema)._zod.def
  if (def.type === "object") return (def as z.core.$ZodObjectDef).shape[String(key)]
  if (def.type === "record") return (def as z.core.$ZodRecordDef).valueType
  if (def.type === "array") return (def as z.core.$ZodArrayDef).element
  return undefined
}

/** The keys an object schema accepts at a path, to tell the user what is allowed instead of a typo. */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const node = path.reduce<z.core.$ZodType | undefined>((current, key) => current && child(current, key), schema)
  if (!node) return []
  const def = unwrap(node)._zod.def
  if (def.type !== "object") return []
  return Object.keys((def as z.core.$ZodObjectDef).shape)
}

/**
 * Turns zod's issues into lines that name the path, the bad value and what is allowed. Values for which
 * `isSecret` holds are shown as "(hidden)".
 *
 * @example formatIssues("policy", Policy, Policy.safeParse(input).error?.issues ?? [])
 */
export function formatIssues(
  root: string,
  schema: z.core.$ZodType,
  issues: readonly z.core.$ZodIssue[],
  isSecret: IsSecret = NO_SECRETS,
): ConfigIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      const known = keysAt(schema, issue.path).join(", ")
      return issue.keys.map((key) => {
        const path = formatPath(root, [...issue.path, key])
        return { path, message: `${path}: is not a known key (allowed: ${known})` }
      })
    }
    const path = formatPath(root, issue.path)
    return [{ path, message: `${path}: ${explain(issue, issue.path, isSecret)}` }]
  })
}
