// Small, total readers for untyped error payloads. None of them throws on odd input.

/** A plain record view of any object, or undefined for primitives. */
export function asDict(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "object" || value === null) return undefined
  return value as Record<string, unknown>
}

/** The value when it is an array, else undefined. */
export function asArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined
}

/** The value when it is a non-empty string, else undefined. */
export function asText(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined
}

// Bodies bigger than this are not parsed: no vendor error is that large, and parsing costs time we do not want to
// spend inside error handling.
const MAX_JSON_LENGTH = 1_000_000

/** Parses text that looks like a JSON object or array; undefined for anything else. */
export function parseJsonLoose(text: string): unknown {
  if (text.length > MAX_JSON_LENGTH) return undefined
  const trimmed = text.trim()
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined
  try {
    return JSON.parse(trimmed) as unknown
  } catch {
    return undefined
  }
}

/** Header lookups by lower-case name. */
export type HeaderMap = ReadonlyMap<string, string>

/** Normalizes a header record, a `Headers` instance, a header map or anything else into a lower-case lookup. */
export function lowerCaseHeaders(headers: unknown): HeaderMap {
  if (headers instanceof Map) return headers as HeaderMap
  const map = new Map<string, string>()
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    headers.forEach((value, key) => map.set(key.toLowerCase(), value))
    return map
  }
  const dict = asDict(headers)
  if (dict === undefined) return map
  for (const key in dict) {
    if (!Object.hasOwn(dict, key)) continue
    const value = dict[key]
    if (typeof value === "string") map.set(key.toLowerCase(), value)
    if (typeof value === "number") map.set(key.toLowerCase(), String(value))
    if (Array.isArray(value)) map.set(key.toLowerCase(), value.join(", "))
  }
  return map
}
