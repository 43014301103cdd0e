// How the tests compare what two runs sent: a request without what differs between any two sessions.
import type { RecordedRequest } from "@model-pool/fake-provider"

/** Session ids, and the ids providers and clients mint per call (tool calls, messages, items). */
const RUN_IDS = /\b(ses|call|toolu|tooluse|msg|fc|rs|resp)_[A-Za-z0-9]+/g

/** Cohere names its tool calls after the tool (the session's is `bash`) and twelve random characters. */
const COHERE_IDS = /\bbash_[a-z0-9]{12}\b/g

/** Mistral's tool-call ids are nine random letters and digits, in the call's `id` and the result's `tool_call_id`. */
const MISTRAL_IDS = /"(id|tool_call_id)":"[A-Za-z0-9]{9}"/g

/** Headers that differ between any two requests: the host's port, the length, SigV4's signing time. */
const RUN_HEADERS = new Set(["host", "content-length", "x-amz-date"])

/** A request as the provider sees it, with per-run ids replaced by their kind. */
export function comparable(request: RecordedRequest): { path: string; headers: string; body: string } {
  const stable = (text: string) =>
    text.replace(RUN_IDS, "$1_<id>").replace(COHERE_IDS, "bash_<id>").replace(MISTRAL_IDS, '"$1":"<id9>"')
  const headers = Object.entries(request.headers).filter(([name]) => !RUN_HEADERS.has(name))
  return {
    path: request.path,
    headers: stable(JSON.stringify(headers.sort())),
    body: stable(JSON.stringify(request.body)),
  }
}
