// The loopback HTTP server: routes a request to its vendor, picks the next
// scripted step and plays it out, including the faults (hangs, resets, cuts)
// that only a real socket can produce. node:http is used instead of
// Bun.serve because it exposes the socket, which the faults need to destroy.

import { createServer } from "node:http"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { Socket } from "node:net"
import { anthropicVendor } from "./anthropic.ts"
import { bedrockVendor } from "./bedrock.ts"
import { cohereVendor } from "./cohere.ts"
import type { FakeGoogleAuth, GoogleAuthOptions } from "./google-front-door.ts"
import { startGoogleFrontDoor } from "./google-front-door.ts"
import { gatewayVendor } from "./gateway.ts"
import { googleVendor } from "./google.ts"
import { mistralToolId, mistralVendor } from "./mistral.ts"
import { openaiVendor, xaiVendor } from "./openai.ts"
import { perplexityVendor } from "./perplexity.ts"
import { responsesVendor, xaiResponsesVendor } from "./responses.ts"
import { vertexAnthropicVendor, vertexVendor } from "./vertex.ts"
import type { RecordedRequest } from "./request-log.ts"
import { keyId, redactHeaders, redactPath, RequestLog } from "./request-log.ts"
import type { Script, Step, TextStep, ToolCallStep } from "./script.ts"
import { defaultText, ScriptCursor } from "./script.ts"
import { ReasoningSigner } from "./signature.ts"
import { validate } from "./strict.ts"
import { ERROR_KINDS, errorResponse, type ErrorKind } from "./vendor-errors.ts"
import { observedError } from "./observed-errors.ts"
import type { Reply, ReplyContext, RequestShape, StreamEvent, Vendor, WireFormat } from "./vendor.ts"
import { estimateTokens, isRecord, randomId, sseFrame } from "./vendor.ts"

export interface FakeProviderOptions {
  script?: Script
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number
  /** Called for every logged request, e.g. to append it to a file. */
  onRequest?: (record: RecordedRequest) => void
  /**
   * Check each request against the vendor's own validation rules (see
   * strict.ts) before a step is used up, and answer a violation with the
   * vendor's 400 (or 404) error; the log entry then has `rejected`.
   */
  strict?: boolean
  /**
   * The only key each format accepts (as the vendor reads it: a bearer token, `x-api-key`, ...). Any other
   * request is answered with that vendor's 401 before a step is used up; the log entry then has `rejected`.
   */
  credentials?: Partial<Record<WireFormat, string>>
  /**
   * Google sign-in for Vertex AI (see google-front-door.ts): a service-account token endpoint and an HTTPS proxy
   * for oauth2.googleapis.com only. The Vertex routes then accept only access tokens it issued.
   */
  google?: GoogleAuthOptions
}

export interface FakeProvider extends AsyncDisposable {
  /** `http://127.0.0.1:PORT`, without a trailing slash. */
  readonly url: string
  readonly port: number
  /** Live log of the requests served so far, oldest first. */
  readonly requests: RecordedRequest[]
  /** Replaces the script and restarts every step sequence. */
  setScript(script: Script): void
  /** Clears the request log and restarts every step sequence; the script stays. */
  reset(): void
  /** Resolves once at least `count` requests are logged (default timeout 5 s). */
  waitForRequests(count: number, timeoutMs?: number): Promise<RecordedRequest[]>
  /** Closes the server and destroys every open connection, hung ones included. */
  stop(): Promise<void>
  /**
   * The signature this server issues for reasoning `text` from `model` in
   * `format`, for hand-built requests that replay the fake's own reasoning.
   */
  signReasoning(format: WireFormat, model: string, text: string): string
  /** The Google sign-in, when the `google` option was given. */
  readonly google: FakeGoogleAuth | undefined
}

// Vertex's Gemini paths also end in `:generateContent`, so its vendor must be asked before the Gemini API's;
// Perplexity's, Mistral's and xAI's end in OpenAI's `/chat/completions` (xAI's also in `/responses`), so they are
// asked before OpenAI.
const VENDORS: readonly Vendor[] = [
  perplexityVendor,
  mistralVendor,
  xaiVendor,
  xaiResponsesVendor,
  openaiVendor,
  responsesVendor,
  anthropicVendor,
  vertexVendor,
  vertexAnthropicVendor,
  googleVendor,
  bedrockVendor,
  cohereVendor,
  gatewayVendor,
]
const DEFAULT_CHUNKS = 3
const DEFAULT_WAIT_MS = 5000

const ERROR_STEPS: ReadonlySet<string> = new Set(ERROR_KINDS)

function isErrorStep(step: Step): step is Extract<Step, { kind: ErrorKind }> {
  return ERROR_STEPS.has(step.kind)
}

