import { describe, expect, test } from "bun:test"
import {
  ChunkTimeoutError,
  HeaderTimeoutError,
  PackageNotLoadedError,
  UnknownMemberError,
  UnknownPoolError,
  UnknownProviderError,
  UnroutedModelError,
} from "./errors.ts"

const CLASSES = {
  UnknownProviderError,
  UnroutedModelError,
  UnknownPoolError,
  UnknownMemberError,
  PackageNotLoadedError,
  HeaderTimeoutError,
  ChunkTimeoutError,
}
type Classes = typeof CLASSES

// Another copy of the module, as when OpenCode imports the plugin and its model module separately.
const copy = (await import(`./errors.ts?copy=${Date.now()}`)) as Classes

const MAKE: { [Name in keyof Classes]: (classes: Classes) => Error } = {
  UnknownProviderError: (classes) => new classes.UnknownProviderError("zz/m", "no provider"),
  UnroutedModelError: (classes) => new classes.UnroutedModelError("a/m"),
  UnknownPoolError: (classes) => new classes.UnknownPoolError("duo"),
  UnknownMemberError: (classes) => new classes.UnknownMemberError("a/m"),
  PackageNotLoadedError: (classes) => new classes.PackageNotLoadedError("@ai-sdk/xai"),
  HeaderTimeoutError: (classes) => new classes.HeaderTimeoutError(5),
  ChunkTimeoutError: (classes) => new classes.ChunkTimeoutError(5),
}
const NAMES = Object.keys(CLASSES) as (keyof Classes)[]

describe("the plugin's named errors", () => {
  test("another copy of the module is another class", () => {
    expect(copy.UnknownPoolError).not.toBe(UnknownPoolError)
    expect(MAKE.UnknownPoolError(copy)).not.toBeInstanceOf(UnknownPoolError)
  })

  for (const name of NAMES)
    test(`${name} is recognised by its marker across copies, by its name, and no other error is`, () => {
      const error = MAKE[name](copy)
      expect(error.name).toBe(name)
      expect(CLASSES[name].isInstance(error)).toBe(true)
      expect(CLASSES[name].isInstance(new Error(error.message))).toBe(false)
      for (const other of NAMES.filter((candidate) => candidate !== name))
        expect(CLASSES[other].isInstance(error)).toBe(false)
    })

  test("the messages say what went wrong, as before", () => {
    expect(MAKE.UnroutedModelError(CLASSES).message).toBe(
      "opencode-model-pool: a/m is routed to the pool module, but no pool lists it (is the plugin loaded?)",
    )
    expect(MAKE.UnknownPoolError(CLASSES).message).toBe(
      "opencode-model-pool: there is no pool named duo (is the plugin loaded?)",
    )
    expect(MAKE.PackageNotLoadedError(CLASSES).message).toBe(
      "opencode-model-pool: @ai-sdk/xai is used before it was loaded (loadProviderPackages)",
    )
    expect(MAKE.ChunkTimeoutError(CLASSES).message).toBe("SSE read timed out after 5 ms")
  })
})
