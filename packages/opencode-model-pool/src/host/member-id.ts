/** A model as OpenCode names it, `provider/model`: the provider ID up to the first slash, the model key after it. */
export interface MemberId {
  providerID: string
  modelID: string
}

/** Splits `provider/model`; a model key may hold slashes itself (`openrouter/google/gemini-2.5-pro`). */
export function parseMemberId(member: string): MemberId {
  const slash = member.indexOf("/")
  return { providerID: member.slice(0, slash), modelID: member.slice(slash + 1) }
}
