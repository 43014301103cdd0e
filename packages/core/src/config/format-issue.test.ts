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

  test("a value of 80 characters is shown whole; a longer one is cut to 77 and marked", () => {
    const eighty = "x".repeat(78)
    expect(messages({ name: "a", keys: ["k"], server: { url: eighty } })).toEqual([
      `settings.server.url: "${eighty}" must start with https:`,
    ])
    const cut = messages({ name: "a", keys: ["k"], server: { url: `${eighty}y` } })
    expect(cut).toEqual([`settings.server.url: "${"x".repeat(76)}... must start with https:`])
  })

  test("a null is named null and a list is named a list", () => {
    expect(messages({ name: null, keys: ["k"] })).toEqual(["settings.name: null is a null, expected string"])
    expect(messages({ name: ["a"], keys: ["k"] })).toEqual(['settings.name: ["a"] is a list, expected string'])
  })
})

describe("formatIssues on the other rules zod reports", () => {
  const Rules = z.strictObject({
    level: z.union([z.literal(1), z.literal(2), z.literal("max")]).optional(),
    pair: z.array(z.number()).min(2).max(3).optional(),
    code: z.string().max(2).optional(),
    ratio: z.number().gt(0).optional(),
    nested: z.strictObject({ a: z.number().optional() }).nullable().default({}),
    byName: z.record(z.string(), z.strictObject({ on: z.boolean().optional() })).optional(),
    list: z.array(z.strictObject({ id: z.string().optional() })).optional(),
  })

  function rules(input: unknown): string[] {
    const result = Rules.safeParse(input, { reportInput: true })
    if (result.success) throw new Error("expected issues")
    return formatIssues("rules", Rules, result.error.issues).map((issue) => issue.message)
  }

  test("allowed values that are not strings are written as JSON", () => {
    expect(rules({ level: 3 })).toEqual([
      "rules.level: 3 is not valid: 3 is not one of 1, or 3 is not one of 2, or 3 is not one of max",
    ])
  })

  test("a short list says how many entries it needs, a long one or a long text the maximum", () => {
    expect(rules({ pair: [1] })).toEqual(["rules.pair: needs at least 2 entries"])
    expect(rules({ pair: [1, 2, 3, 4], code: "abc" })).toEqual([
      "rules.pair: [1,2,3,4] is above the maximum 3",
      'rules.code: "abc" is above the maximum 2',
    ])
  })

  test("an exclusive lower bound says the value must be greater", () => {
    expect(rules({ ratio: 0 })).toEqual(["rules.ratio: 0 must be greater than 0"])
  })

  test("an unknown key is told the keys allowed through defaults, nullables, records and lists", () => {
    expect(rules({ nested: { b: 1 }, byName: { x: { off: true } }, list: [{ name: "n" }] })).toEqual([
      "rules.nested.b: is not a known key (allowed: a)",
      "rules.byName.x.off: is not a known key (allowed: on)",
      "rules.list[0].name: is not a known key (allowed: id)",
    ])
  })

  test("a missing value that is not a plain type says nothing was given, and a null allowed is written null", () => {
    const Choice = z.strictObject({
      pick: z.literal(false),
      either: z.union([z.literal(1), z.literal(2)]),
      only: z.literal(null).optional(),
    })
    const result = Choice.safeParse({ only: 1 }, { reportInput: true })
    if (result.success) throw new Error("expected issues")
    expect(formatIssues("choice", Choice, result.error.issues).map((issue) => issue.message)).toEqual([
      "choice.pick: nothing is not one of false",
      "choice.either: nothing is not valid: nothing is not one of 1, or nothing is not one of 2",
      "choice.only: 1 is not one of null",
    ])
  })

  test("a key that breaks several rules names each of them", () => {
    const Tags = z.strictObject({ tags: z.record(z.string().min(3).regex(/^x/), z.number()) })
    const result = Tags.safeParse({ tags: { a: 1 } }, { reportInput: true })
    if (result.success) throw new Error("expected issues")
    expect(formatIssues("t", Tags, result.error.issues).map((issue) => issue.message)).toEqual([
      't.tags.a: "a" Too small: expected string to have >=3 characters, Invalid string: must match pattern /^x/',
    ])
  })
})
