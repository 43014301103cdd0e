import type { LanguageModelV3StreamPart } from "@ai-sdk/provider"
import { describe, expect, test } from "bun:test"
import { buildModel, loadProviderPackages } from "./build-model.ts"

await loadProviderPackages(["@ai-sdk/mistral", "@ai-sdk/xai"])

/** A fetch that records each request body and answers with one SSE body. */
function recordingFetch(sse: string) {
  const bodies: Record<string, unknown>[] = []
  const fetch = (async (_input: unknown, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)))
    return new Response(sse, { headers: { "content-type": "text/event-stream" } })
  }) as unknown as typeof globalThis.fetch
  return { bodies, fetch }
}

async function drain(stream: ReadableStream<LanguageModelV3StreamPart>) {
  const parts: LanguageModelV3StreamPart[] = []
  const reader = stream.getReader()
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value)
  return parts
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "c", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`

describe("a member built from a package OpenCode bundles a patched build of", () => {
  test("a Mistral member's request and answer are those of OpenCode's build", async () => {
    const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }
    const sse =
      chunk({ role: "assistant", content: "" }) +
      chunk({ content: [{ type: "thinking", thinking: [{ type: "text", text: "Hm." }] }] }) +
      chunk({ content: "Hi." }) +
      `data: ${JSON.stringify({ id: "c", choices: [{ index: 0, delta: { content: "" }, finish_reason: "stop" }], usage })}\n\ndata: [DONE]\n\n`
    const { bodies, fetch } = recordingFetch(sse)
    const model = buildModel("@ai-sdk/mistral", "mistral", "magistral-medium-latest", { apiKey: "k", fetch })
    const result = await model.doStream({
      prompt: [
        { role: "user", content: [{ type: "text", text: "hi" }] },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "Before." },
            { type: "text", text: "Hello." },
          ],
        },
        { role: "user", content: [{ type: "text", text: "again" }] },
      ],
      providerOptions: { mistral: { promptCacheKey: "ses_1" } },
    })
    const parts = await drain(result.stream)
    expect(bodies[0]?.prompt_cache_key).toBe("ses_1")
    expect((bodies[0]?.messages as Record<string, unknown>[])[1]).toEqual({
      role: "assistant",
      content: [
        { type: "thinking", thinking: [{ type: "text", text: "Before." }] },
        { type: "text", text: "Hello." },
      ],
    })
    expect(parts.find((part) => part.type === "reasoning-end")).toEqual({
      type: "reasoning-end",
      id: expect.any(String),
      providerMetadata: { mistral: { thinking: { type: "thinking", thinking: [{ type: "text", text: "Hm." }] } } },
    })
    // The caller did not ask for raw chunks, so none reach it, although the package was asked for them.
    expect(parts.some((part) => part.type === "raw")).toBe(false)
  })

  test("an xAI member sends the cache key on the Responses API only", async () => {
    const { bodies, fetch } = recordingFetch("")
    const call = { prompt: [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }] }
    const providerOptions = { xai: { promptCacheKey: "ses_1" } }
    for (const api of ["responses", "languageModel"] as const) {
      const model = buildModel("@ai-sdk/xai", "xai", "grok-4.3", { apiKey: "k", fetch }, api)
      await Promise.resolve(model.doStream({ ...call, providerOptions })).catch(() => undefined)
    }
    expect(bodies.map((body) => body.prompt_cache_key)).toEqual(["ses_1", undefined])
  })
})

describe("when members' packages load", () => {
  // In a process of its own: which packages are loaded is the process's state, and other test files share it.
  test("during the first start-up only when asked for; after it, before a later config's hook goes on", async () => {
    const script = `
      import { buildModel, loadWantedPackages, wantProviderPackages } from ${JSON.stringify(`${import.meta.dir}/build-model.ts`)}
      const built = (npm) => { try { buildModel(npm, "p", "m", { apiKey: "k" }); return "built" } catch (error) { return error.name } }
      await wantProviderPackages(["@ai-sdk/groq"])
      const during = built("@ai-sdk/groq")
      await loadWantedPackages()
      const asked = built("@ai-sdk/groq")
      await wantProviderPackages(["@ai-sdk/cerebras"])
      console.log(JSON.stringify([during, asked, built("@ai-sdk/cerebras")]))
    `
    const child = Bun.spawn([process.execPath, "-e", script], { stdout: "pipe", stderr: "pipe" })
    const [stdout, stderr] = await Promise.all([new Response(child.stdout).text(), new Response(child.stderr).text()])
    expect({ code: await child.exited, stderr }).toEqual({ code: 0, stderr: "" })
    expect(JSON.parse(stdout)).toEqual(["PackageNotLoadedError", "built", "built"])
  }, 30_000)
})
