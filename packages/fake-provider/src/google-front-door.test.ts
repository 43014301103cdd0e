// The TLS front door: a separate process that knows nothing but the environment `clientEnv` gives it signs in
// with google-auth-library (which always posts to https://oauth2.googleapis.com/token) and calls Claude on Vertex,
// all on loopback; any other host asked of the proxy is refused and recorded.

import { afterAll, beforeAll, beforeEach, describe, expect, test } from "bun:test"
import { request } from "node:http"
import { mkdtempSync, rmSync } from "node:fs"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createServiceAccountKey } from "./google-oauth.ts"
import { startFakeProvider, type FakeProvider } from "./server.ts"
import { VERTEX_ANTHROPIC_PATH } from "./test-support.ts"

const PACKAGE_DIR = join(import.meta.dir, "..")
const account = createServiceAccountKey({ projectId: "front-door" })

// What the child runs: the package finds no key and no token generator, so it signs in from the environment.
const CHILD = `
import { createVertexAnthropic } from "@ai-sdk/google-vertex/anthropic"
import { generateText } from "ai"
const claude = createVertexAnthropic({ baseURL: process.env.VERTEX_BASE_URL })
const result = await generateText({ model: claude("claude-sonnet-4-5@20250929"), prompt: "hi", maxRetries: 0 })
console.log(JSON.stringify({ text: result.text }))
`

let fake: FakeProvider
let dir: string
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "fake-google-door-"))
  fake = await startFakeProvider({
    google: { serviceAccounts: [account] },
    script: { "*": { kind: "text", text: "through the front door" } },
  })
})
afterAll(async () => {
  await fake.stop()
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => fake.reset())

describe("a client process signs in to Vertex through the fake alone", () => {
  test("its JWT reaches the fake over TLS, and the token it gets is the one its Vertex call carries", async () => {
    const env = fake.google!.clientEnv(dir, account)
    expect(env).toMatchObject({ METADATA_SERVER_DETECTION: "none", HTTPS_PROXY: fake.url })
    const child = Bun.spawn([process.execPath, "-e", CHILD], {
      cwd: PACKAGE_DIR,
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: dir,
        ...env,
        VERTEX_BASE_URL: `${fake.url}${VERTEX_ANTHROPIC_PATH}`,
      },
      stdout: "pipe",
      stderr: "pipe",
    })
    const [stdout, stderr, code] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ])
    expect({ code, stderr: code === 0 ? "" : stderr }).toEqual({ code: 0, stderr: "" })
    expect(JSON.parse(stdout.trim())).toEqual({ text: "through the front door" })
    const [issued, ...more] = fake.google!.issued
    expect(more).toEqual([])
    expect(issued?.client_email).toBe(account.clientEmail)
    expect(fake.requests.map((record) => [record.format, record.key_id, record.rejected])).toEqual([
      ["vertex-anthropic", issued?.key_id, undefined],
    ])
    // Nothing asked the proxy for any other host: no metadata server, no Google API besides the token.
    expect(fake.google!.refused).toEqual([])
  }, 30_000)
})

describe("the proxy serves oauth2.googleapis.com only", () => {
  test("a tunnel to any other host is refused and recorded", async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(fake.port, "127.0.0.1", () => {
        socket.write("CONNECT aiplatform.googleapis.com:443 HTTP/1.1\r\nhost: aiplatform.googleapis.com:443\r\n\r\n")
      })
      let text = ""
      socket.on("data", (chunk) => (text += chunk.toString()))
      socket.on("close", () => resolve(text))
      socket.on("error", reject)
    })
    expect(reply).toStartWith("HTTP/1.1 403")
    expect(fake.google!.refused.at(-1)).toBe("aiplatform.googleapis.com:443")
  })

  test("a plain HTTP proxy request (the GCE metadata server's) is refused and recorded", async () => {
    const target = "http://169.254.169.254/computeMetadata/v1/instance"
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const sent = request({
        host: "127.0.0.1",
        port: fake.port,
        path: target,
        headers: { "metadata-flavor": "Google" },
      })
      sent.on("response", (response) => {
        response.resume()
        resolve(response.statusCode)
      })
      sent.on("error", reject)
      sent.end()
    })
    expect(status).toBe(403)
    expect(fake.google!.refused.at(-1)).toBe(target)
    expect(fake.requests).toEqual([])
  })
})
