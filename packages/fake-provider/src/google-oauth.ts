// Google's OAuth 2.0 token endpoint for service accounts (RFC 7523 JWT bearer grant), as Vertex AI clients use it
// without an API key: the client signs a JWT with the service account's RSA key and exchanges it for an access
// token, which it then sends as `Authorization: Bearer <token>`. The fake checks the JWT as Google does (RS256
// signature against the account's public key, audience, a short-lived iat/exp window, a scope) and issues tokens
// that the Vertex routes can then require (see `GoogleTokenIssuer.refusal`).

import { createPublicKey, generateKeyPairSync, randomUUID, verify } from "node:crypto"
import { writeFileSync } from "node:fs"
import { keyId } from "./request-log.ts"
import { vertexAuthError } from "./vendor-errors.ts"
import type { Refusal, WireFormat } from "./vendor.ts"
import { bearerToken, isRecord, randomId } from "./vendor.ts"

/** Google's token endpoint: the audience a service-account JWT names (google-auth-library always posts here). */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"
/** Where the fake serves the same endpoint on its own port, for clients that honour the key file's `token_uri`. */
export const GOOGLE_TOKEN_PATH = "/google/token"

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
/** Google issues tokens for an hour and says so one second short. */
const TOKEN_LIFETIME_S = 3599
/** The longest a JWT may live (exp - iat), and the clock skew Google tolerates on iat. */
const MAX_ASSERTION_S = 3600
const SKEW_S = 300

/** A service account's key, as the key file Google issues holds it (plus the public half, for the fake). */
export interface ServiceAccountKey {
  projectId: string
  clientEmail: string
  privateKeyId: string
  /** PKCS#8 PEM, as in the key file. */
  privateKey: string
  /** SPKI PEM: what the fake checks signatures against. */
  publicKey: string
}

/** A new service account with a fresh 2048-bit RSA key. Not a real Google account. */
export function createServiceAccountKey(options: { projectId?: string; name?: string } = {}): ServiceAccountKey {
  const projectId = options.projectId ?? "fake-project"
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  return {
    projectId,
    clientEmail: `${options.name ?? "fake-provider"}@${projectId}.iam.gserviceaccount.com`,
    privateKeyId: randomUUID().replaceAll("-", ""),
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  }
}

