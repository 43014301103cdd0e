// The transport OpenCode gives every provider it creates, for the members the plugin builds itself. OpenCode 1.18
// wraps each provider's fetch with three limits, read from the provider's options: `headerTimeout` (the response
// headers must arrive in time, 5 min unless set; `false` turns it off), `chunkTimeout` (each read of an event
// stream must yield in time, 5 min unless set; 0 turns it off) and `timeout` (the whole request, off unless
// set). It also switches off Bun's own fetch timeout, which would cut long streams. A member built from
// OpenCode's provider list gets the same limits here, on top of the fetch an auth plugin may have supplied.

import { ChunkTimeoutError, HeaderTimeoutError } from "./errors.ts"

/** Starts a timer; returns the function that cancels it. Injected by tests. */
export type Schedule = (run: () => void, ms: number) => () => void

const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms)
  return () => clearTimeout(timer)
}

/** OpenCode's default for both the header and the chunk limit. */
export const DEFAULT_TRANSPORT_TIMEOUT_MS = 300_000

/** The options OpenCode reads its transport limits from, as a provider's `options` carry them. */
export interface TransportOptions {
  timeout?: unknown
  headerTimeout?: unknown
  chunkTimeout?: unknown
}

const positive = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined

/** Re-reads an event stream, failing any read that takes longer than `ms`. */
function limitChunks(response: Response, ms: number, abort: AbortController, schedule: Schedule): Response {
  if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream")) return response
  const reader = response.body.getReader()
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const read = await new Promise<Awaited<ReturnType<typeof reader.read>>>((resolve, reject) => {
        const cancel = schedule(() => {
          const error = new ChunkTimeoutError(ms)
          abort.abort(error)
          reader.cancel(error).catch(() => {})
          reject(error)
        }, ms)
        reader.read().then(
          (result) => {
            cancel()
            resolve(result)
          },
          (error: unknown) => {
            cancel()
            reject(error)
          },
        )
      })
      if (read.done) controller.close()
      else controller.enqueue(read.value)
    },
    async cancel(reason) {
      abort.abort(reason)
      await reader.cancel(reason)
    },
  })
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers })
}

/** `fetch` with OpenCode's transport limits, over `base` (an auth plugin's fetch) or the platform's fetch. */
export function transportFetch(
  options: TransportOptions,
  base: typeof fetch | undefined,
  schedule: Schedule = realSchedule,
): typeof fetch {
  const headerMs =
    options.headerTimeout === false ? undefined : (positive(options.headerTimeout) ?? DEFAULT_TRANSPORT_TIMEOUT_MS)
  const chunkMs = options.chunkTimeout === undefined ? DEFAULT_TRANSPORT_TIMEOUT_MS : positive(options.chunkTimeout)
  const totalMs = positive(options.timeout)
  const send = base ?? fetch
  const limited = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
    const signals: AbortSignal[] = init?.signal ? [init.signal] : []
    const chunks = chunkMs === undefined ? undefined : new AbortController()
    if (chunks) signals.push(chunks.signal)
    const headers = headerMs === undefined ? undefined : new AbortController()
    const cancelHeaders = headers
      ? schedule(() => headers.abort(new HeaderTimeoutError(headerMs!)), headerMs!)
      : () => {}
    if (headers) signals.push(headers.signal)
    if (totalMs !== undefined) signals.push(AbortSignal.timeout(totalMs))
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals)
    // `timeout: false` switches Bun's own fetch timeout off, as OpenCode does; other runtimes ignore it.
    const response = await send(input, {
      ...init,
      ...(signal ? { signal } : {}),
      timeout: false,
    } as RequestInit).finally(cancelHeaders)
    return chunks && chunkMs !== undefined ? limitChunks(response, chunkMs, chunks, schedule) : response
  }
  return Object.assign(limited, { preconnect: fetch.preconnect }) as typeof fetch
}
