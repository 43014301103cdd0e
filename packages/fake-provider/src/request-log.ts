// The record of every request the fake served, with credentials removed so
// logs can be printed, diffed and committed without leaking a key.

import { createHash } from "node:crypto"
import type { StepKind } from "./script.ts"
import type { WireFormat } from "./vendor.ts"

export interface RecordedRequest {
  format: WireFormat
  model: string
  /** Path and query, with any `key` query parameter removed. */
  path: string
  method: string
  stream: boolean
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown
  /** Lower-cased request headers without any credential header. */
  headers: Record<string, string>
  /**
   * `sha256(key).slice(0, 8)`: tells keys apart without revealing any part of them. For a SigV4-signed
   * (Bedrock) request the key is the access key id; the secret never travels.
   */
  key_id: string | undefined
  /** The step served; for a rejected request, the step that stays due (it was not used up). */
  step: StepKind
  /** Epoch milliseconds, with a fraction, when the request's headers arrived (before its body was read). */
  at: number
  /** Epoch milliseconds, with a fraction, when the whole response had been handed to the connection. */
  answered?: number
  /** Epoch milliseconds, with a fraction, when the client closed the connection before the whole response. */
  abandoned?: number
  /** The vendor's error message when the request was refused: a strict-mode rule, or credentials it rejects. */
  rejected?: string
}

// Any header that can carry a credential, not only the vendors' own.
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-api-key",
  "x-goog-api-key",
  "api-key",
  // An AWS session token is a credential in its own right; the signature beside it is not.
  "x-amz-security-token",
  "cookie",
])

export function keyId(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8)
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !SECRET_HEADERS.has(name.toLowerCase())))
}

/** Path plus query string, dropping Gemini's `?key=` credential. */
export function redactPath(url: URL): string {
  const params = new URLSearchParams(url.search)
  params.delete("key")
  const query = params.toString()
  return query === "" ? url.pathname : `${url.pathname}?${query}`
}

interface Waiter {
  count: number
  resolve: (records: RecordedRequest[]) => void
}

export class RequestLog {
  /** Live array: callers may read it at any time; it only grows until clear(). */
  readonly records: RecordedRequest[] = []
  private waiters: Waiter[] = []
  private readonly onRecord: ((record: RecordedRequest) => void) | undefined

  constructor(onRecord?: (record: RecordedRequest) => void) {
    this.onRecord = onRecord
  }

  append(record: RecordedRequest): void {
    this.records.push(record)
    this.onRecord?.(record)
    const ready = this.waiters.filter((waiter) => this.records.length >= waiter.count)
    this.waiters = this.waiters.filter((waiter) => this.records.length < waiter.count)
    for (const waiter of ready) waiter.resolve([...this.records])
  }

  clear(): void {
    this.records.length = 0
  }

  /** Resolves with a snapshot once at least `count` requests are logged; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<RecordedRequest[]> {
    if (this.records.length >= count) return Promise.resolve([...this.records])
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve: (records) => {
          clearTimeout(timer)
          resolve(records)
        },
      }
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter)
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${count} requests (got ${this.records.length})`))
      }, timeoutMs)
      this.waiters.push(waiter)
    })
  }
}
