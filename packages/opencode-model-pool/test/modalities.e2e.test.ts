import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, test } from "bun:test"
import { comparable } from "./requests.ts"
import { scenario, type Scenario } from "./scenario.ts"

const E2E = 180_000

/** A 1x1 PNG. */
const PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="

/** The standard providers, with the primary reading pictures and the fallback reading text only. */
function configure(s: Scenario, config: Record<string, unknown>) {
  const providers = s.providers()
  const { alpha, beta } = providers
  const reads = (provider: Record<string, unknown>, model: string, input: string[]) => {
    const models = provider.models as Record<string, object>
    return {
      ...provider,
      models: { ...models, [model]: { ...models[model], modalities: { input, output: ["text"] } } },
    }
  }
  s.configure({
    ...config,
    provider: {
      ...providers,
      alpha: reads(alpha!, "gpt-main", ["text", "image"]),
      beta: reads(beta!, "gpt-b", ["text"]),
    },
  })
}

/** `opencode run "describe" --file pixel.png`: the message first, as `--file` takes every name after it. */
async function describePicture(s: Scenario) {
  const result = await s.box.run(["--title", "e2e", "describe", "--file", "pixel.png"])
  expect(result.code).toBe(0)
}

/** The sentence of OpenCode's system prompt that names the turn's model, which a fallback member does not change. */
const identity = (providerID: string, modelID: string) =>
  `named ${modelID}. The exact model ID is ${providerID}/${modelID}`

describe("a fallback member gets only the kinds of input it reads", () => {
  test(
    "a text-only fallback after an image-capable primary's 429 gets the picture as stock OpenCode sends it to that model",
    async () => {
      await using s = await scenario({
        "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
        "gpt-b": { kind: "text", text: "no picture here" },
      })
      writeFileSync(join(s.box.project, "pixel.png"), Buffer.from(PIXEL, "base64"))

      configure(s, { plugin: [], agent: { build: { model: "beta/gpt-b" } } })
      await describePicture(s)
      const stock = s.fake.requests.map(comparable)
      expect(stock).toHaveLength(1)
      expect(stock[0]!.body).toContain('ERROR: Cannot read \\"pixel.png\\" (this model does not support image input)')
      expect(stock[0]!.body).not.toContain(PIXEL)

      s.fake.reset()
      configure(s, { agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } } })
      await describePicture(s)
      expect(s.calls()).toEqual(["openai:gpt-main", "openai:gpt-b"])
      // The primary reads pictures, so OpenCode sent it this one.
      expect(comparable(s.fake.requests[0]!).body).toContain(PIXEL)
      const fallback = comparable(s.fake.requests[1]!)
      const body = fallback.body.replace(identity("alpha", "gpt-main"), identity("beta", "gpt-b"))
      expect({ ...fallback, body }).toEqual(stock[0]!)
    },
    E2E,
  )
})
