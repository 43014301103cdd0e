import { describe, expect, test } from "bun:test"
import { createHash } from "node:crypto"
import type { RecordedRequest } from "./request-log.ts"
import { keyId, redactHeaders, redactPath, RequestLog } from "./request-log.ts"

function record(model: string): RecordedRequest {
  return {
    format: "openai",
    model,
    path: "/",
    method: "POST",
    stream: false,
    body: {},
    headers: {},
    key_id: undefined,
    step: "text",
    at: 0,
  }
}

describe("redaction", () => {
  test("a key id is the first 8 hex chars of the key's sha256", () => {
    const key = "sk-proj-abcdefgh12345678"
    expect(keyId(key)).toBe(createHash("sha256").update(key).digest("hex").slice(0, 8))
  })

  test("every credential-bearing header is removed and the rest are kept", () => {
    expect(
      redactHeaders({
        authorization: "Bearer a",
        "x-api-key": "b",
        "x-goog-api-key": "c",
        "api-key": "d",
        cookie: "e",
        "content-type": "application/json",
        "anthropic-version": "2023-06-01",
      }),
    ).toEqual({ "content-type": "application/json", "anthropic-version": "2023-06-01" })
  })

  test("Gemini's ?key= query parameter is dropped from the logged path", () => {
    expect(redactPath(new URL("http://x/v1beta/models/g:streamGenerateContent?alt=sse&key=secret"))).toBe(
      "/v1beta/models/g:streamGenerateContent?alt=sse",
    )
    expect(redactPath(new URL("http://x/v1/chat/completions?key=secret"))).toBe("/v1/chat/completions")
  })
})

describe("RequestLog", () => {
  test("waitFor resolves as soon as enough requests are logged", async () => {
    const log = new RequestLog()
    const waiting = log.waitFor(2, 1000)
    log.append(record("a"))
    log.append(record("b"))
    expect((await waiting).map((r) => r.model)).toEqual(["a", "b"])
  })

  test("waitFor rejects after its timeout with how many requests did arrive", async () => {
    const log = new RequestLog()
    log.append(record("a"))
    await expect(log.waitFor(3, 20)).rejects.toThrow("waiting for 3 requests (got 1)")
  })

  test("each appended record is passed to the onRecord listener", () => {
    const seen: string[] = []
    const log = new RequestLog((r) => seen.push(r.model))
    log.append(record("a"))
    expect(seen).toEqual(["a"])
  })
})
