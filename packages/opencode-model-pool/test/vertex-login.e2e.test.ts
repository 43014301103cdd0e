// Claude on Vertex signs in as a Google service account: with no API key, @ai-sdk/google-vertex/anthropic asks
// google-auth-library for a token (application default credentials from GOOGLE_APPLICATION_CREDENTIALS), which
// signs a JWT with the key file's private key and exchanges it at https://oauth2.googleapis.com/token (always
// that URL: the library ignores the file's `token_uri`). The fake provider serves that exchange on loopback (an
// HTTPS proxy for that one host, with a test CA the opencode process trusts) and its Vertex route accepts only a
// token it issued. Nothing may leave the machine: the metadata server is never probed, and the proxy refuses,
// and records, any other host.
import { describe, expect, test } from "bun:test"
import { join } from "node:path"
import { createServiceAccountKey, type ServiceAccountKey } from "@model-pool/fake-provider"
import { answerOf } from "./opencode.ts"
import { reportOf, scenario, type Scenario } from "./scenario.ts"

const E2E = 90_000
const PROJECT = "vertex-e2e-project"
const LOCATION = "us-east5"
// A model of the catalog's google-vertex-anthropic provider in OpenCode 1.18.33.
const CLAUDE = "claude-sonnet-4-5@20250929"
const MEMBER = `google-vertex-anthropic/${CLAUDE}`
const ROUTE = `/v1/projects/${PROJECT}/locations/${LOCATION}/publishers/anthropic/models`

/**
 * The environment OpenCode is started with: the catalog's variables for the provider (they also enable it) and
 * what signs in through the fake. The sandbox spawns every command with `box.env`, so adding to it here is enough.
 */
function signIn(s: Scenario, account: ServiceAccountKey, credentials = true): void {
  const google = s.fake.google!.clientEnv(join(s.box.root, "google"), account)
  if (!credentials) delete (google as Record<string, string | undefined>).GOOGLE_APPLICATION_CREDENTIALS
  Object.assign(s.box.env, google, { GOOGLE_VERTEX_PROJECT: PROJECT, GOOGLE_VERTEX_LOCATION: LOCATION })
}

async function vertexFallback(account: ServiceAccountKey, credentials = true) {
  const s = await scenario(
    { "gpt-main": { kind: "rate_limit", retry_after_s: 3_600 }, [CLAUDE]: { kind: "text", text: "Claude on Vertex" } },
    {},
    { strict: true, google: { serviceAccounts: [account] } },
  )
  signIn(s, account, credentials)
  s.configure({
    provider: { ...s.providers(), "google-vertex-anthropic": { options: { baseURL: `${s.fake.url}${ROUTE}` } } },
    agent: { build: { model: "alpha/gpt-main", fallbacks: [MEMBER] } },
  })
  return s
}

describe("Claude on Vertex with a service-account login, over loopback only", () => {
  test(
    "a rate-limited primary falls back to it, and its call carries the token the fake's token endpoint issued",
    async () => {
      const account = createServiceAccountKey({ projectId: PROJECT })
      await using s = await vertexFallback(account)
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("Claude on Vertex")
      expect(reportOf(result)?.member).toBe(MEMBER)
      const google = s.fake.google!
      // One exchange of the key file's JWT, for the account in GOOGLE_APPLICATION_CREDENTIALS.
      expect(google.issued.map((issued) => [issued.client_email, issued.scope])).toEqual([
        [account.clientEmail, "https://www.googleapis.com/auth/cloud-platform"],
      ])
      const served = s.fake.requests.filter((request) => request.format === "vertex-anthropic")
      expect(served.map((request) => [request.model, request.key_id, request.rejected])).toEqual([
        [CLAUDE, google.issued[0]?.key_id, undefined],
      ])
      expect(served[0]?.path).toBe(`${ROUTE}/${CLAUDE}:streamRawPredict`)
      // No metadata server, no other Google host: the proxy was asked for nothing else.
      expect(google.refused).toEqual([])
      // The catalog's variables count as the provider's credentials: no false warning at start-up.
      expect(result.stderr).not.toContain("OpenCode has no credentials for provider google-vertex-anthropic")
      const secret = account.privateKey.split("\n")[1]!
      expect(result.stderr + JSON.stringify(s.fake.requests)).not.toContain(secret)
    },
    E2E,
  )

  test(
    "as the agent's primary, which OpenCode creates, it signs in the same way and answers first",
    async () => {
      const account = createServiceAccountKey({ projectId: PROJECT })
      await using s = await scenario(
        { [CLAUDE]: { kind: "text", text: "Claude first" } },
        {},
        { strict: true, google: { serviceAccounts: [account] } },
      )
      signIn(s, account)
      s.configure({
        provider: { ...s.providers(), "google-vertex-anthropic": { options: { baseURL: `${s.fake.url}${ROUTE}` } } },
        agent: { build: { model: MEMBER, fallbacks: ["alpha/gpt-main"] } },
      })
      const result = await s.ask("hello")
      expect(result.code).toBe(0)
      expect(answerOf(result)).toBe("Claude first")
      const issued = s.fake.google!.issued
      expect(issued.length).toBe(1)
      expect(s.fake.requests.map((request) => [request.format, request.key_id, request.rejected])).toEqual([
        ["vertex-anthropic", issued[0]?.key_id, undefined],
      ])
      expect(s.fake.google!.refused).toEqual([])
    },
    E2E,
  )

  test(
    "without the key file the package finds no credentials and fails at once, reaching no host",
    async () => {
      await using s = await vertexFallback(createServiceAccountKey({ projectId: PROJECT }), false)
      const result = await s.ask("hello")
      expect(result.code).not.toBe(0)
      expect(result.stderr).toContain("Could not load the default credentials")
      expect(s.fake.requests.filter((request) => request.format === "vertex-anthropic")).toEqual([])
      expect(s.fake.google!.issued).toEqual([])
      expect(s.fake.google!.refused).toEqual([])
    },
    E2E,
  )
})
