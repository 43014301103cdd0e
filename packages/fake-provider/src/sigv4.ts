// AWS Signature Version 4, checked the way an AWS endpoint checks it: rebuild
// the canonical request from what arrived, derive the signing key from the
// secret, and compare. Only the header form (`Authorization: AWS4-HMAC-SHA256
// ...`) is understood; presigned query strings are not used by Bedrock clients.

import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import type { RawRequest } from "./vendor.ts"

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
}

/** Why a request's signature was refused, as data; the vendor words the error. */
export type SigV4Failure =
  | { type: "missing" }
  | { type: "malformed"; detail: string }
  | { type: "unknown_key"; accessKeyId: string }
  | { type: "wrong_service"; service: string }
  | { type: "bad_date"; amzDate: string; scopeDate: string }
  | { type: "expired"; amzDate: string }
  | { type: "mismatch"; accessKeyId: string }

export type SigV4Result = { ok: true; accessKeyId: string; region: string } | ({ ok: false } & SigV4Failure)

export interface SigV4Options {
  service: string
  credentials: readonly AwsCredentials[]
  /** Epoch ms to judge `x-amz-date` against; AWS refuses more than 15 minutes of skew. */
  now: number
}

const ALGORITHM = "AWS4-HMAC-SHA256"
const MAX_SKEW_MS = 15 * 60 * 1000
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex")
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest()
}

/** RFC 3986 percent-encoding of everything but the unreserved characters (and `/` when asked). */
function uriEncode(text: string, keepSlash: boolean): string {
  return Array.from(Buffer.from(text, "utf8"), (byte) => {
    const char = String.fromCharCode(byte)
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === "/")) return char
    return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`
  }).join("")
}

/**
 * The canonical URI of every service but S3 encodes the path as sent once
 * more, so a model id's `%3A` is signed as `%253A`.
 */
function canonicalUri(path: string): string {
  return path === "" ? "/" : uriEncode(path, true)
}

function canonicalQuery(query: string): string {
  if (query === "") return ""
  return query
    .split("&")
    .map((pair) => {
      const at = pair.indexOf("=")
      const name = at === -1 ? pair : pair.slice(0, at)
      const value = at === -1 ? "" : pair.slice(at + 1)
      return [uriEncode(decodeURIComponent(name), false), uriEncode(decodeURIComponent(value), false)] as const
    })
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${value}`)
    .join("&")
}

/** The canonical request AWS hashes into the string to sign. */
export function canonicalRequest(request: RawRequest, signedHeaders: readonly string[]): string {
  const queryAt = request.target.indexOf("?")
  const path = queryAt === -1 ? request.target : request.target.slice(0, queryAt)
  const query = queryAt === -1 ? "" : request.target.slice(queryAt + 1)
  const headerLines = signedHeaders.map(
    (name) => `${name}:${(request.headers[name] ?? "").trim().replace(/\s+/g, " ")}\n`,
  )
  const payloadHash = request.headers["x-amz-content-sha256"] ?? sha256Hex(request.body)
  return [
    request.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    headerLines.join(""),
    signedHeaders.join(";"),
    payloadHash,
  ].join("\n")
}

/** The signature of a canonical request under a secret, for the given date, region and service. */
export function signature(
  secretAccessKey: string,
  amzDate: string,
  scope: { date: string; region: string; service: string },
  canonical: string,
): string {
  const scopeText = `${scope.date}/${scope.region}/${scope.service}/aws4_request`
  const stringToSign = [ALGORITHM, amzDate, scopeText, sha256Hex(canonical)].join("\n")
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, scope.date), scope.region), scope.service), "aws4_request")
  return createHmac("sha256", key).update(stringToSign).digest("hex")
}

function parseAuthorization(header: string): Record<string, string> | undefined {
  if (!header.startsWith(`${ALGORITHM} `)) return undefined
  const fields: Record<string, string> = {}
  for (const part of header.slice(ALGORITHM.length + 1).split(",")) {
    const at = part.indexOf("=")
    if (at === -1) continue
    fields[part.slice(0, at).trim()] = part.slice(at + 1).trim()
  }
  return fields
}

function amzDateMs(amzDate: string): number | undefined {
  const match = AMZ_DATE.exec(amzDate)
  if (match === null) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number)
  return Date.UTC(y ?? 0, (mo ?? 1) - 1, d, h, mi, s)
}

/** Verifies a SigV4 `Authorization` header against the known credentials. */
export function verifySigV4(request: RawRequest, options: SigV4Options): SigV4Result {
  const header = request.headers["authorization"]
  if (header === undefined) return { ok: false, type: "missing" }
  const fields = parseAuthorization(header)
  if (fields === undefined) return { ok: false, type: "malformed", detail: "unsupported authorization scheme" }
  const credential = fields["Credential"]
  const signedHeadersText = fields["SignedHeaders"]
  const given = fields["Signature"]
  if (credential === undefined || signedHeadersText === undefined || given === undefined) {
    return { ok: false, type: "malformed", detail: "Credential, SignedHeaders and Signature are required" }
  }
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split("/")
  if (
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    region === "" ||
    service === undefined ||
    terminator !== "aws4_request" ||
    rest.length > 0
  ) {
    return { ok: false, type: "malformed", detail: `credential scope ${credential}` }
  }
  const signedHeaders = signedHeadersText.split(";")
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date")) {
    return { ok: false, type: "malformed", detail: "host and x-amz-date must be signed" }
  }
  const known = options.credentials.find((candidate) => candidate.accessKeyId === accessKeyId)
  if (known === undefined) return { ok: false, type: "unknown_key", accessKeyId }
  if (service !== options.service) return { ok: false, type: "wrong_service", service }
  const amzDate = request.headers["x-amz-date"] ?? ""
  const signedAt = amzDateMs(amzDate)
  if (signedAt === undefined || amzDate.slice(0, 8) !== date) {
    return { ok: false, type: "bad_date", amzDate, scopeDate: date }
  }
  if (Math.abs(options.now - signedAt) > MAX_SKEW_MS) return { ok: false, type: "expired", amzDate }
  const canonical = canonicalRequest(request, signedHeaders)
  const expected = Buffer.from(signature(known.secretAccessKey, amzDate, { date, region, service }, canonical))
  const actual = Buffer.from(given)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, type: "mismatch", accessKeyId }
  }
  // A signed x-amz-content-sha256 must also be the body's hash, or the body could be swapped under it.
  const claimed = request.headers["x-amz-content-sha256"]
  if (claimed !== undefined && claimed !== "UNSIGNED-PAYLOAD" && claimed !== sha256Hex(request.body)) {
    return { ok: false, type: "mismatch", accessKeyId }
  }
  return { ok: true, accessKeyId, region }
}
