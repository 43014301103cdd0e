import { describe, expect, test } from "bun:test"
import type { ProviderSettings } from "./build-model.ts"
import { memberSettings } from "./member-models.ts"
import type { PoolRuntime, ProviderInfo } from "./runtime.ts"

const authFetch = (() => Promise.resolve(new Response("{}"))) as unknown as typeof fetch

/** The parts of the runtime member settings read. */
function runtimeWith(created: Record<string, ProviderSettings>, profiles: Record<string, string>): PoolRuntime {
  return {
    created: new Map(Object.entries(created)),
    profiles,
    authOptions: async (providerID: string) =>
      providerID === "anthropic-work" || providerID === "anthropic"
        ? { plugin: "file:///auth.mjs", options: { apiKey: "", fetch: authFetch } }
        : undefined,
  } as unknown as PoolRuntime
}

const info: ProviderInfo = { options: { apiKey: "", baseURL: "http://127.0.0.1:1/v1" }, models: {} }

describe("the settings a member's package is created with", () => {
  test("a provider OpenCode created keeps OpenCode's settings: its auth loader already ran", async () => {
    const created = { apiKey: "", fetch: authFetch, baseURL: "http://127.0.0.1:1/v1" }
    const settings = await memberSettings(
      runtimeWith({ anthropic: created }, {}),
      { providerID: "anthropic", modelID: "m" },
      info,
    )
    expect(settings).toBe(created)
  })

  test("an auth profile OpenCode created gets the profile's login, which OpenCode's loaders never gave it", async () => {
    const created = { baseURL: "http://127.0.0.1:1/v1", apiKey: "from-opencode" }
    const settings = await memberSettings(
      runtimeWith({ "anthropic-work": created }, { "anthropic-work": "anthropic" }),
      { providerID: "anthropic-work", modelID: "m" },
      info,
    )
    expect(settings).toMatchObject({ baseURL: "http://127.0.0.1:1/v1", apiKey: "" })
    // The login's fetch, under OpenCode's transport limits: a wrapper, not the plugin's function itself.
    expect(typeof settings.fetch).toBe("function")
    expect(settings.fetch).not.toBe(authFetch)
  })

  test("a provider OpenCode never created is built from its resolved options plus its login", async () => {
    const settings = await memberSettings(runtimeWith({}, {}), { providerID: "anthropic", modelID: "m" }, info)
    expect(settings).toMatchObject({ baseURL: "http://127.0.0.1:1/v1", apiKey: "" })
    expect(typeof settings.fetch).toBe("function")
  })
})
