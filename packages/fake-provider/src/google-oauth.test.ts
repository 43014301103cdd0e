// The service-account token endpoint: google-auth-library's own JWT is exchanged for an access token, the checks
// Google makes refuse what they should (each varied alone, on a clock the test owns), and the Vertex routes then
// take only a token the endpoint issued.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { sign } from "node:crypto"
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic"
import { generateText } from "ai"
import { GoogleAuth } from "google-auth-library"
import {
  createServiceAccountKey,
  GOOGLE_TOKEN_PATH,
  GOOGLE_TOKEN_URL,
  GoogleTokenIssuer,
  writeServiceAccountFile,
} from "./google-oauth.ts"
import { keyId } from "./request-log.ts"
import { startFakeProvider, type FakeProvider } from "./server.ts"
import { postJson, VERTEX_ANTHROPIC_PATH, VERTEX_PROJECT } from "./test-support.ts"

const SCOPE = "https://www.googleapis.com/auth/cloud-platform"
const NOW = Date.parse("2026-03-04T05:06:07Z")
const account = createServiceAccountKey({ projectId: "vertex-test" })
const stranger = createServiceAccountKey({ projectId: "vertex-test", name: "stranger" })

/** A JWT bearer assertion signed with `key` (the account's own unless given), claims overridable one by one. */
function assertion(claims: Record<string, unknown> = {}, key = account.privateKey, alg = "RS256"): string {
  const iat = Math.floor(NOW / 1000)
  const header = Buffer.from(JSON.stringify({ alg, typ: "JWT" })).toString("base64url")
  const payload = Buffer.from(
    JSON.stringify({ iss: account.clientEmail, scope: SCOPE, aud: GOOGLE_TOKEN_URL, iat, exp: iat + 3600, ...claims }),
  ).toString("base64url")
  const signature = sign("sha256", Buffer.from(`${header}.${payload}`), key).toString("base64url")
  return `${header}.${payload}.${signature}`
}

const form = (jwt: string, grant = "urn:ietf:params:oauth:grant-type:jwt-bearer") =>
  new URLSearchParams({ grant_type: grant, assertion: jwt }).toString()

describe("the token endpoint's checks", () => {
  let clock = NOW
  const issuer = new GoogleTokenIssuer({ serviceAccounts: [account], now: () => clock })
  beforeEach(() => {
    clock = NOW
  })

  test("a well-signed, current JWT gets an hour's bearer token, recorded by key id with its account and scope", () => {
    const answer = issuer.exchange(form(assertion()))
    expect(answer.status).toBe(200)
    const token = String(answer.body.access_token)
    expect(answer.body).toEqual({ access_token: token, expires_in: 3599, token_type: "Bearer" })
    expect(issuer.issued.at(-1)).toEqual({
      key_id: keyId(token),
      client_email: account.clientEmail,
      scope: SCOPE,
      issued_at: NOW,
      expires_at: NOW + 3_599_000,
    })
    const headers = { authorization: `Bearer ${token}` }
    expect(issuer.valid(headers)?.key_id).toBe(keyId(token))
    expect(issuer.refusal("vertex-anthropic", headers, "/m:streamRawPredict")).toBeUndefined()
    clock = NOW + 3_599_000
    expect(issuer.valid(headers)).toBeUndefined()
    expect(issuer.refusal("vertex-anthropic", headers, "/m:streamRawPredict")).toMatchObject({
      status: 401,
      message: "the Google access token has expired",
    })
  })

  test.each([
    ["a signature by another key", () => assertion({}, stranger.privateKey), "Invalid JWT Signature."],
    ["an algorithm other than RS256", () => assertion({}, account.privateKey, "RS512"), "Invalid JWT Signature."],
    [
      "an issuer the endpoint does not know",
      () => assertion({ iss: stranger.clientEmail }, stranger.privateKey),
      "Invalid grant: account not found",
    ],
    [
      "another audience",
      () => assertion({ aud: "https://example.com/token" }),
      `Invalid JWT: Failed audience check. The right audience is ${GOOGLE_TOKEN_URL}`,
    ],
    ["an expired JWT", () => assertion({ exp: NOW / 1000 - 1, iat: NOW / 1000 - 3601 }), "Invalid JWT: Token must"],
    ["a JWT living longer than an hour", () => assertion({ exp: NOW / 1000 + 3601 }), "Invalid JWT: Token must"],
    ["a JWT issued in the future", () => assertion({ iat: NOW / 1000 + 600 }), "Invalid JWT: Token must"],
    ["no scope", () => assertion({ scope: undefined }), "Invalid OAuth scope or ID token audience provided."],
    ["a body that is no JWT", () => "not-a-jwt", "Invalid JWT: could not be decoded."],
  ])("%s is refused with Google's 400", (_, jwt, description) => {
    const before = issuer.issued.length
    const answer = issuer.exchange(form(jwt()))
    expect(answer.status).toBe(400)
    expect(String(answer.body.error_description)).toStartWith(description)
    expect(issuer.issued.length).toBe(before)
  })

  test("another grant type is unsupported", () => {
    expect(issuer.exchange(form(assertion(), "refresh_token")).body.error).toBe("unsupported_grant_type")
  })

  test("the Vertex routes refuse a token it never issued and a request without one; other formats are not its business", () => {
    const other = { authorization: "Bearer ya29.somebody-else" }
    expect(issuer.refusal("vertex", other, "/m:generateContent")).toMatchObject({
      status: 401,
      message: "the bearer token was not issued by the fake's Google token endpoint",
    })
    const missing = issuer.refusal("vertex-anthropic", { "x-goog-api-key": "AIza" }, "/m:rawPredict")
    expect(missing?.message).toBe("the request carried no Google access token")
    expect(JSON.stringify(missing?.body)).toContain("google.cloud.aiplatform.v1.PredictionService.RawPredict")
    expect(issuer.refusal("anthropic", other, "/v1/messages")).toBeUndefined()
  })
})

