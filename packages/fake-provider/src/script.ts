// What the fake answers, per model. Scripts are plain JSON so the CLI can
// load them from a file written by a test in another process.

import { observedError } from "./observed-errors.ts"

/** Fields every step may carry. */
interface StepBase {
  /** Wait this long before answering (the client sees a slow first byte). */
  delay_ms?: number
}

/** Streaming knobs shared by the steps that produce text. */
interface StreamedText {
  /** Number of deltas the text is split into when streaming (default 3). */
  chunks?: number
  /** Pause between streamed frames, to exercise timeouts between chunks. */
  chunk_delay_ms?: number
}

/** Steps that answer may carry headers of their own. */
interface Headed {
  /**
   * Extra response headers, as a vendor sends them with an answer: its rate-limit state
   * (`x-ratelimit-remaining-requests`, `anthropic-ratelimit-tokens-reset`, ...).
   */
  headers?: Record<string, string>
}

/** Steps that answer may think first. */
interface Reasoned {
  /**
   * Reasoning the answer opens with, in the vendor's own shape: `reasoning_content`
   * (chat completions), a signed `thinking` block (Anthropic), a thought part and
   * `thoughtSignature` (Gemini) or a `reasoning` item (Responses).
   */
  reasoning?: string
}

export interface TextStep extends StepBase, StreamedText, Reasoned, Headed {
  kind: "text"
  /** Defaults to `ok from <model>`. */
  text?: string
}

export interface ToolCallStep extends StepBase, StreamedText, Reasoned, Headed {
  kind: "tool_call"
  name: string
  input: Record<string, unknown>
  /** The call id as sent, e.g. Kimi's `functions.bash:0`; defaults to a vendor-style random id. */
  id?: string
  /** Text emitted before the call. */
  text?: string
}

export interface RateLimitStep extends StepBase {
  kind: "rate_limit"
  retry_after_s?: number
  retry_after_ms?: number
  /** The quota/billing variant (OpenAI insufficient_quota, Gemini PerDay, Anthropic low credit). */
  quota?: boolean
}

export interface ServerErrorStep extends StepBase {
  kind: "server_error"
  /** 500 (default), 502 or 503. */
  status?: number
  /** A Retry-After header, in seconds, on the error. */
  retry_after_s?: number
}

/** The provider has no model of that id (a 404 in each vendor's shape). */
export interface ModelNotFoundStep extends StepBase {
  kind: "model_not_found"
}

export interface OverloadedStep extends StepBase {
  kind: "overloaded"
  /** A Retry-After header, in seconds, on the error. */
  retry_after_s?: number
}

export interface UnauthorizedStep extends StepBase {
  kind: "unauthorized"
  /** Gemini only: 400 API_KEY_INVALID (default) or 401 UNAUTHENTICATED. */
  status?: number
}

export interface ContextOverflowStep extends StepBase {
  kind: "context_overflow"
}

export interface HangStep extends StepBase {
  kind: "hang"
  /** Streaming requests only: send the 200 headers and opening frames, then stall. */
  after_headers?: boolean
}

export interface ResetStep extends StepBase {
  kind: "reset"
}

export interface CutStep extends StepBase, StreamedText {
  kind: "cut"
  /** The part of the answer that gets through before the connection drops. */
  text: string
}

/** The two ways the OpenAI Responses API reports a failure inside a 200 stream. */
export type ResponsesErrorEvent = "response.failed" | "error"

export interface StreamErrorStep extends StepBase, StreamedText {
  kind: "stream_error"
  /**
   * Text streamed before the error frame; without it the error is the first
   * frame (on the Responses API, the first after its two opening events).
   */
  text?: string
  /** OpenAI Responses only: the event that carries the error (default `response.failed`). */
  responses_event?: ResponsesErrorEvent
}

/** Answers with one of the vendor errors of `OBSERVED_ERRORS` (observed-errors.ts), whatever the route asked. */
export interface VendorErrorStep extends StepBase {
  kind: "vendor_error"
  /** The id of the observed error. */
  error: string
}

export type Step =
  | TextStep
  | ToolCallStep
  | RateLimitStep
  | ServerErrorStep
  | OverloadedStep
  | ModelNotFoundStep
  | UnauthorizedStep
  | ContextOverflowStep
  | HangStep
  | ResetStep
  | CutStep
  | StreamErrorStep
  | VendorErrorStep

export type StepKind = Step["kind"]

/**
 * Model id (or `"*"` for any other model) to the steps it serves, one per
 * request; the last step repeats once the list is used up.
 */
export type Script = Record<string, Step | Step[]>

export const DEFAULT_MODEL_KEY = "*"

export function defaultText(model: string): string {
  return `ok from ${model}`
}

/**
 * Hands out the next step for each request. Counters are per script entry,
 * so models that fall through to `"*"` share one sequence: a `"*"` list reads
 * as "what the provider does next", whichever model is asked.
 */
export class ScriptCursor {
  private script: Script
  private readonly served = new Map<string, number>()

  constructor(script: Script = {}) {
    this.script = script
  }

  /** Replaces the script and starts every sequence from its first step. */
  set(script: Script): void {
    this.script = script
    this.served.clear()
  }

