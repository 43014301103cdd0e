// Stock OpenCode's side of a comparison, recorded. Stock sends the same requests every run for a given OpenCode
// release, fake provider and scenario, so its side is run once by `record:stock` and kept in a file, keyed by all
// three; the tests then start only the pooled side. A record whose key no longer matches fails its test and says
// how to record it again: it is never recorded again silently, since that would compare the plugin with itself.
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import type { Comparable } from "./requests.ts"

/** The command that runs stock OpenCode again for every recorded scenario and rewrites the records. */
export const RECORD_COMMAND = "bun run --cwd packages/opencode-model-pool record:stock"

/** Set by `record:stock`: stock runs live in every case and its requests are written as the new record. */
export const RECORDING = process.env.OCMP_RECORD_STOCK === "1"

/** What stock's requests depend on; a record holds the key it was made under. */
export interface StockKey {
  /** The installed `opencode-ai` release. */
  opencode: string
  /** The fake provider's source (its non-test files), which answers both sides. */
  fakeProvider: string
  /** test/requests.ts, which turns requests into what the record holds. */
  comparison: string
  /** Everything the case hands stock: config, environment, script, prompts and arguments. */
  scenario: string
}

interface StockRecord extends StockKey {
  /** The requests as `portable` gives them, with headers and body parsed so the file reads and diffs as JSON. */
  requests: { path: string; headers: unknown; body: unknown }[]
}

const hash = (...texts: string[]) => {
  const digest = createHash("sha256")
  for (const text of texts) digest.update(text).update("\0")
  return digest.digest("hex").slice(0, 16)
}

/** The source files beside a package's entry file, tests and test helpers left out, with their names. */
function sourceHash(entry: string): string {
  const dir = dirname(entry)
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.endsWith("test-support.ts"))
    .sort()
  return hash(...files.flatMap((file) => [file, readFileSync(join(dir, file), "utf8")]))
}

/** The key a record of `scenario` must have today. */
export function stockKey(scenario: unknown): StockKey {
  const manifest = Bun.resolveSync("opencode-ai/package.json", import.meta.dir)
  return {
    opencode: (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version,
    fakeProvider: sourceHash(Bun.resolveSync("@model-pool/fake-provider", import.meta.dir)),
    comparison: hash(readFileSync(join(import.meta.dir, "requests.ts"), "utf8")),
    scenario: hash(JSON.stringify(scenario)),
  }
}

/** What changed since the record was made, in words; empty when it is current. */
function staleness(recorded: StockKey, current: StockKey): string[] {
  const changes: string[] = []
  if (recorded.opencode !== current.opencode)
    changes.push(`OpenCode ${current.opencode} is installed, the record is of ${recorded.opencode}`)
  if (recorded.fakeProvider !== current.fakeProvider) changes.push("packages/fake-provider/src has changed")
  if (recorded.comparison !== current.comparison) changes.push("test/requests.ts has changed")
  if (recorded.scenario !== current.scenario) changes.push("the scenario (case, config, script or prompts) has changed")
  return changes
}

/** The recorded requests, when the record exists and its key is `key`; otherwise an error that says what to run. */
export function readRecord(file: string, key: StockKey): Comparable[] {
  const again = `Run stock OpenCode again and commit the new record: ${RECORD_COMMAND}`
  if (!existsSync(file))
    throw new Error(`stock OpenCode's requests were never recorded for this case (${file}). ${again}`)
  const record = JSON.parse(readFileSync(file, "utf8")) as StockRecord
  const changes = staleness(record, key)
  if (changes.length > 0)
    throw new Error(`the record of stock OpenCode's requests is stale (${file}): ${changes.join("; ")}. ${again}`)
  return record.requests.map((request) => ({
    path: request.path,
    headers: JSON.stringify(request.headers),
    body: JSON.stringify(request.body),
  }))
}

/** Writes stock's requests under `key`, and checks that reading them back gives them unchanged. */
export function writeRecord(file: string, key: StockKey, requests: Comparable[]): void {
  const record: StockRecord = {
    ...key,
    requests: requests.map((request) => ({
      path: request.path,
      headers: JSON.parse(request.headers),
      body: JSON.parse(request.body),
    })),
  }
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`)
  const back = readRecord(file, key)
  if (JSON.stringify(back) !== JSON.stringify(requests)) throw new Error(`${file} does not read back as written`)
}

/** A file name for a case's record. */
export function recordName(name: string): string {
  return `${name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}.json`
}