/** The vendor's 401 for a key other than the one the format accepts, when the server was given one. */
function refusedCredentials(
  format: WireFormat,
  key: string | undefined,
  credentials: FakeProviderOptions["credentials"],
  model: string,
) {
  const expected = credentials?.[format]
  if (expected === undefined || key === expected) return undefined
  return { ...errorResponse(format, "unauthorized", { model }), message: "the request did not carry the accepted key" }
}

/** Everything one request handler needs, bundled so helpers stay small. */
interface Exchange {
  req: IncomingMessage
  res: ServerResponse
  vendor: Vendor
  shape: RequestShape
  ctx: ReplyContext
  signer: ReasoningSigner
  /** Aborted when the client goes away, so delays and streams stop early. */
  signal: AbortSignal
  /** Gemini without `?alt=sse` streams one JSON array instead of SSE. */
  jsonArrayStream: boolean
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    signal.addEventListener("abort", done, { once: true })
    function done() {
      clearTimeout(timer)
      signal.removeEventListener("abort", done)
      resolve()
    }
  })
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value
  }
  return result
}

/** The raw bytes: a signature covers them exactly, not their UTF-8 decoding. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
  return Buffer.concat(chunks)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // Keep the raw text so a test can see what a broken client sent.
    return text
  }
}

/** Resolves when the data is handed to the socket, or when the socket is gone. */
function write(res: ServerResponse, text: string | Uint8Array): Promise<void> {
  if (res.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    res.once("close", resolve)
    res.write(text, () => {
      res.off("close", resolve)
      resolve()
    })
  })
}

function sendJson(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { ...headers, "content-length": String(Buffer.byteLength(text)) })
  res.end(text)
}

/** Each vendor's tool ids look different; clients only echo them back, but keep them plausible. */
function defaultToolId(vendor: Vendor, name: string, model: string): string {
  // The AI Gateway relays its upstream provider's ids.
  const claude = vendor.format === "gateway" && model.startsWith("anthropic/")
  if (vendor.format === "anthropic" || vendor.format === "vertex-anthropic" || claude) return `toolu_01${randomId(22)}`
  if (vendor.format === "cohere") return `${name}_${randomId(12).toLowerCase()}`
  if (vendor.format === "bedrock") return `tooluse_${randomId(22)}`
  if (vendor.format === "mistral") return mistralToolId()
  return `call_${randomId(24)}`
}

function replyFor(ex: Exchange, step: Step): Reply {
  const model = ex.shape.model
  if (step.kind === "cut" || step.kind === "stream_error") return { text: step.text ?? "" }
  if (step.kind !== "text" && step.kind !== "tool_call") return { text: "" }
  const reasoning =
    step.reasoning === undefined
      ? {}
      : { reasoning: { text: step.reasoning, signature: ex.signer.sign(ex.vendor.format, model, step.reasoning) } }
  if (step.kind === "text") return { text: step.text ?? defaultText(model), ...reasoning }
  const toolCall = { id: step.id ?? defaultToolId(ex.vendor, step.name, model), name: step.name, input: step.input }
  return { text: step.text ?? "", toolCall, ...reasoning }
}

function streamContentType(ex: Exchange): string {
  if (ex.vendor.encoding !== undefined) return ex.vendor.encoding.contentType
  return ex.jsonArrayStream ? "application/json; charset=UTF-8" : "text/event-stream; charset=utf-8"
}

function startStream(ex: Exchange, extra: Record<string, string> = {}): void {
  ex.res.writeHead(200, {
    "content-type": streamContentType(ex),
    "cache-control": "no-cache",
    connection: "keep-alive",
    ...ex.vendor.headers?.(),
    ...extra,
  })
  // Send headers now: a client waiting for the response must see them before any frame.
  ex.res.flushHeaders()
}

/**
 * Writes frames one by one, pausing `delayMs` between them. Returns false when
 * the client went away, so callers stop instead of writing into a dead socket.
 */
async function writeFrames(ex: Exchange, frames: StreamEvent[], delayMs: number): Promise<boolean> {
  for (const [index, frame] of frames.entries()) {
    if (index > 0) await sleep(delayMs, ex.signal)
    if (ex.signal.aborted) return false
    await write(ex.res, encodeFrame(ex, frame, index))
  }
  return !ex.signal.aborted
}

function encodeFrame(ex: Exchange, frame: StreamEvent, index: number): string | Uint8Array {
  if (ex.vendor.encoding !== undefined) return ex.vendor.encoding.frame(frame)
  // Every caller writes a whole response body, so the first frame opens the JSON array.
  if (ex.jsonArrayStream) return `${index === 0 ? "[" : ",\r\n"}${JSON.stringify(frame.data)}`
  return sseFrame(frame)
}

