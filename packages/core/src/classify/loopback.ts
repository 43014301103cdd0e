// Test helper: a throwaway HTTP server on 127.0.0.1 that answers every request with one canned response, so the real
// provider packages can be driven against exact vendor error payloads without any network.

/** One canned HTTP answer. */
export interface CannedResponse {
  status: number
  headers?: Record<string, string>
  body: string
}

/** Runs `use` against a loopback server answering every request with `response`; always stops the server. */
export async function withLoopback<T>(response: CannedResponse, use: (baseURL: string) => Promise<T>): Promise<T> {
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () =>
      new Response(response.body, {
        status: response.status,
        headers: { "content-type": "application/json", ...response.headers },
      }),
  })
  try {
    return await use(`http://127.0.0.1:${server.port}`)
  } finally {
    await server.stop(true)
  }
}

/** Server-sent events body: one `data:` frame per payload, with an optional `event:` name (Anthropic). */
export function sse(frames: readonly { event?: string; data: unknown }[]): string {
  return frames
    .map(
      (frame) => `${frame.event === undefined ? "" : `event: ${frame.event}\n`}data: ${JSON.stringify(frame.data)}\n\n`,
    )
    .join("")
}
