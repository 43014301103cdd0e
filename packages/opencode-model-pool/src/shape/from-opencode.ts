import type { MemberSource } from "../host/member-source.ts"
import type { ModelInfo } from "../host/provider-info.ts"
import type { InputModalities } from "./input-modalities.ts"
import type { MemberModel } from "./member-model.ts"

/** OpenCode keeps a file when the model's flag for its kind is set, and replaces it when the flag is false or missing. */
const readable = (input: Record<string, boolean>): InputModalities => ({
  image: input.image === true,
  audio: input.audio === true,
  video: input.video === true,
  pdf: input.pdf === true,
})

/** A member as the shaping rules read it: its source (real package) with what OpenCode resolved for the model. */
export function memberModel(
  source: MemberSource,
  model: ModelInfo,
  providerOptions: Record<string, unknown>,
): MemberModel {
  const input = model.capabilities?.input
  return {
    member: source.member,
    providerID: source.providerID,
    modelID: source.modelID,
    apiID: model.api.id || source.apiID,
    npm: source.npm,
    reasoning: model.capabilities?.reasoning === true,
    temperature: model.capabilities?.temperature !== false,
    outputLimit: model.limit?.output ?? 0,
    ...(input ? { input: readable(input) } : {}),
    releaseDate: model.release_date ?? "",
    options: model.options ?? {},
    variants: model.variants ?? {},
    providerOptions,
  }
}