/** Gemini's JSON-array mode has no [DONE]-style marker frames. */
function arrayFrames(ex: Exchange, frames: StreamEvent[]): StreamEvent[] {
  return ex.jsonArrayStream ? frames.filter((frame) => typeof frame.data !== "string") : frames
}

async function serveReply(ex: Exchange, step: TextStep | ToolCallStep): Promise<void> {
  const reply = replyFor(ex, step)
  const extra = step.headers ?? {}
  if (!ex.shape.stream) {
    sendJson(
      ex.res,
      200,
      { "content-type": "application/json", ...ex.vendor.headers?.(), ...extra },
      ex.vendor.json(reply, ex.ctx),
    )
    return
  }
  const plan = ex.vendor.stream(reply, ex.ctx)
  startStream(ex, extra)
  const frames = arrayFrames(ex, [...plan.open, ...plan.content, ...plan.close])
  if (!(await writeFrames(ex, frames, step.chunk_delay_ms ?? 0))) return
  ex.res.end(ex.jsonArrayStream ? "]" : undefined)
}

async function serveCut(ex: Exchange, step: Extract<Step, { kind: "cut" }>): Promise<void> {
  const reply = replyFor(ex, step)
  if (!ex.shape.stream) {
    // Promise the whole body, deliver half of it, then drop the connection.
    const text = JSON.stringify(ex.vendor.json(reply, ex.ctx))
    ex.res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) })
    await write(ex.res, text.slice(0, Math.floor(text.length / 2)))
    ex.res.destroy()
    return
  }
  const plan = ex.vendor.stream(reply, ex.ctx)
  startStream(ex)
  await writeFrames(ex, arrayFrames(ex, [...plan.open, ...plan.content]), step.chunk_delay_ms ?? 0)
  // Give the client a moment to read the frames, so the drop lands mid-stream rather than racing them.
  await sleep(20, ex.signal)
  ex.res.destroy()
}

async function serveStreamError(ex: Exchange, step: Extract<Step, { kind: "stream_error" }>): Promise<void> {
  // There is no stream to break in a non-streaming call; the same outage shows up as an overloaded error.
  if (!ex.shape.stream) {
    const error = errorResponse(ex.vendor.format, "overloaded", { model: ex.shape.model })
    sendJson(ex.res, error.status, error.headers, error.body)
    return
  }
  startStream(ex)
  const reply = replyFor(ex, step)
  const plan = ex.vendor.stream(reply, ex.ctx)
  const before = reply.text === "" ? [] : [...plan.open, ...plan.content]
  const frames = arrayFrames(ex, [...before, ...ex.vendor.streamError(ex.ctx, before, step)])
  if (!(await writeFrames(ex, frames, step.chunk_delay_ms ?? 0))) return
  ex.res.end(ex.jsonArrayStream ? "]" : undefined)
}

async function serveHang(ex: Exchange, step: Extract<Step, { kind: "hang" }>): Promise<void> {
  if (step.after_headers === true && ex.shape.stream) {
    startStream(ex)
    await writeFrames(ex, ex.vendor.stream({ text: "" }, ex.ctx).open, 0)
  }
  // Never answer: the client's abort or stop() closes the socket, which ends this exchange.
}

function serveObserved(ex: Exchange, id: string): void {
  const observed = observedError(id)
  if (observed === undefined) {
    const message = `fake-provider knows no observed vendor error ${JSON.stringify(id)}`
    sendJson(ex.res, 404, { "content-type": "application/json" }, { error: { message, type: "not_found" } })
    return
  }
  sendJson(ex.res, observed.response.status, observed.response.headers, observed.response.body)
}