  /** The step the next request for `model` would get, without using it up. */
  peek(model: string): Step | undefined {
    const key = this.keyFor(model)
    const entry = this.script[key]
    if (entry === undefined) return undefined
    const steps = Array.isArray(entry) ? entry : [entry]
    return steps[Math.min(this.served.get(key) ?? 0, steps.length - 1)]
  }

  rewind(): void {
    this.served.clear()
  }

  /** The step for this request, or undefined when the script says nothing about the model. */
  next(model: string): Step | undefined {
    const step = this.peek(model)
    if (step === undefined) return undefined
    const key = this.keyFor(model)
    this.served.set(key, (this.served.get(key) ?? 0) + 1)
    return step
  }

  private keyFor(model: string): string {
    return Object.hasOwn(this.script, model) ? model : DEFAULT_MODEL_KEY
  }
}

type FieldType = "string" | "number" | "boolean" | "object"

interface FieldSpec {
  type: FieldType
  required?: boolean
  /** For strings with a fixed vocabulary: the accepted values. */
  values?: readonly string[]
}

const RESPONSES_ERROR_EVENTS: readonly ResponsesErrorEvent[] = ["response.failed", "error"]

const STREAMED_TEXT_FIELDS: Record<string, FieldSpec> = {
  chunks: { type: "number" },
  chunk_delay_ms: { type: "number" },
}

// One entry per step kind; unknown fields are rejected so a typo such as
// `retry_after` fails loudly instead of silently using the default.
const STEP_FIELDS: Record<StepKind, Record<string, FieldSpec>> = {
  text: {
    text: { type: "string" },
    reasoning: { type: "string" },
    headers: { type: "object" },
    ...STREAMED_TEXT_FIELDS,
  },
  tool_call: {
    name: { type: "string", required: true },
    input: { type: "object", required: true },
    id: { type: "string" },
    text: { type: "string" },
    reasoning: { type: "string" },
    headers: { type: "object" },
    ...STREAMED_TEXT_FIELDS,
  },
  rate_limit: { retry_after_s: { type: "number" }, retry_after_ms: { type: "number" }, quota: { type: "boolean" } },
  server_error: { status: { type: "number" }, retry_after_s: { type: "number" } },
  overloaded: { retry_after_s: { type: "number" } },
  model_not_found: {},
  unauthorized: { status: { type: "number" } },
  context_overflow: {},
  hang: { after_headers: { type: "boolean" } },
  reset: {},
  cut: { text: { type: "string", required: true }, ...STREAMED_TEXT_FIELDS },
  stream_error: {
    text: { type: "string" },
    responses_event: { type: "string", values: RESPONSES_ERROR_EVENTS },
    ...STREAMED_TEXT_FIELDS,
  },
  vendor_error: { error: { type: "string", required: true } },
}

function typeOf(value: unknown): string {
  if (value === null) return "null"
  if (Array.isArray(value)) return "array"
  return typeof value
}

function isStepKind(value: unknown): value is StepKind {
  return typeof value === "string" && Object.hasOwn(STEP_FIELDS, value)
}

function parseStep(value: unknown, where: string): Step {
  if (typeOf(value) !== "object") throw new Error(`${where}: a step must be an object, got ${typeOf(value)}`)
  const record = value as Record<string, unknown>
  const kind = record["kind"]
  if (!isStepKind(kind)) {
    throw new Error(
      `${where}.kind: expected one of ${Object.keys(STEP_FIELDS).join(", ")}, got ${JSON.stringify(kind)}`,
    )
  }
  const fields: Record<string, FieldSpec> = { ...STEP_FIELDS[kind], delay_ms: { type: "number" } }
  for (const [name, fieldValue] of Object.entries(record)) {
    if (name === "kind") continue
    const spec = fields[name]
    if (spec === undefined) throw new Error(`${where}.${name}: unknown field for a "${kind}" step`)
    if (typeOf(fieldValue) !== spec.type) {
      throw new Error(`${where}.${name}: expected ${spec.type}, got ${typeOf(fieldValue)}`)
    }
    if (spec.values !== undefined && !spec.values.includes(fieldValue as string)) {
      throw new Error(`${where}.${name}: expected one of ${spec.values.join(", ")}, got ${JSON.stringify(fieldValue)}`)
    }
  }
  for (const [name, spec] of Object.entries(fields)) {
    if (spec.required === true && !Object.hasOwn(record, name)) {
      throw new Error(`${where}.${name}: required for a "${kind}" step`)
    }
  }
  if (kind === "vendor_error" && observedError(record["error"] as string) === undefined) {
    throw new Error(`${where}.error: no observed vendor error has the id ${JSON.stringify(record["error"])}`)
  }
  // Every field was checked against STEP_FIELDS, which mirrors the Step types.
  return record as unknown as Step
}

/** Validates untrusted JSON (a script file) and returns it typed; throws with the offending path. */
export function parseScript(value: unknown): Script {
  if (typeOf(value) !== "object")
    throw new Error(`script: expected an object of model id to steps, got ${typeOf(value)}`)
  const script: Script = {}
  for (const [model, entry] of Object.entries(value as Record<string, unknown>)) {
    const where = `script[${JSON.stringify(model)}]`
    if (!Array.isArray(entry)) {
      script[model] = parseStep(entry, where)
      continue
    }
    if (entry.length === 0) throw new Error(`${where}: a step list must not be empty`)
    script[model] = entry.map((step, index) => parseStep(step, `${where}[${index}]`))
  }
  return script
}
