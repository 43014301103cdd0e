// SigV4 checks against AWS's own published example, plus the refusals a real
// endpoint makes. The clock is passed in, so expiry is exact.

import { describe, expect, test } from "bun:test"
import { canonicalRequest, signature, verifySigV4 } from "./sigv4.ts"
import type { RawRequest } from "./vendor.ts"

// The IAM ListUsers example from AWS's "Create a signed AWS API request" guide.
const EXAMPLE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
const EXAMPLE: RawRequest = {
  method: "GET",
  target: "/?Action=ListUsers&Version=2010-05-08",
  headers: {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    host: "iam.amazonaws.com",
    "x-amz-date": "20150830T123600Z",
  },
  body: Buffer.alloc(0),
}

const KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }
const AMZ_DATE = "20260102T030405Z"
const NOW = Date.parse("2026-01-02T03:04:05Z")

/** A Bedrock-style request signed by this module, to vary one thing at a time. */
function bedrockRequest(
  overrides: { scope?: string; signedHeaders?: string; secret?: string; date?: string } = {},
): RawRequest {
  const base: RawRequest = {
    method: "POST",
    target: "/model/anthropic.claude-v2%3A1/converse",
    headers: { host: "127.0.0.1:9", "x-amz-date": overrides.date ?? AMZ_DATE, "content-type": "application/json" },
    body: Buffer.from('{"messages":[]}'),
  }
  const signedHeaders = overrides.signedHeaders ?? "host;x-amz-date"
  const scope = overrides.scope ?? "20260102/us-east-1/bedrock/aws4_request"
  const [date = "", region = "", service = ""] = scope.split("/")
  const canonical = canonicalRequest(base, signedHeaders.split(";"))
  const sig = signature(
    overrides.secret ?? KEY.secretAccessKey,
    base.headers["x-amz-date"] ?? "",
    { date, region, service },
    canonical,
  )
  const authorization = `AWS4-HMAC-SHA256 Credential=${KEY.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${sig}`
  return { ...base, headers: { ...base.headers, authorization } }
}

const verify = (request: RawRequest, now = NOW) => verifySigV4(request, { service: "bedrock", credentials: [KEY], now })

test("reproduces the signature of AWS's published example", () => {
  const canonical = canonicalRequest(EXAMPLE, ["content-type", "host", "x-amz-date"])
  expect(new Bun.CryptoHasher("sha256").update(canonical).digest("hex")).toBe(
    "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59",
  )
  expect(
    signature(EXAMPLE_SECRET, "20150830T123600Z", { date: "20150830", region: "us-east-1", service: "iam" }, canonical),
  ).toBe("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
})

test("signs the already-encoded path once more, as every service but S3 does", () => {
  expect(canonicalRequest(bedrockRequest(), ["host"]).split("\n")[1]).toBe("/model/anthropic.claude-v2%253A1/converse")
})

test("accepts a correctly signed request and names its key and region", () => {
  expect(verify(bedrockRequest())).toEqual({ ok: true, accessKeyId: "AKIDEXAMPLE", region: "us-east-1" })
})

describe("refuses", () => {
  test("a request without Authorization", () => {
    const { authorization: _, ...headers } = bedrockRequest().headers
    expect(verify({ ...bedrockRequest(), headers })).toEqual({ ok: false, type: "missing" })
  })

  test("another scheme, or a header missing its parts", () => {
    const request = bedrockRequest()
    expect(verify({ ...request, headers: { ...request.headers, authorization: "Basic abc" } })).toMatchObject({
      type: "malformed",
    })
    expect(
      verify({ ...request, headers: { ...request.headers, authorization: "AWS4-HMAC-SHA256 Credential=x" } }),
    ).toMatchObject({ type: "malformed" })
  })

  test("a signature that leaves host or x-amz-date unsigned", () => {
    expect(verify(bedrockRequest({ signedHeaders: "x-amz-date" }))).toMatchObject({ type: "malformed" })
    expect(verify(bedrockRequest({ signedHeaders: "host" }))).toMatchObject({ type: "malformed" })
  })

  test("a scope for another service", () => {
    expect(verify(bedrockRequest({ scope: "20260102/us-east-1/s3/aws4_request" }))).toEqual({
      ok: false,
      type: "wrong_service",
      service: "s3",
    })
  })

  test("a scope date other than x-amz-date's", () => {
    expect(verify(bedrockRequest({ scope: "20260101/us-east-1/bedrock/aws4_request" }))).toMatchObject({
      type: "bad_date",
      scopeDate: "20260101",
    })
  })

  test("a signature more than 15 minutes away from the server's clock", () => {
    expect(verify(bedrockRequest(), NOW + 15 * 60 * 1000)).toMatchObject({ ok: true })
    expect(verify(bedrockRequest(), NOW + 15 * 60 * 1000 + 1000)).toEqual({
      ok: false,
      type: "expired",
      amzDate: AMZ_DATE,
    })
  })

  test("a wrong secret, and a body changed after signing", () => {
    expect(verify(bedrockRequest({ secret: "other" }))).toMatchObject({ type: "mismatch" })
    expect(verify({ ...bedrockRequest(), body: Buffer.from('{"messages":[1]}') })).toMatchObject({ type: "mismatch" })
  })

  test("an access key it does not know", () => {
    expect(verifySigV4(bedrockRequest(), { service: "bedrock", credentials: [], now: NOW })).toEqual({
      ok: false,
      type: "unknown_key",
      accessKeyId: "AKIDEXAMPLE",
    })
  })
})
