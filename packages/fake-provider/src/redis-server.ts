// Test helper, exported as `@model-pool/fake-provider/redis-server` for the core's and the plugin's tests: a
// throwaway redis-server on 127.0.0.1, with no persistence, that a test can stop, restart, and pause (SIGSTOP) to
// stand for a server that accepts connections but never answers.
import { mkdtempSync, rmSync } from "node:fs"
import { createConnection, createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"

/** The redis-server binary on PATH, or undefined when it is not installed. */
export const REDIS_SERVER = Bun.which("redis-server") ?? undefined

/** A running redis-server. */
export interface RedisServer extends AsyncDisposable {
  port: number
  /** `redis://127.0.0.1:<port>`, with the password when there is one. */
  url: string
  /** Kills the server, as a crash would; its data is gone. */
  stop(): Promise<void>
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>
  /** Freezes the process: connections stay open and nothing answers. */
  pause(): void
  resume(): void
}

/** Starts redis-server on a free port and waits until it answers; `password` sets `--requirepass`. */
export async function startRedisServer(options: { password?: string } = {}): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error("redis-server is not installed")
  const binary = REDIS_SERVER
  const port = await freePort()
  const folder = mkdtempSync(join(tmpdir(), "model-pool-redis-"))
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder]
  if (options.password !== undefined) args.push("--requirepass", options.password)
  let child = await launch()

  async function launch() {
    const started = Bun.spawn([binary, ...args, "--logfile", join(folder, "redis.log")], {
      stdout: "ignore",
      stderr: "inherit",
    })
    await answers(port, started.exited)
    return started
  }

  async function stop(): Promise<void> {
    child.kill("SIGKILL")
    await child.exited
  }

  const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    stop,
    async restart() {
      child = await launch()
    },
    pause: () => child.kill("SIGSTOP"),
    resume: () => child.kill("SIGCONT"),
    async [Symbol.asyncDispose]() {
      await stop()
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

// Any reply to PING counts, `-NOAUTH` included: the server is up.
async function answers(port: number, exited: Promise<number>): Promise<void> {
  let gone = false
  void exited.then(() => (gone = true))
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    if (gone) throw new Error(`redis-server exited before answering on port ${port}`)
    if (await pong(port)) return
    await Bun.sleep(20)
  }
  throw new Error(`redis-server did not answer on port ${port} within 10 s`)
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" })
    const done = (answered: boolean) => {
      socket.destroy()
      resolve(answered)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once("error", () => done(false))
    socket.once("data", () => done(true))
    socket.once("connect", () => socket.write("PING\r\n"))
  })
}
