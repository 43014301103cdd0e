// The shape of a strict-mode rule, shared by the per-vendor rule files.

import type { ReasoningSigner } from "./signature.ts"

/** What a rule may consult besides the body. */
export interface StrictContext {
  model: string
  signer: ReasoningSigner
  /** Responses items this server stored, by id, for `item_reference` input. */
  items: ReadonlyMap<string, Record<string, unknown>>
}

/** One broken rule, in the vendor's words. */
export interface Violation {
  message: string
  /** 400 unless the vendor answers this one otherwise (the Responses API's unknown item is a 404). */
  status?: number
  /** OpenAI (and Mistral, `code`): the `param` and `code` fields of the error. */
  param?: string | null
  code?: string | null
  /** Perplexity and Mistral: the error's `type` (`invalid_request_error` unless set). */
  type?: string
}

/** A named check of one request body; undefined when the body keeps the rule. */
export type Rule = (body: Record<string, unknown>, ctx: StrictContext) => Violation | undefined

/** The records in an array field, keeping their positions (non-records become undefined). */
export function records(value: unknown): (Record<string, unknown> | undefined)[] {
  if (!Array.isArray(value)) return []
  return value.map((item) =>
    typeof item === "object" && item !== null && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined,
  )
}
