// `opencode serve` in a scenario's sandbox, driven over its HTTP API as a client of the server would.
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { opencodeBinary } from "./opencode.ts"
import type { Scenario } from "./scenario.ts"

/** The assistant message a turn ended with: its text, and its parts as OpenCode stored them. */
export interface Reply {
  text: string
  parts: Record<string, unknown>[]
}

export interface Server extends AsyncDisposable {
  /** Sends a prompt in `directory` and waits for the turn to end; returns the answer's text. */
  prompt(directory: string, session: string, agent: string, text: string): Promise<string>
  /**
   * As `prompt`, with the answer's parts; `extra` adds fields to the prompt's body (a `variant`), `files` adds file
   * parts after the text, as a client attaching a picture sends them.
   */
  reply(
    directory: string,
    session: string,
    agent: string | undefined,
    text: string,
    extra?: Record<string, unknown>,
    files?: FilePart[],
  ): Promise<Reply>
  /** Creates a session in `directory`; `init` is the body (a title, permissions). */
  session(directory: string, init?: Record<string, unknown>): Promise<string>
  /** Every message of a session with its parts, as OpenCode stores them (what `opencode export` prints). */
  messages(directory: string, session: string): Promise<StoredMessage[]>
  /** What the server wrote on stderr so far: its log lines, the plugin's among them, when started with `logs`. */
  logs(): string
}

/** A message of a session as OpenCode stores it: its info (role, cost, tokens, error) and its parts. */
export interface StoredMessage {
  info: Record<string, unknown>
  parts: Record<string, unknown>[]
}

/** A file attached to a prompt: its media type, a `data:` URL of its bytes, and its name. */
export interface FilePart {
  mime: string
  url: string
  filename: string
}

/** How to start the server. */
export interface ServerOptions {
  /** Run with `--print-logs` and keep stderr, so a test can read the plugin's log lines (start-up checks, notices). */
  logs?: boolean
}

/**
 * The session `opencode run --title e2e` creates in its in-process server: titled, and denying the three tools a
 * run without a TUI cannot answer (OpenCode 1.18.33's `run` command).
 */
export const RUN_SESSION = {
  title: "e2e",
  permission: ["question", "plan_enter", "plan_exit"].map((permission) => ({
    permission,
    action: "deny",
    pattern: "*",
  })),
}

function freePort(): number {
  const probe = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() })
  const port = probe.port
  probe.stop(true)
  if (port === undefined) throw new Error("no free port on 127.0.0.1")
  return port
}

/**
 * A project folder a served OpenCode can be asked about (`?directory=`): created at `dir` as a git repository, as
 * the sandbox's own project is, with `config` as its opencode.json. Returns `dir`.
 */
export function projectFolder(dir: string, config: Record<string, unknown>): string {
  mkdirSync(dir, { recursive: true })
  Bun.spawnSync(["git", "init", "-q"], { cwd: dir })
  writeFileSync(join(dir, "opencode.json"), JSON.stringify(config, null, 2))
  return dir
}

/** Reads a stream to its end, handing each piece of text on. */
async function drain(stream: ReadableStream<Uint8Array> | number | undefined, take: (text: string) => void) {
  if (!(stream instanceof ReadableStream)) return
  const decoder = new TextDecoder()
  const reader = stream.getReader()
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
    take(decoder.decode(chunk.value, { stream: true }))
}

/** Starts `opencode serve` on a free loopback port in the scenario's sandbox; up once it says it listens. */
export async function startServer(s: Scenario, options: ServerOptions = {}): Promise<Server> {
  const port = freePort()
  const base = `http://127.0.0.1:${port}`
  const flags = options.logs ? ["--print-logs"] : []
  const child = Bun.spawn([opencodeBinary(), "serve", ...flags, "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: s.box.project,
    env: s.box.env,
    stdout: "pipe",
    stderr: options.logs ? "pipe" : "ignore",
  })
  let stderr = ""
  const draining = options.logs ? drain(child.stderr, (text) => (stderr += text)) : Promise.resolve()
  const call = async (path: string, directory: string, body?: unknown) => {
    const url = `${base}${path}?directory=${encodeURIComponent(directory)}`
    const response = await fetch(url, {
      method: body === undefined ? "GET" : "POST",
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return response.json() as Promise<Record<string, unknown>>
  }
  // Up once it says it listens.
  const reader = child.stdout.getReader()
  const decoder = new TextDecoder()
  for (let said = ""; !said.includes("listening on");) {
    const chunk = await reader.read()
    if (chunk.done) throw new Error(`opencode serve exited before listening: ${said}`)
    said += decoder.decode(chunk.value, { stream: true })
  }
  reader.releaseLock()
  const reply = async (
    directory: string,
    session: string,
    agent: string | undefined,
    text: string,
    extra: Record<string, unknown> = {},
    files: FilePart[] = [],
  ): Promise<Reply> => {
    const message = (await call(`/session/${session}/message`, directory, {
      ...(agent === undefined ? {} : { agent }),
      ...extra,
      parts: [{ type: "text", text }, ...files.map((file) => ({ type: "file", ...file }))],
    })) as { parts?: Record<string, unknown>[] }
    const parts = message.parts ?? []
    const texts = parts.filter((part) => part.type === "text").map((part) => String(part.text ?? ""))
    return { text: texts.join(""), parts }
  }
  return {
    reply,
    async session(directory, init = {}) {
      return String((await call("/session", directory, init)).id)
    },
    async prompt(directory, session, agent, text) {
      return (await reply(directory, session, agent, text)).text
    },
    logs: () => stderr,
    async messages(directory, session) {
      return (await call(`/session/${session}/message`, directory)) as unknown as StoredMessage[]
    },
    async [Symbol.asyncDispose]() {
      child.kill()
      await child.exited
      await draining
    },
  }
}
