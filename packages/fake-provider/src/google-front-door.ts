// Google sign-in for Vertex AI clients, all on loopback. google-auth-library (Node) ignores a key file's
// `token_uri` and always posts the service-account JWT to https://oauth2.googleapis.com/token. So besides serving
// the token endpoint on its own port (`POST /google/token`, for clients that honour `token_uri`), the fake is an
// HTTPS proxy for exactly that one host: a client process started with `HTTPS_PROXY` at the fake and the fake's
// test CA in `NODE_EXTRA_CA_CERTS` opens `CONNECT oauth2.googleapis.com:443`, and the fake terminates TLS with a
// certificate its own CA signed for that name. Every other host a client asks the proxy for is refused and
// recorded, so a test can show that nothing tried to leave the machine.

import { createServer as createHttpsServer } from "node:https"
import type { IncomingMessage, ServerResponse } from "node:http"
import { mkdirSync, writeFileSync } from "node:fs"
import { connect, type Socket } from "node:net"
import { join } from "node:path"
import type { Duplex } from "node:stream"
import {
  GOOGLE_TOKEN_PATH,
  GOOGLE_TOKEN_URL,
  GoogleTokenIssuer,
  type IssuedToken,
  type ServiceAccountKey,
  type TokenResponse,
  writeServiceAccountFile,
} from "./google-oauth.ts"
import { createCertificateAuthority } from "./x509.ts"

export interface GoogleAuthOptions {
  /** The service accounts whose JWTs the token endpoint accepts. */
  serviceAccounts: readonly ServiceAccountKey[]
  /** Epoch ms, for token expiry; a test may pass its own clock. */
  now?: () => number
}

/** What a test sees of the fake's Google sign-in (`fake.google`). */
export interface FakeGoogleAuth {
  /** `${fake.url}/google/token`, the `token_uri` of the key files written for the fake. */
  readonly tokenUrl: string
  /** The PEM certificate of the CA that signed the front door's certificate for oauth2.googleapis.com. */
  readonly caCertificate: string
  /** Access tokens issued so far, oldest first (by `key_id`, never the token). */
  readonly issued: readonly IssuedToken[]
  /** `host:port` (CONNECT) or URLs (plain HTTP) a client asked the proxy for and was refused, oldest first. */
  readonly refused: readonly string[]
  /**
   * Writes the service account's key file and the CA certificate into `dir`, and returns the environment a
   * client process needs to sign in through the fake: GOOGLE_APPLICATION_CREDENTIALS, NODE_EXTRA_CA_CERTS, the
   * proxy variables (loopback excluded) and METADATA_SERVER_DETECTION=none, so google-auth-library never looks
   * for a GCE metadata server.
   */
  clientEnv(dir: string, account: ServiceAccountKey): Record<string, string>
}

/** The server-side half the fake's HTTP server wires in. */
export interface GoogleFrontDoor {
  readonly issuer: GoogleTokenIssuer
  readonly public: FakeGoogleAuth
  /** Learns the fake's URL once it listens: its token URL becomes an accepted audience. */
  bind(url: string): void
  /** True for the requests this module answers: the token endpoint, and proxy requests for other hosts. */
  serves(req: IncomingMessage): boolean
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>
  /** The HTTP server's `connect` listener. */
  connect(req: IncomingMessage, socket: Duplex, head: Buffer): void
  stop(): Promise<void>
}

const GOOGLE_TOKEN_HOST = new URL(GOOGLE_TOKEN_URL).hostname
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"])

function send(res: ServerResponse, answer: TokenResponse): void {
  const text = JSON.stringify(answer.body)
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-cache, no-store, max-age=0, must-revalidate",
    "content-length": String(Buffer.byteLength(text)),
  })
  res.end(text)
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks).toString("utf8")
}

