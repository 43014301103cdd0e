import { APICallError, EmptyResponseBodyError, InvalidResponseDataError, LoadAPIKeyError } from "@ai-sdk/provider"
import { asArray, asDict, asText, lowerCaseHeaders, parseJsonLoose, type HeaderMap } from "./shape.ts"

/** Everything the classifier reads from one failure: the error, its causes, its body and the vendor payload. */
export interface Evidence {
  /** First HTTP error status (400-599) met, outermost first. */
  status: number | undefined
  /** Response headers of the outermost layer that had any, keys lower-cased. */
  headers: HeaderMap | undefined
  /** The parsed vendor payload, where retry hints live. */
  body: unknown
  /** Lower-cased vendor error types, codes, statuses, reasons, error names and network codes, outermost first. */
  codes: string[]
  /** Vendor messages, raw non-JSON bodies and error messages to search, outermost first. */
  texts: string[]
  /** Candidate display messages, outermost first. */
  messages: string[]
  /** `isRetryable` as the provider set it, when it did. */
  retryable: boolean | undefined
  /** True when a Google `QuotaFailure` detail was present. */
  googleQuotaFailure: boolean
  /** `quotaId` / `quotaMetric` of each Google quota violation. */
  quotaIds: string[]
  /** A Google quota violation has a limit of zero: the model is not available on this tier at all. */
  zeroQuota: boolean
  /** An AI SDK `LoadAPIKeyError` was met: no key configured. */
  missingApiKey: boolean
  /** The provider answered 2xx but with an empty or malformed response. */
  badResponse: boolean
}

// Bounds that keep the walk linear and small whatever the input: cyclic graphs, deep cause chains, huge arrays.
const MAX_NODES = 64
const MAX_DEPTH = 8
const MAX_ARRAY_ITEMS = 8
const MAX_KEYS = 64
const MAX_TEXTS = 32
const TEXT_LIMIT = 10_000

type Kind = "value" | "body"

interface Pending {
  value: unknown
  depth: number
  kind: Kind
}

/** Walks an error breadth-first (outer layers before their causes) and collects what classification needs. */
export function gatherEvidence(error: unknown): Evidence {
  const evidence: Evidence = {
    status: undefined,
    headers: undefined,
    body: undefined,
    codes: [],
    texts: [],
    messages: [],
    retryable: undefined,
    googleQuotaFailure: false,
    quotaIds: [],
    zeroQuota: false,
    missingApiKey: false,
    badResponse: false,
  }
  const seen = new Set<object>()
  const queue: Pending[] = [{ value: error, depth: 0, kind: "value" }]
  for (let index = 0; index < queue.length && seen.size < MAX_NODES; index++) {
    const item = queue[index]
    if (item === undefined || item.depth > MAX_DEPTH) continue
    const push = (value: unknown, kind: Kind = "value") => {
      if (value !== undefined && value !== null) queue.push({ value, depth: item.depth + 1, kind })
    }
    if (typeof item.value === "string") {
      readString(evidence, item.value, item.kind, item.depth === 0, push)
      continue
    }
    if (typeof item.value !== "object" || item.value === null || seen.has(item.value)) continue
    seen.add(item.value)
    const items = asArray(item.value)
    if (items !== undefined) {
      for (const element of items.slice(0, MAX_ARRAY_ITEMS)) push(element, item.kind)
      continue
    }
    readObject(evidence, item.value as Record<string, unknown>, item.kind, push)
  }
  return evidence
}

function addText(evidence: Evidence, text: string): void {
  if (evidence.texts.length >= MAX_TEXTS) return
  evidence.texts.push(text.length > TEXT_LIMIT ? text.slice(0, TEXT_LIMIT) : text)
}

function addMessage(evidence: Evidence, text: string | undefined): void {
  if (text === undefined || text.trim() === "") return
  addText(evidence, text)
  if (evidence.messages.length < MAX_TEXTS) evidence.messages.push(text.slice(0, TEXT_LIMIT))
}

function addCode(evidence: Evidence, code: string): void {
  const normalized = code.trim().toLowerCase()
  if (normalized === "" || normalized.length > 100 || evidence.codes.includes(normalized)) return
  evidence.codes.push(normalized)
}

function addStatus(evidence: Evidence, value: unknown): void {
  if (evidence.status !== undefined) return
  const status = typeof value === "string" && /^\d{3}$/.test(value.trim()) ? Number(value) : value
  if (typeof status === "number" && Number.isInteger(status) && status >= 400 && status <= 599) evidence.status = status
}

/** A string is either a body (maybe JSON) or a message; a thrown string is treated as both. */
function readString(
  evidence: Evidence,
  text: string,
  kind: Kind,
  topLevel: boolean,
  push: (value: unknown, kind?: Kind) => void,
): void {
  const parsed = kind === "body" || topLevel ? parseJsonLoose(text) : undefined
  if (parsed !== undefined) {
    if (evidence.body === undefined) evidence.body = parsed
    push(parsed, "body")
    return
  }
  if (topLevel) {
    addMessage(evidence, text)
    return
  }
  addText(evidence, text)
}

