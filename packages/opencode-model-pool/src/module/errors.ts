// The plugin's named errors. Each carries a `Symbol.for("opencode-model-pool.error.<Name>")` marker and a static
// `isInstance`, as the core's errors do, so a check holds where `instanceof` does not: OpenCode imports the plugin
// and its model module separately, by URL, and two copies of a file may be loaded.

/** The marker of the error class `name`: the same symbol in every copy of the plugin. */
export const errorMarker = (name: string) => Symbol.for(`opencode-model-pool.error.${name}`)

/** True when `error` carries `brand`, the marker an error class of this plugin sets on its instances. */
export function hasMarker(error: unknown, brand: symbol): boolean {
  return typeof error === "object" && error !== null && brand in error
}

const UNKNOWN_PROVIDER = errorMarker("UnknownProviderError")

/**
 * A call to a member whose provider OpenCode does not know: nothing could send it. Its code is the one providers
 * give a model that does not exist, so the pool reads it as such a failure (`provider_unavailable` that lasts): it
 * moves on to the next member and skips this one for `cooldown.quota_ms`.
 */
export class UnknownProviderError extends Error {
  private readonly [UNKNOWN_PROVIDER] = true
  override readonly name = "UnknownProviderError"
  readonly code = "model_not_found"

  constructor(
    readonly member: string,
    reason: string,
  ) {
    super(`${member}: ${reason}`)
  }

  /** True for an UnknownProviderError, even from another copy of this module. */
  static isInstance(error: unknown): error is UnknownProviderError {
    return hasMarker(error, UNKNOWN_PROVIDER)
  }
}

const UNROUTED_MODEL = errorMarker("UnroutedModelError")

/** OpenCode asked the model module for a model that no pool of a loaded plugin instance lists. */
export class UnroutedModelError extends Error {
  private readonly [UNROUTED_MODEL] = true
  override readonly name = "UnroutedModelError"

  /** `model` is `provider/model` as OpenCode asked for it. */
  constructor(readonly model: string) {
    super(`opencode-model-pool: ${model} is routed to the pool module, but no pool lists it (is the plugin loaded?)`)
  }

  /** True for an UnroutedModelError, even from another copy of this module. */
  static isInstance(error: unknown): error is UnroutedModelError {
    return hasMarker(error, UNROUTED_MODEL)
  }
}

const UNKNOWN_POOL = errorMarker("UnknownPoolError")

/** OpenCode asked for `pool/<name>`, and no loaded plugin instance has a pool of that name. */
export class UnknownPoolError extends Error {
  private readonly [UNKNOWN_POOL] = true
  override readonly name = "UnknownPoolError"

  constructor(readonly pool: string) {
    super(`opencode-model-pool: there is no pool named ${pool} (is the plugin loaded?)`)
  }

  /** True for an UnknownPoolError, even from another copy of this module. */
  static isInstance(error: unknown): error is UnknownPoolError {
    return hasMarker(error, UNKNOWN_POOL)
  }
}

const UNKNOWN_MEMBER = errorMarker("UnknownMemberError")

/** A pool asked for a member the config gave no source for (the config read leaves such members out of pools). */
export class UnknownMemberError extends Error {
  private readonly [UNKNOWN_MEMBER] = true
  override readonly name = "UnknownMemberError"

  constructor(readonly member: string) {
    super(`opencode-model-pool: no source for ${member}`)
  }

  /** True for an UnknownMemberError, even from another copy of this module. */
  static isInstance(error: unknown): error is UnknownMemberError {
    return hasMarker(error, UNKNOWN_MEMBER)
  }
}

const PACKAGE_NOT_LOADED = errorMarker("PackageNotLoadedError")

/** A member's provider package is built before `loadProviderPackages` loaded it. */
export class PackageNotLoadedError extends Error {
  private readonly [PACKAGE_NOT_LOADED] = true
  override readonly name = "PackageNotLoadedError"

  constructor(readonly npm: string) {
    super(`opencode-model-pool: ${npm} is used before it was loaded (loadProviderPackages)`)
  }

  /** True for a PackageNotLoadedError, even from another copy of this module. */
  static isInstance(error: unknown): error is PackageNotLoadedError {
    return hasMarker(error, PACKAGE_NOT_LOADED)
  }
}

const HEADER_TIMEOUT = errorMarker("HeaderTimeoutError")

/** No response headers within the header limit. The core reads any `...TimeoutError` as a timeout. */
export class HeaderTimeoutError extends Error {
  private readonly [HEADER_TIMEOUT] = true
  override readonly name = "HeaderTimeoutError"

  constructor(readonly ms: number) {
    super(`no response headers within ${ms} ms`)
  }

  /** True for a HeaderTimeoutError, even from another copy of this module. */
  static isInstance(error: unknown): error is HeaderTimeoutError {
    return hasMarker(error, HEADER_TIMEOUT)
  }
}

const CHUNK_TIMEOUT = errorMarker("ChunkTimeoutError")

/** An event stream that yielded nothing within the chunk limit. */
export class ChunkTimeoutError extends Error {
  private readonly [CHUNK_TIMEOUT] = true
  override readonly name = "ChunkTimeoutError"

  constructor(readonly ms: number) {
    super(`SSE read timed out after ${ms} ms`)
  }

  /** True for a ChunkTimeoutError, even from another copy of this module. */
  static isInstance(error: unknown): error is ChunkTimeoutError {
    return hasMarker(error, CHUNK_TIMEOUT)
  }
}
