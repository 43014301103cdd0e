import { afterEach, describe, expect, test } from "bun:test"
import { SUPPORTED_NPM } from "../host/provider-packages.ts"
import { buildModel, loadProviderPackages, wantProviderPackages } from "./build-model.ts"
import { readyPackages, warmUp, WARM_ENV } from "./warm-up.ts"

const realFetch = globalThis.fetch
afterEach(() => {
  globalThis.fetch = realFetch
})

/** Replaces the platform's fetch with one that records every use and answers nothing. */
function noNetwork(): string[] {
  const used: string[] = []
  globalThis.fetch = Object.assign(
    async (input: Parameters<typeof fetch>[0]) => {
      used.push(String(input))
      throw new Error("the warm-up used the network")
    },
    { preconnect: realFetch.preconnect },
  ) as typeof fetch
  return used
}

describe("the start-up warm-up", () => {
  test("the packages the config noted load when asked, so members are built at once after it, with the warm-up on or off", async () => {
    const used = noNetwork()
    expect(() => buildModel("@ai-sdk/cohere", "cohere", "command-a", { apiKey: "k" })).toThrow("@ai-sdk/cohere")
    await wantProviderPackages(["@ai-sdk/cohere"])
    await readyPackages({ [WARM_ENV]: "0" })
    expect(() => buildModel("@ai-sdk/cohere", "cohere", "command-a", { apiKey: "k" })).not.toThrow()
    await readyPackages({})
    expect(used).toEqual([])
  })

  test("every package's request and error code runs, each failure read as its condition, without any network", async () => {
    const warmed = SUPPORTED_NPM.filter((npm) => !npm.startsWith("@ai-sdk/google-vertex"))
    await loadProviderPackages(SUPPORTED_NPM)
    const used = noNetwork()
    const conditions = await warmUp(SUPPORTED_NPM)
    expect(used).toEqual([])
    expect([...conditions.keys()].sort()).toEqual([...warmed].sort())
    for (const npm of warmed)
      expect({ npm, conditions: conditions.get(npm) }).toEqual({
        npm,
        conditions: ["rate_limit", "provider_unavailable", "token_limit"],
      })
  }, 30_000)
})
