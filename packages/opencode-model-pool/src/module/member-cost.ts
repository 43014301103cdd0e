// OpenCode prices every step at the price of the model it recorded for the turn, but a pool's call may be answered
// by another member. OpenCode 1.18.33 takes one price from the step's provider metadata instead of its own sum:
// `copilot.totalNanoAiu` (GitHub Copilot's billed units, 1e-11 dollars each). The pool puts the answering member's
// price there, so the step is recorded at what that member costs.
import type {
  LanguageModelV3,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
} from "@ai-sdk/provider"
import { METADATA_KEY } from "@model-pool/core"
import type { Price } from "../host/provider-info.ts"
import { wrapModel } from "./wrap-model.ts"

/** The key OpenCode reads a step's own price from, and the unit it counts in (dollars = units / 1e11). */
const PRICE_KEY = "copilot"
const UNITS_PER_DOLLAR_PER_MILLION = 100_000

const count = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? Math.max(0, value) : 0)
// Per token, in 1e-11 dollars: whole units for any price with up to five decimals, so no float drift.
const units = (pricePerMillion: number | undefined) => Math.round(count(pricePerMillion) * UNITS_PER_DOLLAR_PER_MILLION)

/** The price that applies to a call of this many input tokens: the highest context tier it passes, if any. */
function priceFor(price: Price, input: number): Omit<Price, "experimentalOver200K" | "tiers"> {
  const tier = (price.tiers ?? [])
    .filter((entry) => entry.tier.type === "context" && input > entry.tier.size)
    .sort((a, b) => b.tier.size - a.tier.size)[0]
  if (tier) return tier
  if (price.experimentalOver200K && input > 200_000) return price.experimentalOver200K
  return price
}

/** A cache write the usage does not count may be in the provider's own metadata, as OpenCode reads it. */
function cacheWrites(usage: LanguageModelV3Usage, metadata: SharedV3ProviderMetadata | undefined): number {
  if (usage.inputTokens.cacheWrite !== undefined) return count(usage.inputTokens.cacheWrite)
  const number = (value: unknown) => (typeof value === "number" ? value : undefined)
  return count(
    number(metadata?.anthropic?.cacheCreationInputTokens) ??
      number(metadata?.vertex?.cacheCreationInputTokens) ??
      number((metadata?.bedrock?.usage as Record<string, unknown> | undefined)?.cacheWriteInputTokens) ??
      number((metadata?.venice?.usage as Record<string, unknown> | undefined)?.cacheCreationInputTokens),
  )
}

/**
 * What a step of this usage costs at `price`, in OpenCode's price units: uncached input, output (reasoning
 * included, at the output price), cache reads and cache writes, each at its own price.
 */
export function priceUnits(usage: LanguageModelV3Usage, metadata: SharedV3ProviderMetadata | undefined, price: Price) {
  const input = count(usage.inputTokens.total)
  const read = count(usage.inputTokens.cacheRead)
  const write = cacheWrites(usage, metadata)
  const applied = priceFor(price, input)
  return (
    Math.max(0, input - read - write) * units(applied.input) +
    count(usage.outputTokens.total) * units(applied.output) +
    read * units(applied.cache?.read) +
    write * units(applied.cache?.write)
  )
}

/** The step's metadata with the answering member's price, which OpenCode then records instead of the turn model's. */
export function withMemberPrice(
  usage: LanguageModelV3Usage,
  metadata: SharedV3ProviderMetadata | undefined,
  price: Price,
): SharedV3ProviderMetadata {
  return { ...metadata, [PRICE_KEY]: { ...metadata?.[PRICE_KEY], totalNanoAiu: priceUnits(usage, metadata, price) } }
}

/** The member the pool report on a result or part names as the one that answered. */
function answeredBy(metadata: SharedV3ProviderMetadata | undefined): string | undefined {
  const member = metadata?.[METADATA_KEY]?.member
  return typeof member === "string" ? member : undefined
}

/**
 * The pool model with each result priced at the member that answered it, where that is not the model OpenCode
 * recorded (`recorded`) and the member's price is known; everything else passes through untouched.
 */
export function pricedByAnsweringMember(
  model: LanguageModelV3,
  recorded: string,
  price: (member: string) => Price | undefined,
): LanguageModelV3 {
  const repriced = (usage: LanguageModelV3Usage, metadata: SharedV3ProviderMetadata | undefined) => {
    const member = answeredBy(metadata)
    const known = member === undefined || member === recorded ? undefined : price(member)
    return known ? withMemberPrice(usage, metadata, known) : metadata
  }
  return wrapModel(model, {
    async wrapGenerate({ doGenerate }) {
      const result = await doGenerate()
      const providerMetadata = repriced(result.usage, result.providerMetadata)
      return providerMetadata === undefined ? result : { ...result, providerMetadata }
    },
    async wrapStream({ doStream }) {
      const result = await doStream()
      const stream = result.stream.pipeThrough(
        new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
          transform(part, controller) {
            if (part.type !== "finish") return controller.enqueue(part)
            const providerMetadata = repriced(part.usage, part.providerMetadata)
            controller.enqueue(providerMetadata === undefined ? part : { ...part, providerMetadata })
          },
        }),
      )
      return { ...result, stream }
    },
  })
}
