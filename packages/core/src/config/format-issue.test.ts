import { describe, expect, test } from "bun:test"
import { z } from "zod"
import { formatIssues, formatPath } from "./format-issue.ts"

const Settings = z.strictObject({
  name: z.string().min(1),
  keys: z.array(z.string()).min(1),
  server: z.strictObject({ url: z.string().regex(/^https:/, { error: "must start with https:" }) }).optional(),
  limit: z.union([z.number().int().positive(), z.literal(false)]).optional(),
})

function messages(input: unknown, isSecret?: (path: readonly PropertyKey[]) => boolean): string[] {
  const result = Settings.safeParse(input, { reportInput: true })
  if (result.success) throw new Error("expected issues")
  return formatIssues("settings", Settings, result.error.issues, isSecret).map((issue) => issue.message)
}

describe("formatPath", () => {
  test("renders keys as a user writes them: dots, indexes, and quotes for keys that are not names", () => {
    expect(formatPath("settings", ["keys", 2])).toBe("settings.keys[2]")
    expect(formatPath("settings", ["quality", "a/b", "x"])).toBe('settings.quality["a/b"].x')
    expect(formatPath("", ["name"])).toBe("name")
  })
})

describe("formatIssues", () => {
  test("names the path, the value and the rule, and the path is kept apart from the message", () => {
    const result = Settings.safeParse({ name: "", keys: ["k"] }, { reportInput: true })
    if (result.success) throw new Error("expected issues")
    expect(formatIssues("settings", Settings, result.error.issues)).toEqual([
      { path: "settings.name", message: "settings.name: must not be empty" },
    ])
  })

  test("a missing key says it is required, an empty list how many entries it needs", () => {
    expect(messages({ keys: [] })).toEqual([
      "settings.name: is required (string)",
      "settings.keys: needs at least 1 entry",
    ])
  })

  test("an unknown key lists the keys allowed where it stands", () => {
    expect(messages({ name: "a", keys: ["k"], server: { url: "https://x", port: 1 } })).toEqual([
      "settings.server.port: is not a known key (allowed: url)",
    ])
  })

  test("every branch of a union is explained", () => {
    expect(messages({ name: "a", keys: ["k"], limit: true })).toEqual([
      "settings.limit: true is not valid: true is a boolean, expected number, or true is not one of false",
    ])
  })

  test("without an isSecret predicate values are shown, shortened when long", () => {
    expect(messages({ name: "a", keys: [42] })).toEqual(["settings.keys[0]: 42 is a number, expected string"])
    const long = messages({ name: "a", keys: ["k"], server: { url: "x".repeat(100) } })[0] ?? ""
    expect(long).toContain(`"${"x".repeat(76)}...`)
  })

  test("a value the host's predicate calls secret is hidden, and the predicate sees the path under the root", () => {
    const seen: string[] = []
    const isSecret = (path: readonly PropertyKey[]) => {
      seen.push(path.join("."))
      return path[0] === "keys" || path.join(".") === "server.url"
    }
    const shown = messages({ name: "a", keys: [42], server: { url: "http://user:s3cret@host" } }, isSecret)
    expect(shown).toEqual([
      "settings.keys[0]: (hidden) is a number, expected string",
      "settings.server.url: (hidden) must start with https:",
    ])
    expect(shown.join("\n")).not.toContain("s3cret")
    expect(seen).toEqual(["keys.0", "server.url"])
  })
})
