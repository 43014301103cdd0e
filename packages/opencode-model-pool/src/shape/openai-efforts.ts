// The reasoning efforts OpenCode 1.18.33 offers for OpenAI model ids (its `variants` for @ai-sdk/openai and
// OpenRouter's openai/ models).

/** The three efforts most reasoning models take. */
export const BASIC_EFFORTS = ["low", "medium", "high"]
const BASIC = BASIC_EFFORTS
const GPT5 = /(?:^|\/)gpt-5(?:[.-]|$)/
const GPT5_MINOR = /(?:^|\/)gpt-5[.-](\d+)(?:[.-]|$)/
const GPT5_PRO = /(?:^|\/)gpt-5[.-]?pro(?:[.-]|$)/
const GPT5_MINOR_PRO = /(?:^|\/)gpt-5[.-]\d+[.-]pro(?:[.-]|$)/

const minorOf = (id: string) => Number(GPT5_MINOR.exec(id)?.[1]) || undefined

function minorEfforts(id: string): string[] | undefined {
  if (GPT5_MINOR_PRO.test(id)) return ["medium", "high", "xhigh"]
  const minor = minorOf(id)
  if (minor === undefined) return undefined
  if (minor === 1) return ["none", ...BASIC]
  return ["none", ...BASIC, "xhigh"]
}

function codexEfforts(id: string): string[] | undefined {
  if (!GPT5.test(id) || !id.includes("codex")) return undefined
  const minor = minorOf(id)
  if (minor !== undefined && minor >= 3) return ["none", ...BASIC, "xhigh"]
  if (id.includes("codex-max") || (minor !== undefined && minor >= 2)) return [...BASIC, "xhigh"]
  return BASIC
}

function chatEfforts(id: string): string[] | undefined {
  if (!GPT5.test(id) || !id.includes("-chat")) return undefined
  return minorOf(id) === undefined ? [] : ["medium"]
}

/** Efforts for an OpenAI model, by id and catalog release date. */
export function openaiEfforts(apiID: string, releaseDate: string): string[] {
  const id = apiID.toLowerCase()
  if (id.includes("deep-research")) return ["medium"]
  const fixed = chatEfforts(id) ?? (GPT5_PRO.test(id) ? ["high"] : undefined) ?? codexEfforts(id) ?? minorEfforts(id)
  if (fixed) return fixed
  return [
    ...(releaseDate >= "2025-11-13" ? ["none"] : []),
    ...(GPT5.test(id) ? ["minimal"] : []),
    ...BASIC,
    ...(releaseDate >= "2025-12-04" ? ["xhigh"] : []),
  ]
}

/** Efforts for an OpenAI model reached through a gateway, where no release date is known. */
export function gatewayOpenaiEfforts(apiID: string): string[] {
  const id = apiID.toLowerCase()
  const fixed = chatEfforts(id) ?? (GPT5_PRO.test(id) ? ["high"] : undefined) ?? codexEfforts(id) ?? minorEfforts(id)
  return fixed ?? ["none", "minimal", ...BASIC, "xhigh"]
}