describe("google-auth-library against the fake's token endpoint", () => {
  const dir = mkdtempSync(join(tmpdir(), "fake-google-"))
  let fake: FakeProvider
  beforeAll(async () => {
    fake = await startFakeProvider({
      google: { serviceAccounts: [account] },
      script: { "*": { kind: "text", text: "signed in" } },
    })
  })
  afterAll(async () => {
    await fake.stop()
    rmSync(dir, { recursive: true, force: true })
  })
  beforeEach(() => fake.reset())

  /** google-auth-library posts to Google's URL whatever the key file says: this transport sends it to the fake. */
  function redirect() {
    const asked: string[] = []
    const toFake = (input: string | URL | Request, init?: RequestInit) => {
      asked.push(String(input instanceof Request ? input.url : input))
      return fetch(`${fake.url}${GOOGLE_TOKEN_PATH}`, init)
    }
    const fetchImplementation: typeof fetch = Object.assign(toFake, { preconnect: fetch.preconnect })
    return { asked, clientOptions: { transporterOptions: { fetchImplementation } } }
  }

  test("the key file's JWT is exchanged for a token, which Claude on Vertex then carries", async () => {
    const file = writeServiceAccountFile(join(dir, "sa.json"), account, fake.google!.tokenUrl)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      type: "service_account",
      client_email: account.clientEmail,
      private_key: account.privateKey,
      token_uri: `${fake.url}${GOOGLE_TOKEN_PATH}`,
    })
    // The package signs in with google-auth-library itself, as it does without a token of its own.
    const transport = redirect()
    const claude = createVertexAnthropic({
      ...VERTEX_PROJECT,
      baseURL: `${fake.url}${VERTEX_ANTHROPIC_PATH}`,
      googleAuthOptions: { keyFile: file, clientOptions: transport.clientOptions },
    })
    const result = await generateText({ model: claude("claude-sonnet-4-5@20250929"), prompt: "hi", maxRetries: 0 })
    expect(result.text).toBe("signed in")
    // The library's own URL, not the key file's token_uri.
    expect(transport.asked).toEqual([GOOGLE_TOKEN_URL])
    const [issued, ...more] = fake.google!.issued
    expect(more).toEqual([])
    expect(issued).toMatchObject({ client_email: account.clientEmail, scope: SCOPE })
    expect(fake.requests.map((request) => [request.format, request.key_id, request.rejected])).toEqual([
      ["vertex-anthropic", issued?.key_id, undefined],
    ])
  })

  test("a key the endpoint does not know is refused, and so is any bearer token it did not issue", async () => {
    const file = writeServiceAccountFile(join(dir, "stranger.json"), stranger, fake.google!.tokenUrl)
    const auth = new GoogleAuth({ keyFile: file, scopes: [SCOPE], clientOptions: redirect().clientOptions })
    const error = await (await auth.getClient()).getAccessToken().catch((thrown: unknown) => thrown)
    expect(String(error)).toContain("account not found")

    const response = await postJson(
      `${fake.url}${VERTEX_ANTHROPIC_PATH}/claude-sonnet-4-5@20250929:rawPredict`,
      { anthropic_version: "vertex-2023-10-16", max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
      { authorization: "Bearer ya29.not-from-the-fake" },
    )
    expect(response.status).toBe(401)
    expect(fake.requests.map((request) => request.rejected)).toEqual([
      "the bearer token was not issued by the fake's Google token endpoint",
    ])
  })

  test("a JWT naming the fake's own token URL as audience is accepted too (clients that honour token_uri)", async () => {
    const response = await fetch(fake.google!.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form(
        assertion({
          aud: fake.google!.tokenUrl,
          iat: Math.floor(Date.now() / 1000),
          exp: Math.floor(Date.now() / 1000) + 600,
        }),
      ),
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { token_type: string }).token_type).toBe("Bearer")
  })
})
