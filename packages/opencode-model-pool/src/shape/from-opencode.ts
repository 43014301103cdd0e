import type { MemberSource } from "../member-source.ts"
import type { ProviderInfo } from "../runtime.ts"
import type { MemberModel } from "./member-model.ts"

type ModelInfo = ProviderInfo["models"][string]

/** A member as the shaping rules read it: its source (real package) with what OpenCode resolved for the model. */
export function memberModel(
  source: MemberSource,
  model: ModelInfo,
  providerOptions: Record<string, unknown>,
): MemberModel {
  return {
    member: source.member,
    providerID: source.providerID,
    modelID: source.modelID,
    apiID: model.api.id || source.apiID,
    npm: source.npm,
    reasoning: model.capabilities?.reasoning === true,
    temperature: model.capabilities?.temperature !== false,
    outputLimit: model.limit?.output ?? 0,
    releaseDate: model.release_date ?? "",
    options: model.options ?? {},
    variants: model.variants ?? {},
    providerOptions,
  }
}
