// Timing marks for `npm run bench:e2e`, which splits a fallback's gap and the plugin's start-up into their parts.
// With OPENCODE_MODEL_POOL_TRACE naming a file, the plugin notes when each member's call starts, sends its request,
// hears the response and fails, and when start-up work begins and ends; the file gets one JSON line per mark when
// the process exits. Unset (the default), nothing is wrapped and nothing is noted.
import { appendFileSync } from "node:fs"
import type { LanguageModelV3 } from "@ai-sdk/provider"
import { wrapModel } from "./wrap-model.ts"

/** The variable that turns tracing on, naming the file the marks go to. */
export const TRACE_ENV = "OPENCODE_MODEL_POOL_TRACE"

/** One mark: what happened, to which model (`provider/model` as sent), at what epoch time in fractional ms. */
export interface TraceMark {
  event:
    | "member.start"
    | "member.fetch"
    | "member.response"
    | "member.failed"
    | "startup.config"
    | "startup.packages"
    | "startup.warm"
  model?: string
  /** The response's status, for `member.response`. */
  status?: number
  /** When the work a `startup.*` mark closes began. */
  from?: number
  at: number
}

const file = process.env[TRACE_ENV]

/** Whether this process traces. */
export const tracing = file !== undefined && file !== ""

// On the global object: the plugin and its model module may be loaded as separate copies of this file.
const MARKS = Symbol.for("opencode-model-pool.trace")
const marks: TraceMark[] = ((globalThis as Record<symbol, TraceMark[] | undefined>)[MARKS] ??= (() => {
  if (tracing)
    process.on("exit", () => appendFileSync(file!, marks.map((mark) => `${JSON.stringify(mark)}\n`).join("")))
  return []
})())

/** Now, as epoch ms with a fraction, comparable across processes on one machine. */
export const traceNow = () => performance.timeOrigin + performance.now()

/** Notes a mark, when tracing. */
export function mark(event: TraceMark["event"], fields: Omit<TraceMark, "event" | "at"> = {}): void {
  if (tracing) marks.push({ event, ...fields, at: traceNow() })
}

/** `fetch` noting when a request of `model` leaves and when its response comes; `base` itself when not tracing. */
export function tracedFetch(model: string, base: typeof fetch | undefined): typeof fetch | undefined {
  if (!tracing) return base
  const send = base ?? globalThis.fetch
  const traced = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    mark("member.fetch", { model })
    const response = await send(input, init)
    mark("member.response", { model, status: response.status })
    return response
  }
  return Object.assign(traced, { preconnect: send.preconnect }) as typeof fetch
}

/** `model` noting when each call starts and when one fails before it answers; `model` itself when not tracing. */
export function tracedModel(name: string, model: LanguageModelV3): LanguageModelV3 {
  if (!tracing) return model
  const failed = (error: unknown) => {
    mark("member.failed", { model: name })
    throw error
  }
  return wrapModel(model, {
    wrapGenerate: ({ doGenerate }) => {
      mark("member.start", { model: name })
      return Promise.resolve(doGenerate()).catch(failed)
    },
    wrapStream: ({ doStream }) => {
      mark("member.start", { model: name })
      return Promise.resolve(doStream()).catch(failed)
    },
  })
}
