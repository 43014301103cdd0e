import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from "@ai-sdk/provider"
import { reporter } from "./part-report.ts"
import type { Pending } from "./pending.ts"

/** The member a stream committed to, and what the caller gets from it. */
interface Committed {
  /** The parts read up to and including the first output part. */
  parts: readonly LanguageModelV3StreamPart[]
  /** The rest of the member's stream. */
  reader: ReadableStreamDefaultReader<LanguageModelV3StreamPart>
  /** The pool report, added to the parts that carry metadata. */
  report: SharedV3ProviderMetadata
  /** Whether the caller asked for raw chunks; the member is always asked for them. */
  includeRawChunks: boolean
  /** The caller's signal: a stream cut by the caller's own abort is no failure of the member. */
  abortSignal: AbortSignal | undefined
  /** Records a failure of the member after the commit: an `error` part, or the stream breaking. */
  failed: (error: unknown) => void
  /** The observers' work of the call, settled before the stream closes or errors. */
  pending: Pending
}

/**
 * The stream the caller reads once the call committed to a member: the member's parts, as it produced them, with the
 * pool report on them and raw chunks only if the caller asked. Nothing is switched any more; an error reaches the
 * caller unchanged, and is recorded as the member's failure.
 */
export function committedStream(committed: Committed): ReadableStream<LanguageModelV3StreamPart> {
  const withReport = reporter(committed.report)
  const keepRaw = committed.includeRawChunks
  const reader = committed.reader
  // Pull in batches up to the queue's mark: one pull per batch instead of per part keeps the added cost per part
  // small on long streams.
  return new ReadableStream<LanguageModelV3StreamPart>(
    {
      start(controller) {
        for (const part of committed.parts) if (keepRaw || part.type !== "raw") controller.enqueue(withReport(part))
      },
      async pull(controller) {
        try {
          for (;;) {
            const next = await reader.read()
            if (next.done) {
              await committed.pending.settle()
              return controller.close()
            }
            if (next.value.type === "raw" && !keepRaw) continue
            if (next.value.type === "error") committed.failed(next.value.error)
            controller.enqueue(withReport(next.value))
            if ((controller.desiredSize ?? 0) <= 0) return
          }
        } catch (error) {
          if (!committed.abortSignal?.aborted) committed.failed(error)
          await committed.pending.settle()
          controller.error(error)
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 64 },
  )
}
