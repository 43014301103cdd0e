import type { RedisClientType } from "redis"
import {
  COMMIT_SCRIPT,
  commitOf,
  decodeSnapshot,
  keysOf,
  READ_SCRIPT,
  type Script,
  type Snapshot,
} from "./redis-layout.ts"
import { parseUrl, redactRedisUrl, secretScrubber } from "./redis-url.ts"
import { emptyState, prune, type HealthState } from "./state.ts"
import type { HealthStore } from "./store.ts"

/** Options of the Redis-backed store. */
export interface RedisStoreOptions {
  /** `redis://` or `rediss://`, may carry a password; never logged nor put in an error. */
  url: string
  /** Keys are `model-pool:<namespace>:...`; default `default`. */
  namespace?: string
  /** Bound on every Redis call, in ms; default 500. */
  timeoutMs?: number
  /** Where health goes while Redis does not answer (a host passes its local file store). */
  fallback: HealthStore
  /** Called once on each change: Redis stopped answering (with a reason free of credentials), or answers again. */
  onStatus?: (status: { reachable: boolean; reason?: string }) => void
  /** Injectable clock: pruning, record lifetimes, and when to try Redis again. */
  now?: () => number
  /** While Redis does not answer, how long (on `now`) before a call tries it again; default 5000. */
  retryAfterMs?: number
}

/** The Redis store, plus what a doctor and tests need. */
export interface RedisHealthStore extends HealthStore {
  sync(): Promise<void>
  /** Disconnects; later calls use the fallback. */
  close(): Promise<void>
  /** Where the store is, without credentials: `redis redis://127.0.0.1:6379 (namespace default)`. */
  describe(): string
  /** One bounded PING. */
  ping(): Promise<{ reachable: boolean; reason?: string }>
}

type Client = RedisClientType<{}, {}, {}, 2>
type Connection = { client: Client; ready: Promise<unknown>; answered: boolean; error?: string }
type Result<T> = { ok: true; value: T } | { ok: false; reason: string }

// An update that keeps meeting other writers' commits gives up after this many reads and goes to the fallback, as
// when Redis does not answer. Each retry waits a little longer, at random, so the writers stop colliding.
const MAX_ATTEMPTS = 32

// Loaded on the first call: a process that uses the file store never loads the client.
let redisModule: Promise<typeof import("redis")> | undefined
const redis = () => (redisModule ??= import("redis"))

/**
 * Health kept in Redis (or Valkey) that processes on many machines share. An update reads the whole state in one
 * script, applies the change locally and commits the difference with a second script that checks no one else
 * committed in between, retrying from a fresh read when someone did; `change` may therefore run more than once
 * and must be a pure function of the state. While Redis does not answer within `timeoutMs`, reads and updates
 * use `fallback`, and its cooling records are merged into Redis when it answers again.
 */
