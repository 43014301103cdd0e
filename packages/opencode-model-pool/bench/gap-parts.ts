// Splits a fallback's gap (the failed request's arrival at the provider to the backup's) into its parts, from the
// fake provider's log and the plugin's trace marks (OPENCODE_MODEL_POOL_TRACE).
import type { TraceMark } from "../src/module/trace.ts"

/** A request as the fake provider logged it: the model asked for, its arrival and when its answer went out. */
export interface LoggedRequest {
  model: string
  at: number
  answered: number
}

/** The parts of one gap, in ms; they add up to `gap`. */
export interface GapParts {
  gap: number
  /** The provider's failed answer reaching the member's package: the fake answering, the runtime's turnaround. */
  answer: number
  /** The member's package reading the error answer and throwing. */
  package: number
  /** The pool's own work: classifying the failure, deciding the next step, shaping the backup's call. */
  pool: number
  /** The backup's package building its request, up to `fetch`. */
  build: number
  /** The backup's request on its way to the provider. */
  transit: number
}

/**
 * The parts of the gap between the last request for `failed` before the first for `backup` and that one, or
 * undefined when a request or a mark is missing. `failed` and `backup` are model ids as the provider sees them;
 * `member` maps one to the `provider/model` the marks name.
 */
export function gapParts(
  requests: readonly LoggedRequest[],
  marks: readonly TraceMark[],
  failed: string,
  backup: string,
  member: (model: string) => string,
): GapParts | undefined {
  const next = requests.findIndex((request) => request.model === backup)
  const first = requests.slice(0, Math.max(0, next)).findLast((request) => request.model === failed)
  const second = requests[next]
  if (!first || !second) return undefined
  // The marks of the failed request come after its arrival; the backup's start after that failure.
  const after = (event: TraceMark["event"], model: string, from: number) =>
    marks.find((mark) => mark.event === event && mark.model === model && mark.at >= from)?.at
  const response = after("member.response", member(failed), first.at)
  const thrown = response === undefined ? undefined : after("member.failed", member(failed), response)
  const start = thrown === undefined ? undefined : after("member.start", member(backup), thrown)
  const fetched = start === undefined ? undefined : after("member.fetch", member(backup), start)
  if (response === undefined || thrown === undefined || start === undefined || fetched === undefined) return undefined
  return {
    gap: second.at - first.at,
    answer: response - first.at,
    package: thrown - response,
    pool: start - thrown,
    build: fetched - start,
    transit: second.at - fetched,
  }
}

/** The marks a traced process wrote, one JSON object per line. */
export function readMarks(text: string): TraceMark[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TraceMark)
}
