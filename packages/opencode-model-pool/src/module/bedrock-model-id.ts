// Bedrock serves many models only through cross-region inference profiles, whose ids carry a geography prefix
// (`us.anthropic.claude-...`). OpenCode 1.18.33's Bedrock loader adds that prefix from the provider's region and
// the model family before it asks the package for a model; a member the pool builds itself gets the same id.

const PREFIXES = ["global.", "us.", "eu.", "jp.", "apac.", "au."]

const EU_REGIONS = ["eu-west-1", "eu-west-2", "eu-west-3", "eu-north-1", "eu-central-1", "eu-south-1", "eu-south-2"]
const AU_REGIONS = ["ap-southeast-2", "ap-southeast-4"]

/** Which models each geography serves through a cross-region profile, by a part of their id. */
const PROFILED: Record<"us" | "eu" | "au" | "asia", string[]> = {
  us: ["nova-micro", "nova-lite", "nova-pro", "nova-premier", "nova-2", "claude", "deepseek.r1"],
  eu: ["claude", "nova-lite", "nova-micro", "llama3", "pixtral"],
  au: ["anthropic.claude-sonnet-4-5", "anthropic.claude-haiku"],
  asia: ["claude", "nova-lite", "nova-micro", "nova-pro"],
}

const served = (id: string, geography: keyof typeof PROFILED) => PROFILED[geography].some((part) => id.includes(part))

/** The geography prefix OpenCode puts on a Bedrock model id in `region`, if any. */
function prefixFor(id: string, region: string): string | undefined {
  const geography = region.split("-")[0]
  if (geography === "us") return served(id, "us") && !region.startsWith("us-gov") ? "us." : undefined
  if (geography === "eu")
    return EU_REGIONS.some((name) => region.includes(name)) && served(id, "eu") ? "eu." : undefined
  if (geography !== "ap") return undefined
  if (AU_REGIONS.includes(region) && served(id, "au")) return "au."
  if (!served(id, "asia")) return undefined
  return region === "ap-northeast-1" ? "jp." : "apac."
}

/** The id OpenCode sends for a Bedrock model in `region`: ARNs and prefixed ids as they are, others prefixed. */
export function bedrockModelId(id: string, region: string): string {
  if (id.startsWith("arn:") || PREFIXES.some((prefix) => id.startsWith(prefix))) return id
  const prefix = prefixFor(id, region)
  return prefix === undefined ? id : `${prefix}${id}`
}

/** The id without its geography prefix: the model a prefixed id asks for. */
export function withoutRegionPrefix(id: string): string {
  const prefix = PREFIXES.find((candidate) => id.startsWith(candidate))
  return prefix === undefined ? id : id.slice(prefix.length)
}
