// How the tests compare what two runs sent: a request without what differs between any two sessions.
import { realpathSync } from "node:fs"
import type { FakeProvider, RecordedRequest } from "@model-pool/fake-provider"

/** Session ids, and the ids providers and clients mint per call (tool calls, messages, items). */
const RUN_IDS = /\b(ses|call|toolu|tooluse|msg|fc|rs|resp)_[A-Za-z0-9]+/g

/** Cohere names its tool calls after the tool (the session's is `bash`) and twelve random characters. */
const COHERE_IDS = /\bbash_[a-z0-9]{12}\b/g

/** Mistral's tool-call ids are nine random letters and digits, in the call's `id` and the result's `tool_call_id`. */
const MISTRAL_IDS = /"(id|tool_call_id)":"[A-Za-z0-9]{9}"/g

/** Headers that differ between any two requests: the host's port, the length, SigV4's signing time. */
const RUN_HEADERS = new Set(["host", "content-length", "x-amz-date"])

/** The day as OpenCode's system prompt gives it (`Date.prototype.toDateString`). */
const DAY = /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2} \d{4}\b/g

/** A request as the provider sees it: path, headers (sorted name-value pairs) and body, as JSON text. */
export interface Comparable {
  path: string
  headers: string
  body: string
}

/** A request as the provider sees it, with per-run ids replaced by their kind. */
export function comparable(request: RecordedRequest): Comparable {
  const stable = (text: string) =>
    text.replace(RUN_IDS, "$1_<id>").replace(COHERE_IDS, "bash_<id>").replace(MISTRAL_IDS, '"$1":"<id9>"')
  const headers = Object.entries(request.headers).filter(([name]) => !RUN_HEADERS.has(name))
  return {
    path: request.path,
    headers: stable(JSON.stringify(headers.sort())),
    body: stable(JSON.stringify(request.body)),
  }
}

/**
 * Requests as `comparable` gives them, without what differs between runs in two sandboxes against two fake
 * providers, so a run can be compared with one recorded earlier: the sandbox's folder, the platform, the day, and
 * the reasoning signatures, which each fake provider keys with a secret of its own. Each signature of one of `reasoning` is
 * replaced by the vendor, model and reasoning it signs, so a signature replayed to the wrong model still shows.
 */
export function portable(
  requests: RecordedRequest[],
  run: { root: string; fake: FakeProvider; reasoning: string[] },
): Comparable[] {
  const replacements: [string, string][] = [
    [realpathSync(run.root), "<sandbox>"],
    [run.root, "<sandbox>"],
    [`Platform: ${process.platform}`, "Platform: <platform>"],
  ]
  const models = new Set(requests.map((request) => JSON.stringify([request.format, request.model])))
  for (const model of models) {
    const [format, id] = JSON.parse(model) as [RecordedRequest["format"], string]
    for (const [index, text] of run.reasoning.entries())
      replacements.push([
        run.fake.signReasoning(format, id, text),
        `<${format} ${id} signature of reasoning ${index + 1}>`,
      ])
  }
  const local = (text: string) =>
    replacements.reduce((result, [from, to]) => result.replaceAll(from, to), text).replace(DAY, "<day>")
  return requests.map(comparable).map((request) => ({
    path: local(request.path),
    headers: local(request.headers),
    body: local(request.body),
  }))
}