/** The JSON key file Google issues for a service account, with `token_uri` as given. */
export function serviceAccountFile(account: ServiceAccountKey, tokenUri: string): Record<string, string> {
  return {
    type: "service_account",
    project_id: account.projectId,
    private_key_id: account.privateKeyId,
    private_key: account.privateKey,
    client_email: account.clientEmail,
    client_id: String(BigInt(`0x${account.privateKeyId.slice(0, 16)}`)),
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: tokenUri,
    auth_provider_x509_cert_url: "https://www.googleapis.com/oauth2/v1/certs",
    client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(account.clientEmail)}`,
    universe_domain: "googleapis.com",
  }
}

/**
 * Writes the key file (mode 0600, as a private key deserves) for GOOGLE_APPLICATION_CREDENTIALS. `tokenUri` is
 * the fake's own endpoint (`${fake.url}/google/token`); google-auth-library ignores it and posts to
 * GOOGLE_TOKEN_URL, which the fake's TLS front door serves (see google-front-door.ts).
 */
export function writeServiceAccountFile(path: string, account: ServiceAccountKey, tokenUri: string): string {
  writeFileSync(path, JSON.stringify(serviceAccountFile(account, tokenUri), null, 2), { mode: 0o600 })
  return path
}

/** An access token the fake issued, without the token itself (the request log names keys by `keyId`). */
export interface IssuedToken {
  /** `keyId(access_token)`: the `key_id` the request log shows for a request that carried it. */
  key_id: string
  client_email: string
  scope: string
  /** Epoch ms. */
  issued_at: number
  expires_at: number
}

/** What the token endpoint answers: Google's token response, or its OAuth error. */
export interface TokenResponse {
  status: number
  body: Record<string, unknown>
}

function oauthError(error: string, description: string, status = 400): TokenResponse {
  return { status, body: { error, error_description: description } }
}

function base64urlJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
  } catch {
    return undefined
  }
}

const INVALID_TIMES =
  "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim."

export interface GoogleTokenIssuerOptions {
  serviceAccounts: readonly ServiceAccountKey[]
  /** Audiences a JWT may name besides GOOGLE_TOKEN_URL (the fake adds its own token URL). */
  audiences?: readonly string[]
  /** Epoch ms; a test passes its own clock to check expiry exactly. */
  now?: () => number
}

/** Checks service-account JWTs, issues access tokens for them and knows which tokens it issued. */
export class GoogleTokenIssuer {
  /** Every token issued so far, oldest first. */
  readonly issued: IssuedToken[] = []
  private readonly accounts: Map<string, ServiceAccountKey>
  private readonly audiences: Set<string>
  private readonly now: () => number
  private readonly tokens = new Map<string, IssuedToken>()

  constructor(options: GoogleTokenIssuerOptions) {
    this.accounts = new Map(options.serviceAccounts.map((account) => [account.clientEmail, account]))
    this.audiences = new Set([GOOGLE_TOKEN_URL, ...(options.audiences ?? [])])
    this.now = options.now ?? Date.now
  }

  /** Accepts one more audience, such as the fake's own token URL once its port is known. */
  addAudience(audience: string): void {
    this.audiences.add(audience)
  }

  /** Answers a token request: the form body (`grant_type`, `assertion`) as sent. */
  exchange(form: string): TokenResponse {
    const params = new URLSearchParams(form)
    const grant = params.get("grant_type")
    if (grant !== JWT_BEARER) return oauthError("unsupported_grant_type", `Invalid grant_type: ${grant ?? ""}`)
    const assertion = params.get("assertion") ?? ""
    const parts = assertion.split(".")
    const [headerPart = "", payloadPart = "", signaturePart = ""] = parts
    const header = base64urlJson(headerPart)
    const claims = base64urlJson(payloadPart)
    if (parts.length !== 3 || !isRecord(header) || !isRecord(claims))
      return oauthError("invalid_grant", "Invalid JWT: could not be decoded.")
    if (header["alg"] !== "RS256") return oauthError("invalid_grant", "Invalid JWT Signature.")
    const account = typeof claims["iss"] === "string" ? this.accounts.get(claims["iss"]) : undefined
    if (!account) return oauthError("invalid_grant", "Invalid grant: account not found")
    const signed = verify(
      "sha256",
      Buffer.from(`${headerPart}.${payloadPart}`),
      createPublicKey(account.publicKey),
      Buffer.from(signaturePart, "base64url"),
    )
    if (!signed) return oauthError("invalid_grant", "Invalid JWT Signature.")
    if (typeof claims["aud"] !== "string" || !this.audiences.has(claims["aud"]))
      return oauthError(
        "invalid_grant",
        `Invalid JWT: Failed audience check. The right audience is ${GOOGLE_TOKEN_URL}`,
      )
    const now = this.now()
    const iat = claims["iat"]
    const exp = claims["exp"]
    if (
      typeof iat !== "number" ||
      typeof exp !== "number" ||
      exp * 1000 <= now ||
      iat * 1000 > now + SKEW_S * 1000 ||
      exp - iat > MAX_ASSERTION_S
    )
      return oauthError("invalid_grant", INVALID_TIMES)
    // An ID token request (`target_audience`) is another grant; Vertex clients ask for an access token with scopes.
    const scope = claims["scope"]
    if (typeof scope !== "string" || scope.trim() === "")
      return oauthError("invalid_scope", "Invalid OAuth scope or ID token audience provided.")
    const token = `ya29.fake-${randomId(60)}`
    const record: IssuedToken = {
      key_id: keyId(token),
      client_email: account.clientEmail,
      scope,
      issued_at: now,
      expires_at: now + TOKEN_LIFETIME_S * 1000,
    }
    this.tokens.set(token, record)
    this.issued.push(record)
    return { status: 200, body: { access_token: token, expires_in: TOKEN_LIFETIME_S, token_type: "Bearer" } }
  }

  /** The issued, unexpired token a request carries, if any. */
  valid(headers: Record<string, string>): IssuedToken | undefined {
    const token = bearerToken(headers)
    const record = token === undefined ? undefined : this.tokens.get(token)
    return record !== undefined && record.expires_at > this.now() ? record : undefined
  }

  /**
   * Vertex's 401 for a request on a Vertex route that does not carry a token this issuer gave out (an API key,
   * another bearer token, an expired one, none), with the message the request log records; undefined for the
   * other formats and for a valid token.
   */
  refusal(format: WireFormat, headers: Record<string, string>, pathname: string): Refusal | undefined {
    if (format !== "vertex" && format !== "vertex-anthropic") return undefined
    if (this.valid(headers)) return undefined
    const token = bearerToken(headers)
    const action = /:(\w+)$/.exec(pathname)?.[1] ?? "predict"
    const method = `google.cloud.aiplatform.v1.PredictionService.${action.charAt(0).toUpperCase()}${action.slice(1)}`
    if (token === undefined)
      return {
        ...vertexAuthError("CREDENTIALS_MISSING", method),
        message: "the request carried no Google access token",
      }
    const known = this.tokens.get(token)
    return {
      ...vertexAuthError("ACCESS_TOKEN_EXPIRED", method),
      message:
        known === undefined
          ? "the bearer token was not issued by the fake's Google token endpoint"
          : "the Google access token has expired",
    }
  }
}
