import type { LanguageModelV3StreamPart, SharedV3ProviderMetadata } from "@ai-sdk/provider"

/**
 * Adds the pool report to the parts of one stream. `finish` is where the AI SDK surfaces call metadata; the ends of
 * text and reasoning parts and tool calls carry it too, for hosts that keep only per-part metadata (stored on their
 * parts, not their steps).
 *
 * Such hosts REPLACE a part's stored metadata with whatever `providerMetadata` its start, delta or end carries, and
 * providers put theirs on the deltas (Anthropic's thinking signature travels on a `reasoning-delta`). So the end part
 * carries the provider's metadata (its own, else the last seen on the part's start or deltas) plus our key: what the
 * host keeps is then the provider's metadata and the report, never the report alone.
 */
export function reporter(
  report: SharedV3ProviderMetadata,
): (part: LanguageModelV3StreamPart) => LanguageModelV3StreamPart {
  // Text and reasoning ids are separate namespaces (Anthropic numbers both by content block index).
  const text = new Map<string, SharedV3ProviderMetadata>()
  const reasoning = new Map<string, SharedV3ProviderMetadata>()
  return (part) => {
    switch (part.type) {
      case "text-start":
      case "text-delta":
        if (part.providerMetadata !== undefined) text.set(part.id, part.providerMetadata)
        return part
      case "reasoning-start":
      case "reasoning-delta":
        if (part.providerMetadata !== undefined) reasoning.set(part.id, part.providerMetadata)
        return part
      case "text-end":
        return { ...part, providerMetadata: { ...ended(text, part.id, part.providerMetadata), ...report } }
      case "reasoning-end":
        return { ...part, providerMetadata: { ...ended(reasoning, part.id, part.providerMetadata), ...report } }
      case "tool-call":
      case "finish":
        return { ...part, providerMetadata: { ...part.providerMetadata, ...report } }
      default:
        return part
    }
  }
}

/** The provider metadata a host holds for a part at its end, under replace semantics; forgets the part. */
function ended(
  seen: Map<string, SharedV3ProviderMetadata>,
  id: string,
  own: SharedV3ProviderMetadata | undefined,
): SharedV3ProviderMetadata | undefined {
  const last = seen.get(id)
  if (last !== undefined) seen.delete(id)
  return own ?? last
}