function readObject(
  evidence: Evidence,
  value: Record<string, unknown>,
  kind: Kind,
  push: (value: unknown, kind?: Kind) => void,
): void {
  const isError = value instanceof Error
  if (APICallError.isInstance(value)) readApiCallError(evidence, value, push)
  if (LoadAPIKeyError.isInstance(value)) evidence.missingApiKey = true
  if (EmptyResponseBodyError.isInstance(value) || InvalidResponseDataError.isInstance(value)) {
    evidence.badResponse = true
  }
  // AI SDK's RetryError lives in `ai`, which core does not depend on; its marker field is enough.
  if (value.name === "AI_RetryError") push(value.lastError)
  // A plain object (a parsed body, a stream `error` part) is itself the vendor payload.
  if (!isError && evidence.body === undefined) evidence.body = value

  if (typeof value.name === "string") addCode(evidence, value.name)
  addMessage(evidence, asText(value.message) ?? asText(value.Message))
  // xAI `{code, error: "..."}`, Ollama `{error: "..."}`, FastAPI-style `{detail: "..."}`.
  addMessage(evidence, asText(value.error) ?? asText(value.detail))

  readCodes(evidence, value, isError)
  if (typeof value.isRetryable === "boolean" && evidence.retryable === undefined) evidence.retryable = value.isRetryable
  readHeaders(evidence, value.responseHeaders ?? value.headers)
  readGoogleDetail(evidence, value)

  if (asDict(value.error) !== undefined) push(value.error, kind)
  push(value.cause)
  // OpenAI Responses `response.failed` frames nest the error under `response`; SDK errors keep the fetch Response
  // there.
  push(value.response)
  push(value.data, "body")
  push(asArray(value.details), "body")
  // OpenRouter forwards the upstream provider's own error, often JSON text, as `metadata.raw`.
  const metadata = asDict(value.metadata)
  if (metadata !== undefined) push(metadata.raw, "body")
  // AWS event streams wrap errors in a key naming the exception: `{ "throttlingException": { "message": ... } }`.
  // Only payloads do that; Error objects are skipped, as enumerating them is costly and never finds one.
  if (isError) return
  for (const key of Object.keys(value).slice(0, MAX_KEYS)) {
    if (!key.endsWith("Exception")) continue
    const nested = value[key]
    if (asDict(nested) === undefined) continue
    addCode(evidence, key)
    push(nested, "body")
  }
}

function readApiCallError(evidence: Evidence, error: APICallError, push: (value: unknown, kind?: Kind) => void): void {
  addStatus(evidence, error.statusCode)
  if (evidence.retryable === undefined) evidence.retryable = error.isRetryable
  readHeaders(evidence, error.responseHeaders)
  if (typeof error.responseBody === "string") push(error.responseBody, "body")
}

const CODE_FIELDS = ["type", "code", "status", "reason", "errorType"] as const
const DIGITS = /^\s*\d+\s*$/

function readCodes(evidence: Evidence, value: Record<string, unknown>, isError: boolean): void {
  for (const field of CODE_FIELDS) {
    const raw = value[field]
    if (typeof raw === "string" && !DIGITS.test(raw)) addCode(evidence, raw)
  }
  // Bedrock JSON errors: `"__type": "com.amazon.bedrock#ThrottlingException"`.
  const awsType = asText(value.__type)
  if (awsType !== undefined) addCode(evidence, awsType.split("#").pop()?.split(":")[0] ?? awsType)
  addStatus(evidence, value.statusCode)
  addStatus(evidence, value.status)
  // A numeric `code` is an HTTP status in vendor payloads (OpenRouter, Gemini, llama.cpp); on Error objects it is
  // something else (DOMException codes, errno).
  if (!isError) addStatus(evidence, value.code)
}

function readHeaders(evidence: Evidence, headers: unknown): void {
  if (evidence.headers !== undefined || headers === undefined || headers === null) return
  const map = lowerCaseHeaders(headers)
  if (map.size === 0) return
  evidence.headers = map
  // Bedrock names the exception in a header: `x-amzn-errortype: ThrottlingException:http://internal.amazon.com/...`.
  const awsType = map.get("x-amzn-errortype")
  if (awsType !== undefined) addCode(evidence, awsType.split(":")[0] ?? awsType)
}

/** Google `error.details[]`: QuotaFailure violations name the quota window (per minute or per day). */
function readGoogleDetail(evidence: Evidence, value: Record<string, unknown>): void {
  const type = asText(value["@type"])
  if (type === undefined || !type.endsWith("QuotaFailure")) return
  evidence.googleQuotaFailure = true
  for (const violation of asArray(value.violations) ?? []) {
    const dict = asDict(violation)
    if (dict?.quotaValue === "0" || dict?.quotaValue === 0) evidence.zeroQuota = true
    for (const field of ["quotaId", "quotaMetric", "subject"] as const) {
      const text = asText(dict?.[field])
      if (text !== undefined) evidence.quotaIds.push(text)
    }
  }
}