/** A request line in absolute form (`GET http://host/...`) is a proxy request. */
function proxiedHost(req: IncomingMessage): string | undefined {
  const target = req.url ?? "/"
  if (!/^https?:\/\//i.test(target)) return undefined
  try {
    return new URL(target).hostname
  } catch {
    return target
  }
}

export async function startGoogleFrontDoor(options: GoogleAuthOptions): Promise<GoogleFrontDoor> {
  const issuer = new GoogleTokenIssuer({ serviceAccounts: options.serviceAccounts, now: options.now })
  const refused: string[] = []
  const ca = createCertificateAuthority("fake-provider Google front door CA")
  const serverKey = ca.issue([GOOGLE_TOKEN_HOST])
  const sockets = new Set<Duplex>()
  let origin = ""

  async function answerToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readText(req)
    if (req.method !== "POST") {
      send(res, { status: 405, body: { error: "invalid_request", error_description: "Use POST." } })
      return
    }
    send(res, issuer.exchange(form))
  }

  // The TLS end of the tunnel: oauth2.googleapis.com as the client sees it.
  const tls = createHttpsServer({ key: serverKey.privateKey, cert: serverKey.certificate }, (req, res) => {
    const path = new URL(req.url ?? "/", GOOGLE_TOKEN_URL).pathname
    if (path === new URL(GOOGLE_TOKEN_URL).pathname) {
      answerToken(req, res).catch(() => res.destroy())
      return
    }
    send(res, { status: 404, body: { error: "not_found", error_description: `fake Google has no ${path}` } })
  })
  tls.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })
  await new Promise<void>((resolve, reject) => {
    tls.once("error", reject)
    tls.listen(0, "127.0.0.1", () => {
      tls.off("error", reject)
      resolve()
    })
  })
  const address = tls.address()
  if (address === null || typeof address === "string") throw new Error("fake-provider: TLS front door has no port")
  const tlsPort = address.port

  const publicView: FakeGoogleAuth = {
    get tokenUrl() {
      return `${origin}${GOOGLE_TOKEN_PATH}`
    },
    caCertificate: ca.certificate,
    issued: issuer.issued,
    refused,
    clientEnv(dir, account) {
      mkdirSync(dir, { recursive: true })
      const credentials = writeServiceAccountFile(
        join(dir, "service-account.json"),
        account,
        `${origin}${GOOGLE_TOKEN_PATH}`,
      )
      const caFile = join(dir, "fake-google-ca.pem")
      writeFileSync(caFile, ca.certificate)
      const noProxy = "127.0.0.1,localhost,::1"
      return {
        GOOGLE_APPLICATION_CREDENTIALS: credentials,
        NODE_EXTRA_CA_CERTS: caFile,
        HTTPS_PROXY: origin,
        https_proxy: origin,
        HTTP_PROXY: origin,
        http_proxy: origin,
        NO_PROXY: noProxy,
        no_proxy: noProxy,
        METADATA_SERVER_DETECTION: "none",
      }
    },
  }

  return {
    issuer,
    public: publicView,
    bind(url) {
      origin = url
      issuer.addAudience(`${url}${GOOGLE_TOKEN_PATH}`)
    },
    serves(req) {
      const host = proxiedHost(req)
      if (host !== undefined) return !LOOPBACK.has(host)
      return new URL(req.url ?? "/", "http://127.0.0.1").pathname === GOOGLE_TOKEN_PATH
    },
    async serve(req, res) {
      const host = proxiedHost(req)
      if (host !== undefined) {
        refused.push(req.url ?? host)
        await readText(req)
        send(res, { status: 403, body: { error: "forbidden", error_description: "fake-provider proxies no host" } })
        return
      }
      await answerToken(req, res)
    },
    connect(req, socket, head) {
      sockets.add(socket)
      socket.on("close", () => sockets.delete(socket))
      socket.on("error", () => socket.destroy())
      const target = req.url ?? ""
      if (target !== `${GOOGLE_TOKEN_HOST}:443`) {
        refused.push(target)
        socket.end("HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n")
        return
      }
      const upstream = connect(tlsPort, "127.0.0.1", () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n")
        if (head.length > 0) upstream.write(head)
        upstream.pipe(socket)
        socket.pipe(upstream)
      })
      sockets.add(upstream)
      upstream.on("close", () => {
        sockets.delete(upstream)
        socket.destroy()
      })
      upstream.on("error", () => socket.destroy())
      socket.on("close", () => upstream.destroy())
    },
    stop() {
      return new Promise<void>((resolve) => {
        tls.close(() => resolve())
        for (const socket of sockets) socket.destroy()
      })
    },
  }
}