async function serveStep(ex: Exchange, step: Step): Promise<void> {
  await sleep(step.delay_ms ?? 0, ex.signal)
  if (ex.signal.aborted) return
  if (isErrorStep(step)) {
    const error = errorResponse(ex.vendor.format, step.kind, { ...step, model: ex.shape.model })
    sendJson(ex.res, error.status, error.headers, error.body)
    return
  }
  switch (step.kind) {
    case "vendor_error":
      return serveObserved(ex, step.error)
    case "text":
    case "tool_call":
      return serveReply(ex, step)
    case "cut":
      return serveCut(ex, step)
    case "stream_error":
      return serveStreamError(ex, step)
    case "hang":
      return serveHang(ex, step)
    case "reset":
      // Destroy before any byte is written: the client sees a connection reset, not a response.
      ex.req.socket.destroy()
      return
  }
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const cursor = new ScriptCursor(options.script ?? {})
  const log = new RequestLog(options.onRequest)
  const sockets = new Set<Socket>()
  const signer = new ReasoningSigner()
  // The Responses API keeps stored answers' items so later input can name them by id; so does the fake.
  const items = new Map<string, Record<string, unknown>>()
  const remember = (item: Record<string, unknown>) => {
    if (typeof item["id"] === "string") items.set(item["id"], item)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.timeOrigin + performance.now()
    const url = new URL(req.url ?? "/", "http://127.0.0.1")
    if (google?.serves(req)) return google.serve(req, res)
    const vendor = VENDORS.find((candidate) => candidate.matches(url.pathname))
    if (vendor === undefined || req.method !== "POST") {
      sendJson(
        res,
        404,
        { "content-type": "application/json" },
        {
          error: { message: `fake-provider has no route for ${req.method} ${url.pathname}`, type: "not_found" },
        },
      )
      return
    }
    const controller = new AbortController()
    res.on("close", () => controller.abort())

    const raw = await readBody(req)
    const body = parseJson(raw.toString("utf8"))
    const headers = flatHeaders(req)
    const shape = vendor.shape(url, body, headers)
    const key = vendor.apiKey(headers, url)
    // A signature is checked first, as a real front door refuses an unsigned request before anything else.
    const rejection =
      vendor.authorize?.({ method: req.method, target: req.url ?? "/", headers, body: raw }) ??
      refusedCredentials(vendor.format, key, options.credentials, shape.model) ??
      google?.issuer.refusal(vendor.format, headers, url.pathname) ??
      (options.strict === true
        ? validate(vendor.format, isRecord(body) ? body : {}, { model: shape.model, signer, items })
        : undefined)
    // A rejected request never reached the model, so the step stays due for the next one.
    const step: Step = (rejection === undefined ? cursor.next(shape.model) : cursor.peek(shape.model)) ?? {
      kind: "text",
    }
    const record: RecordedRequest = {
      format: vendor.format,
      model: shape.model,
      path: redactPath(url),
      method: req.method,
      stream: shape.stream,
      body,
      headers: redactHeaders(headers),
      key_id: key === undefined ? undefined : keyId(key),
      step: step.kind,
      at: arrived,
      ...(rejection === undefined ? {} : { rejected: rejection.message }),
    }
    res.on("finish", () => {
      record.answered = performance.timeOrigin + performance.now()
    })
    res.on("close", () => {
      if (!res.writableFinished) record.abandoned = performance.timeOrigin + performance.now()
    })
    log.append(record)
    if (rejection !== undefined) {
      sendJson(res, rejection.status, rejection.headers, rejection.body)
      return
    }

    const chunks = "chunks" in step && step.chunks !== undefined ? step.chunks : DEFAULT_CHUNKS
    await serveStep(
      {
        req,
        res,
        vendor,
        shape,
        ctx: {
          model: shape.model,
          chunks,
          includeUsage: shape.includeUsage,
          promptTokens: estimateTokens(body),
          includeEncryptedReasoning: shape.includeEncryptedReasoning,
          remember: shape.store === true ? remember : undefined,
        },
        signer,
        signal: controller.signal,
        jsonArrayStream:
          (vendor.format === "google" || vendor.format === "vertex") &&
          shape.stream &&
          url.searchParams.get("alt") !== "sse",
      },
      step,
    )
  }

  const google = options.google === undefined ? undefined : await startGoogleFrontDoor(options.google)
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake must show up in the test as a 500, not as a hang.
      if (!res.headersSent) {
        sendJson(
          res,
          500,
          { "content-type": "application/json" },
          { error: { message: String(error), type: "fake_provider_bug" } },
        )
        return
      }
      res.destroy()
    })
  })
  if (google) server.on("connect", google.connect)
  server.on("connection", (socket: Socket) => {
    sockets.add(socket)
    socket.on("close", () => sockets.delete(socket))
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === "string") throw new Error("fake-provider: server has no TCP address")
  const port = address.port
  google?.bind(`http://127.0.0.1:${port}`)

  let stopping: Promise<void> | undefined
  function stop(): Promise<void> {
    stopping ??= new Promise<void>((resolve) => {
      server.close(() => (google ? google.stop().then(resolve) : resolve()))
      // close() waits for open connections; hung and keep-alive ones never end on their own.
      for (const socket of sockets) socket.destroy()
    })
    return stopping
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: log.records,
    setScript: (script) => cursor.set(script),
    reset: () => {
      log.clear()
      cursor.rewind()
    },
    waitForRequests: (count, timeoutMs = DEFAULT_WAIT_MS) => log.waitFor(count, timeoutMs),
    stop,
    signReasoning: (format, model, text) => signer.sign(format, model, text),
    google: google?.public,
    [Symbol.asyncDispose]: stop,
  }
}
