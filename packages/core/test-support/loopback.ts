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

/** The frame an Anthropic stream opens with, for streams whose later frames a test scripts. */
export const ANTHROPIC_MESSAGE_START = {
  event: "message_start",
  data: {
    type: "message_start",
    message: {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model: "claude-sonnet-4-5",
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 1 },
    },
  },
}
