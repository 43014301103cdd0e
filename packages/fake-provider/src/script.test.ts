import { describe, expect, test } from "bun:test"
import { parseScript, ScriptCursor } from "./script.ts"

describe("ScriptCursor", () => {
  test("serves a model's steps in order and repeats the last one when they run out", () => {
    const cursor = new ScriptCursor({
      m: [{ kind: "rate_limit" }, { kind: "server_error" }, { kind: "text", text: "done" }],
    })
    expect([1, 2, 3, 4].map(() => cursor.next("m")?.kind)).toEqual(["rate_limit", "server_error", "text", "text"])
  })

  test("falls back to the * entry, whose sequence is shared by every model that uses it", () => {
    const cursor = new ScriptCursor({ "*": [{ kind: "overloaded" }, { kind: "text" }], special: { kind: "hang" } })
    expect(cursor.next("a")?.kind).toBe("overloaded")
    expect(cursor.next("b")?.kind).toBe("text")
    expect(cursor.next("special")?.kind).toBe("hang")
  })

  test("says nothing for a model the script does not cover", () => {
    expect(new ScriptCursor({ a: { kind: "text" } }).next("b")).toBeUndefined()
  })

  test("restarts every sequence when rewound or given a new script", () => {
    const cursor = new ScriptCursor({ m: [{ kind: "reset" }, { kind: "text" }] })
    cursor.next("m")
    cursor.rewind()
    expect(cursor.next("m")?.kind).toBe("reset")
    cursor.set({ m: [{ kind: "cut", text: "x" }, { kind: "text" }] })
    expect(cursor.next("m")?.kind).toBe("cut")
  })
})

describe("parseScript", () => {
  test("accepts every step kind with its optional fields", () => {
    const script = {
      "*": [
        { kind: "text", text: "hi", chunks: 2, chunk_delay_ms: 5, delay_ms: 1, reasoning: "think" },
        { kind: "tool_call", name: "read", input: { path: "a" }, text: "t", id: "functions.read:0", reasoning: "r" },
        { kind: "rate_limit", retry_after_s: 1, retry_after_ms: 10, quota: true },
        { kind: "server_error", status: 502 },
        { kind: "overloaded" },
        { kind: "unauthorized", status: 401 },
        { kind: "context_overflow" },
        { kind: "hang", after_headers: true },
        { kind: "reset" },
        { kind: "cut", text: "half" },
        { kind: "stream_error", text: "before" },
        { kind: "stream_error", responses_event: "error" },
      ],
      single: { kind: "text" },
    }
    expect(parseScript(script)).toEqual(script as never)
  })

  test("rejects a misspelt field instead of silently using the default", () => {
    expect(() => parseScript({ m: { kind: "rate_limit", retry_after: 5 } })).toThrow(
      'script["m"].retry_after: unknown field',
    )
  })

  test("rejects unknown kinds, wrong types, missing required fields and empty lists with the offending path", () => {
    expect(() => parseScript({ m: { kind: "explode" } })).toThrow('script["m"].kind: expected one of')
    expect(() => parseScript({ m: [{ kind: "text" }, { kind: "text", chunks: "3" }] })).toThrow(
      'script["m"][1].chunks: expected number, got string',
    )
    expect(() => parseScript({ m: { kind: "tool_call", name: "x" } })).toThrow('script["m"].input: required')
    expect(() => parseScript({ m: [] })).toThrow("must not be empty")
    expect(() => parseScript({ m: { kind: "stream_error", responses_event: "failed" } })).toThrow(
      'script["m"].responses_event: expected one of response.failed, error, got "failed"',
    )
    expect(() => parseScript([])).toThrow("expected an object")
  })
})
