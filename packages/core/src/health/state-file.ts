// The small JSON files the pool keeps its caches in (cooldowns, round-robin positions, a host's own records). A
// cache must never fail the call it speeds up: a file that is damaged or cannot be written is described in a
// sentence that names it and says what the pool does instead, and the caller carries on.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"

/** A state file as read: its text and JSON when it holds what the caller expects, otherwise why not (nothing when absent). */
export type StateFileRead<T> = { text: string; data: T; problem?: undefined } | { text: undefined; problem?: string }

/** Why a state file could not be written: the file, or its folder when that could not be made, and the cause. */
export interface WriteFailure {
  path: string
  folder: boolean
  cause: string
}

const IGNORED = "it is ignored and will be rewritten at the next change"

const CAUSES: Record<string, string> = {
  EISDIR: "a folder is in the way",
  EEXIST: "a file is in the way",
  ENOTDIR: "a file is in the way",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  ELOCKED: "another process holds its lock",
}

/** The cause of a file-system error in words, with its code: `a folder is in the way (EISDIR)`. */
export function causeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code !== "string") return error instanceof Error ? error.message : String(error)
  const words = CAUSES[code]
  return words === undefined ? code : `${words} (${code})`
}

/**
 * Reads the state file at `path`; `accept` says whether its JSON is what the caller keeps there, which `holds`
 * names (`a health state`). Something other than a file at `path` reads as absent: writing to it fails and says so.
 */
export function readStateFile<T>(path: string, accept: (data: unknown) => data is T, holds: string): StateFileRead<T> {
  const read = readText(path)
  if (read.text === undefined) return read
  const data = parseJson(read.text)
  if (data === undefined) return { text: undefined, problem: `${path} is not valid JSON; ${IGNORED}` }
  if (!accept(data.value)) return { text: undefined, problem: `${path} does not hold ${holds}; ${IGNORED}` }
  return { text: read.text, data: data.value }
}

function readText(path: string): { text: string } | { text: undefined; problem?: string } {
  try {
    if (!statSync(path).isFile()) return { text: undefined }
    return { text: readFileSync(path, "utf8") }
  } catch (error) {
    const code = (error as { code?: unknown }).code
    // No file, or a file where a folder on the way should be: nothing to read, and the write tells.
    if (code === "ENOENT" || code === "ENOTDIR") return { text: undefined }
    return { text: undefined, problem: `cannot read ${path}: ${causeOf(error)}; ${IGNORED}` }
  }
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

/** Creates the folder a state file goes in; the failure, naming the folder, when it cannot. */
export function makeStateFolder(path: string): WriteFailure | undefined {
  try {
    mkdirSync(dirname(path), { recursive: true })
    return undefined
  } catch (error) {
    return { path: dirname(path), folder: true, cause: causeOf(error) }
  }
}

/**
 * Replaces the state file at `path` with `text` in one step, readable by its owner only, so no reader sees half a
 * file; the failure when it cannot, and then no temporary file is left behind.
 */
export function replaceStateFile(path: string, text: string): WriteFailure | undefined {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    writeFileSync(temporary, text, { mode: 0o600 })
    renameSync(temporary, path)
    return undefined
  } catch (error) {
    try {
      rmSync(temporary, { force: true })
    } catch {
      // Nothing was written, or the folder went away with it.
    }
    return { path, folder: false, cause: causeOf(error) }
  }
}

/**
 * What the user is told when a state file cannot be written; `kept` names what the caller holds in memory instead
 * (`cooldowns and round-robin positions`). A folder that cannot be made fails every state file alike, so its
 * sentence names the folder and nothing of the caller: each caller reports the same words.
 */
export function unwritable(failure: WriteFailure, kept: string): string {
  if (failure.folder)
    return `cannot create the state folder ${failure.path}: ${failure.cause}; the pool keeps its state in memory for this process until it can`
  return `cannot write ${failure.path}: ${failure.cause}; ${kept} are kept in memory for this process until it can`
}
