import { createOpenAI } from "@ai-sdk/openai"
import { generateText } from "ai"
import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { createServer, type Server } from "node:http"
import { createServer as createTcpServer } from "node:net"
import type { AddressInfo } from "node:net"
import { classify } from "./classify.ts"

/** A 127.0.0.1 port that nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createTcpServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

// One server that drops every connection before sending headers, one that never answers.
const resetting = createServer((request) => request.socket.destroy())
const silent = createServer(() => {})
let resettingUrl = ""
let silentUrl = ""

beforeAll(async () => {
  resettingUrl = await listen(resetting)
  silentUrl = await listen(silent)
})

afterAll(() => {
  resetting.close()
  silent.closeAllConnections()
  silent.close()
})

describe("classify on what Bun's fetch throws", () => {
  test("a refused connection is provider_unavailable and retryable", async () => {
    const error = await rejectionOf(fetch(`http://127.0.0.1:${await closedPort()}/v1/chat/completions`))
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", quota: false, retryable: true })
    expect(classify(error).status).toBeUndefined()
  })

  test("a socket destroyed before the response headers is provider_unavailable", async () => {
    const error = await rejectionOf(fetch(resettingUrl, { method: "POST", body: "{}" }))
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", retryable: true })
  })

  test("an AbortController abort is aborted and never retryable", async () => {
    const controller = new AbortController()
    const pending = fetch(silentUrl, { signal: controller.signal })
    setTimeout(() => controller.abort(), 20)
    const error = await rejectionOf(pending)
    expect(classify(error)).toMatchObject({ condition: "aborted", quota: false, retryable: false })
  })

  test("an AbortSignal.timeout expiry is timeout", async () => {
    const error = await rejectionOf(fetch(silentUrl, { signal: AbortSignal.timeout(30) }))
    expect(classify(error)).toMatchObject({ condition: "timeout", retryable: true })
  })
})

describe("classify on network failures surfaced by a real provider through generateText", () => {
  const model = (baseURL: string) => createOpenAI({ baseURL, apiKey: "sk-test-0000000000000000" }).chat("gpt-4o")

  test("a refused connection is provider_unavailable", async () => {
    const baseURL = `http://127.0.0.1:${await closedPort()}/v1`
    const error = await rejectionOf(generateText({ model: model(baseURL), prompt: "hi", maxRetries: 0 }))
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", retryable: true })
  })

  test("a connection reset before headers is provider_unavailable", async () => {
    const error = await rejectionOf(generateText({ model: model(resettingUrl), prompt: "hi", maxRetries: 0 }))
    expect(classify(error)).toMatchObject({ condition: "provider_unavailable", retryable: true })
  })

  test("the caller's abort signal is aborted", async () => {
    const controller = new AbortController()
    const pending = generateText({
      model: model(silentUrl),
      prompt: "hi",
      maxRetries: 0,
      abortSignal: controller.signal,
    })
    setTimeout(() => controller.abort(), 20)
    expect(classify(await rejectionOf(pending)).condition).toBe("aborted")
  })

  test("a timeout signal is timeout", async () => {
    const pending = generateText({
      model: model(silentUrl),
      prompt: "hi",
      maxRetries: 0,
      abortSignal: AbortSignal.timeout(30),
    })
    expect(classify(await rejectionOf(pending)).condition).toBe("timeout")
  })
})

describe("classify on network errors as Node and undici shape them", () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
  const fetchFailed = (cause: Error) => new TypeError("fetch failed", { cause })

  test("undici's fetch failed with an ECONNREFUSED cause is provider_unavailable", () => {
    const error = fetchFailed(withCode("connect ECONNREFUSED 127.0.0.1:8080", "ECONNREFUSED"))
    expect(classify(error).condition).toBe("provider_unavailable")
  })

  test("ENOTFOUND and EAI_AGAIN DNS failures are provider_unavailable", () => {
    expect(classify(fetchFailed(withCode("getaddrinfo ENOTFOUND api.example.com", "ENOTFOUND"))).condition).toBe(
      "provider_unavailable",
    )
    expect(classify(fetchFailed(withCode("getaddrinfo EAI_AGAIN api.example.com", "EAI_AGAIN"))).condition).toBe(
      "provider_unavailable",
    )
  })

  test("UND_ERR_SOCKET other side closed is provider_unavailable", () => {
    expect(classify(fetchFailed(withCode("other side closed", "UND_ERR_SOCKET"))).condition).toBe(
      "provider_unavailable",
    )
  })

  test("UND_ERR_HEADERS_TIMEOUT and ETIMEDOUT are timeout", () => {
    expect(classify(fetchFailed(withCode("Headers Timeout Error", "UND_ERR_HEADERS_TIMEOUT"))).condition).toBe(
      "timeout",
    )
    expect(classify(fetchFailed(withCode("connect ETIMEDOUT 10.0.0.1:443", "ETIMEDOUT"))).condition).toBe("timeout")
  })

  test("Bun's ConnectionRefused and ConnectionClosed codes are provider_unavailable", () => {
    expect(
      classify(withCode("Unable to connect. Is the computer able to access the url?", "ConnectionRefused")).condition,
    ).toBe("provider_unavailable")
    expect(classify(withCode("The socket connection was closed unexpectedly.", "ConnectionClosed")).condition).toBe(
      "provider_unavailable",
    )
  })

  test("a bare socket hang up message is provider_unavailable", () => {
    expect(classify(new Error("socket hang up")).condition).toBe("provider_unavailable")
  })

  test("a DOMException TimeoutError is timeout and an AbortError is aborted", () => {
    expect(classify(new DOMException("The operation timed out.", "TimeoutError")).condition).toBe("timeout")
    expect(classify(new DOMException("The operation was aborted.", "AbortError")).condition).toBe("aborted")
  })

  test("a host's named transport limit (headers, chunks) is timeout, whatever its message says", () => {
    const named = (name: string, message: string) => Object.assign(new Error(message), { name })
    expect(classify(named("HeaderTimeoutError", "no response headers within 1000 ms")).condition).toBe("timeout")
    expect(classify(named("ChunkTimeoutError", "nothing read for 1000 ms")).condition).toBe("timeout")
  })

  test("an abort wrapped as the cause of another error is still aborted", () => {
    const error = new Error("stream failed", { cause: new DOMException("The operation was aborted.", "AbortError") })
    expect(classify(error).condition).toBe("aborted")
  })

  test("a network error is classified by its code alone, whatever its message says", () => {
    const codes: [string, string][] = [
      ["ECONNREFUSED", "provider_unavailable"],
      ["ECONNRESET", "provider_unavailable"],
      ["ECONNABORTED", "provider_unavailable"],
      ["ENOTFOUND", "provider_unavailable"],
      ["EAI_AGAIN", "provider_unavailable"],
      ["EPIPE", "provider_unavailable"],
      ["EHOSTUNREACH", "provider_unavailable"],
      ["EHOSTDOWN", "provider_unavailable"],
      ["ENETUNREACH", "provider_unavailable"],
      ["ENETDOWN", "provider_unavailable"],
      ["ConnectionRefused", "provider_unavailable"],
      ["ConnectionClosed", "provider_unavailable"],
      ["FailedToOpenSocket", "provider_unavailable"],
      ["UND_ERR_SOCKET", "provider_unavailable"],
      ["UND_ERR_CLOSED", "provider_unavailable"],
      ["ERR_STREAM_PREMATURE_CLOSE", "provider_unavailable"],
      ["ETIMEDOUT", "timeout"],
      ["ESOCKETTIMEDOUT", "timeout"],
      ["ERR_SOCKET_CONNECTION_TIMEOUT", "timeout"],
      ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
      ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
      ["UND_ERR_BODY_TIMEOUT", "timeout"],
    ]
    // A host may reword the message (another language, its own prefix); the code is what the runtime guarantees.
    // Bun's fetch and Node's http client throw these errors bare; undici wraps them in "fetch failed".
    const classified = codes.map(([code]) => [code, classify(withCode("la requête a échoué", code)).condition])
    expect(classified).toEqual(codes)
  })

  test("a network error without a code the classifier knows is other, unless its message tells", () => {
    expect(classify(withCode("la requête a échoué", "ESOMETHING")).condition).toBe("other")
    expect(classify(fetchFailed(withCode("la requête a échoué", "ESOMETHING"))).condition).toBe("provider_unavailable")
  })
})
