import { createHash } from "node:crypto"
import { FORGET_AFTER_MS, parseState, type HealthState, type MemberHealth } from "./state.ts"

/** How long the version, the id set and the cursors outlive the last write: a pool idle for a month starts afresh. */
export const KEEP_MS = 30 * 24 * 60 * 60 * 1000

/** The keys of one namespace. Member ids are labels (`openai/gpt-5#work`), never key values. */
export interface RedisKeys {
  version: string
  ids: string
  cursors: string
  member(id: string): string
}

/** Every key lives under `model-pool:<namespace>:`. */
export function keysOf(namespace: string): RedisKeys {
  const prefix = `model-pool:${namespace}:`
  return {
    version: `${prefix}version`,
    ids: `${prefix}members`,
    cursors: `${prefix}cursors`,
    member: (id) => `${prefix}member:${id}`,
  }
}

/** A Lua script and its SHA-1, so it is sent in full only when the server does not know it yet. */
export interface Script {
  text: string
  sha: string
}

function script(text: string): Script {
  return { text, sha: createHash("sha1").update(text).digest("hex") }
}

// KEYS: version, id set, cursors. ARGV: the member key prefix. Member keys are found through the set, so this
// script needs a standalone server (or Valkey), not a cluster.
export const READ_SCRIPT = script(`
local ids = redis.call('SMEMBERS', KEYS[2])
local values = {}
for index, id in ipairs(ids) do values[index] = redis.call('GET', ARGV[1] .. id) end
return { redis.call('GET', KEYS[1]) or '0', ids, values, redis.call('HGETALL', KEYS[3]) }
`)

// KEYS: version, id set, cursors, then the member keys set and those deleted. ARGV: the version read, how long
// to keep the shared keys, the number of member sets, member deletes and cursor sets, then (id, json, ttl) per
// set, id per delete, (pool, value) per cursor set, and the cursors deleted. Returns the new version, or 0 when
// another writer committed since the read.
export const COMMIT_SCRIPT = script(`
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[1] then return 0 end
local sets, deletes, cursors = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local at = 6
for index = 1, sets do
  redis.call('SET', KEYS[3 + index], ARGV[at + 1], 'PX', ARGV[at + 2])
  redis.call('SADD', KEYS[2], ARGV[at])
  at = at + 3
end
for index = 1, deletes do
  redis.call('DEL', KEYS[3 + sets + index])
  redis.call('SREM', KEYS[2], ARGV[at])
  at = at + 1
end
for index = 1, cursors do
  redis.call('HSET', KEYS[3], ARGV[at], ARGV[at + 1])
  at = at + 2
end
for index = at, #ARGV do redis.call('HDEL', KEYS[3], ARGV[index]) end
local version = redis.call('INCR', KEYS[1])
for index = 1, 3 do
  if redis.call('PTTL', KEYS[index]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[index], ARGV[2]) end
end
return version
`)

/** What the read script saw: the version to compare against, the state, and ids whose record is gone or damaged. */
export interface Snapshot {
  version: string
  state: HealthState
  stale: string[]
}

/** Reads the read script's reply; undefined when it has an unexpected shape. */
export function decodeSnapshot(reply: unknown): Snapshot | undefined {
  if (!Array.isArray(reply)) return undefined
  const [version, ids, values, cursors] = reply
  if (typeof version !== "string" || !Array.isArray(ids) || !Array.isArray(values) || !Array.isArray(cursors))
    return undefined
  const members = Object.fromEntries(ids.map((id, index) => [String(id), safeJson(values[index])]))
  const pools = Object.fromEntries(
    Array.from({ length: Math.floor(cursors.length / 2) }, (_, index) => [
      String(cursors[2 * index]),
      Number(cursors[2 * index + 1]),
    ]),
  )
  // One validation for every store: the state file's parser drops whatever is not a valid record.
  const state = parseState(JSON.stringify({ version: 1, members, cursors: pools }))
  return { version, state, stale: Object.keys(members).filter((id) => !(id in state.members)) }
}

/**
 * How long Redis keeps a record: until its cooldown ends or a day after the failure, whichever is later, so a
 * record disappears on its own when nothing updates it. At least 1 ms, since `PX 0` is an error.
 */
export function ttlMs(entry: MemberHealth, now: number): number {
  return Math.max(1, Math.ceil(Math.max(entry.until, entry.at + FORGET_AFTER_MS) - now))
}

/** The commit script's keys and arguments that turn `before` into `after`; undefined when nothing changed. */
export function commitOf(
  keys: RedisKeys,
  before: Snapshot,
  after: HealthState,
  now: number,
): { keys: string[]; arguments: string[] } | undefined {
  const sets = Object.entries(after.members).filter(
    ([id, entry]) => JSON.stringify(entry) !== JSON.stringify(before.state.members[id]),
  )
  const deletes = [...Object.keys(before.state.members), ...before.stale].filter((id) => !(id in after.members))
  const cursorSets = Object.entries(after.cursors).filter(([pool, value]) => before.state.cursors[pool] !== value)
  const cursorDeletes = Object.keys(before.state.cursors).filter((pool) => !(pool in after.cursors))
  if (sets.length + deletes.length + cursorSets.length + cursorDeletes.length === 0) return undefined
  const ttls = sets.map(([, entry]) => ttlMs(entry, now))
  return {
    keys: [
      keys.version,
      keys.ids,
      keys.cursors,
      ...sets.map(([id]) => keys.member(id)),
      ...deletes.map((id) => keys.member(id)),
    ],
    arguments: [
      before.version,
      String(Math.max(KEEP_MS, ...ttls)),
      String(sets.length),
      String(deletes.length),
      String(cursorSets.length),
      ...sets.flatMap(([id, entry], index) => [id, JSON.stringify(entry), String(ttls[index])]),
      ...deletes,
      ...cursorSets.flatMap(([pool, value]) => [pool, String(value)]),
      ...cursorDeletes,
    ],
  }
}

function safeJson(value: unknown): unknown {
  if (typeof value !== "string") return undefined
  try {
    return JSON.parse(value)
  } catch {
    return undefined
  }
}