export function createRedisHealthStore(options: RedisStoreOptions): RedisHealthStore {
  const server = redactRedisUrl(options.url)
  const protocol = parseUrl(options.url)?.protocol
  if (protocol !== "redis:" && protocol !== "rediss:")
    throw new Error(`model-pool: a Redis URL starts with redis:// or rediss:// (got ${server})`)
  const namespace = options.namespace ?? "default"
  const timeoutMs = options.timeoutMs ?? 500
  const retryAfterMs = options.retryAfterMs ?? 5000
  const now = options.now ?? Date.now
  const scrub = secretScrubber(options.url)
  const keys = keysOf(namespace)
  const health = { reachable: true, closed: false, since: 0 }
  let snapshot = emptyState()
  let connection: Connection | undefined
  // This process's calls take turns, so its own updates never conflict with each other.
  let queue: Promise<unknown> = Promise.resolve()
  let waiting: Promise<void> | undefined

  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    const turn = queue.then(job)
    queue = turn.catch(() => undefined)
    return turn
  }

  function bounded<T>(work: Promise<T>): Promise<T> {
    // The race's loser settles later; it must not surface as an unhandled rejection.
    work.catch(() => undefined)
    let timer: ReturnType<typeof setTimeout> | undefined
    const expiry = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    return Promise.race([work, expiry]).finally(() => clearTimeout(timer))
  }

  async function connected(): Promise<Client> {
    const module = await redis()
    // A client that lost its connection is replaced by a new one rather than waited for while it reconnects.
    if (connection?.answered && !connection.client.isReady) drop()
    connection ??= open(module.createClient)
    await bounded(connection.ready)
    return connection.client
  }

  function open(create: (typeof import("redis"))["createClient"]): Connection {
    const client: Client = create({
      url: options.url,
      RESP: 2,
      // A call must fail at once while the client reconnects, never wait in its queue.
      disableOfflineQueue: true,
      socket: {
        connectTimeout: timeoutMs,
        // A first connection that fails is reported at once. A dropped one gets a few quick tries, then the
        // client gives up and a later call opens another.
        reconnectStrategy: (retries: number) =>
          opened.answered && retries < 5 ? Math.min(50 * 2 ** retries, 1000) : false,
      },
    })
    const opened: Connection = { client, ready: Promise.resolve(), answered: false }
    // node-redis throws on an unhandled 'error' event. The last one explains a call that failed while the client
    // was reconnecting (a wrong password, a refused connection).
    client.on("error", (error: unknown) => {
      opened.error = error instanceof Error ? error.message : String(error)
    })
    client.on("ready", () => {
      opened.error = undefined
      opened.answered = true
    })
    // The store never keeps a process alive; a pending call's own timer does until it settles.
    client.unref()
    opened.ready = client.connect()
    opened.ready.catch(() => undefined)
    return opened
  }

  function drop(): void {
    const old = connection
    connection = undefined
    try {
      old?.client.destroy()
    } catch {
      // Already closed.
    }
  }

  async function call<T>(work: (client: Client) => Promise<T>): Promise<Result<T>> {
    try {
      const client = await connected()
      return { ok: true, value: await bounded(work(client)) }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      const cause = connection?.error
      drop()
      return { ok: false, reason: scrub(cause === undefined || cause === message ? message : `${message}: ${cause}`) }
    }
  }

  async function run(client: Client, source: Script, scriptKeys: string[], args: string[]): Promise<unknown> {
    const params = { keys: scriptKeys, arguments: args }
    try {
      return await client.evalSha(source.sha, params)
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith("NOSCRIPT"))) throw error
      return client.eval(source.text, params)
    }
  }

  async function readRemote(): Promise<Result<Snapshot>> {
    const read = await call((client) =>
      run(client, READ_SCRIPT, [keys.version, keys.ids, keys.cursors], [keys.member("")]),
    )
    if (!read.ok) return read
    const decoded = decodeSnapshot(read.value)
    if (!decoded) return { ok: false, reason: "unexpected reply to the read script" }
    return { ok: true, value: decoded }
  }

  async function updateRemote<T>(change: (state: HealthState) => T): Promise<Result<T>> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const read = await readRemote()
      if (!read.ok) return read
      const draft = structuredClone(read.value.state)
      prune(draft, now())
      const value = change(draft)
      const commit = commitOf(keys, read.value, draft, now())
      const written = commit
        ? await call((client) => run(client, COMMIT_SCRIPT, commit.keys, commit.arguments))
        : undefined
      if (written && !written.ok) return written
      if (!written || written.value !== 0) {
        snapshot = draft
        return { ok: true, value }
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(2 * attempt, 20)))
    }
    return { ok: false, reason: `another writer committed first ${MAX_ATTEMPTS} times in a row` }
  }

  function tell(status: { reachable: boolean; reason?: string }): void {
    try {
      options.onStatus?.(status)
    } catch {
      // A listener's failure is not the store's.
    }
  }

  // Only a call that found Redis answering gets here, so this is always a change.
  function down(reason: string): void {
    health.reachable = false
    health.since = now()
    tell({ reachable: false, reason })
  }

  // Whether this call should use Redis; while it does not answer, tries it again once `retryAfterMs` has passed.
  async function reachable(): Promise<boolean> {
    if (health.closed) return false
    if (health.reachable) return true
    if (now() - health.since < retryAfterMs) return false
    health.since = now()
    const answer = await call((client) => client.ping())
    if (!answer.ok) return false
    // What this machine saw while Redis was away; a later cooldown already in Redis wins.
    const cooling = Object.entries(options.fallback.read().members).filter(([, entry]) => entry.until > now())
    const merged = await updateRemote((state) => {
      for (const [id, entry] of cooling) {
        if ((state.members[id]?.until ?? Number.NEGATIVE_INFINITY) < entry.until) state.members[id] = entry
      }
    })
    if (!merged.ok) return false
    health.reachable = true
    tell({ reachable: true })
    return true
  }

  return {
    read: () => (health.reachable && !health.closed ? snapshot : options.fallback.read()),
    update(change) {
      return enqueue(async () => {
        if (await reachable()) {
          const written = await updateRemote(change)
          if (written.ok) return written.value
          down(written.reason)
        }
        return options.fallback.update(change)
      })
    },
    sync() {
      // Syncs asked for while one still waits for its turn share it: it has not read yet, so it serves them all.
      waiting ??= enqueue(async () => {
        waiting = undefined
        if (!(await reachable())) return
        const read = await readRemote()
        if (!read.ok) return down(read.reason)
        prune(read.value.state, now())
        snapshot = read.value.state
      }).catch(() => undefined)
      return waiting
    },
    async close() {
      health.closed = true
      await queue
      if (!connection) return
      try {
        await bounded(connection.client.close())
        connection = undefined
      } catch {
        drop()
      }
    },
    describe: () => `redis ${server} (namespace ${namespace})`,
    async ping() {
      if (health.closed) return { reachable: false, reason: "the store is closed" }
      const answer = await call((client) => client.ping())
      return answer.ok ? { reachable: true } : { reachable: false, reason: answer.reason }
    },
  }
}
