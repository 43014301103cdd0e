// What a turn that fell back costs, as OpenCode records it: the answering member's price, priced as stock OpenCode
// prices a direct run on that member.
import { describe, expect, test } from "bun:test"
import { scenario, type Scenario } from "./scenario.ts"
import { RUN_SESSION, startServer } from "./serve.ts"

interface Tokens {
  input: number
  output: number
  reasoning: number
  cache: { read: number; write: number }
}

/**
 * One turn asked of a served OpenCode, as `opencode run` asks it, and the cost and tokens OpenCode recorded for its
 * answer, as the session stores them (what `opencode export` prints).
 */
async function recordedTurn(s: Scenario): Promise<{ cost: number; tokens: Tokens; text: string }> {
  await using server = await startServer(s)
  const session = await server.session(s.box.project, RUN_SESSION)
  const text = await server.prompt(s.box.project, session, "build", "hello")
  const messages = await server.messages(s.box.project, session)
  const answer = messages.filter((message) => message.info.role === "assistant").at(-1)?.info
  return { cost: Number(answer?.cost), tokens: answer?.tokens as Tokens, text }
}

/** Dollars for these tokens at a price per million tokens, as OpenCode sums a step without cache prices. */
const at = (price: { input: number; output: number }, tokens: Tokens) =>
  (tokens.input * price.input + (tokens.output + tokens.reasoning) * price.output) / 1e6

// The fake provider's catalog prices (test/scenario.ts): the primary is 25 times dearer on input.
const MAIN = { input: 5, output: 15 }
const B = { input: 0.2, output: 0.8 }

describe("the cost of a turn that fell back", () => {
  test("is recorded at the price of the member that answered, as stock records a direct run on that member", async () => {
    await using s = await scenario({
      "gpt-main": { kind: "rate_limit", retry_after_s: 30 },
      "gpt-b": { kind: "text", text: "answered at B's price" },
    })
    s.configure({ agent: { build: { model: "alpha/gpt-main", fallbacks: ["beta/gpt-b"] } } })
    const fell = await recordedTurn(s)
    expect(fell.text).toBe("answered at B's price")
    expect(fell.tokens.input).toBeGreaterThan(0)
    expect(fell.cost).toBeCloseTo(at(B, fell.tokens), 12)
    expect(fell.cost).not.toBeCloseTo(at(MAIN, fell.tokens), 6)

    // Stock OpenCode, no plugin, with the member as the agent's own model.
    s.configure({ plugin: [], agent: { build: { model: "beta/gpt-b" } } })
    const direct = await recordedTurn(s)
    expect(direct.text).toBe("answered at B's price")
    expect(direct.cost).toBeCloseTo(at(B, direct.tokens), 12)
    console.log(
      `fallback turn: ${fell.cost} recorded for ${JSON.stringify(fell.tokens)}; stock direct run on beta/gpt-b: ${direct.cost} for ${JSON.stringify(direct.tokens)}; the primary's price would have been ${at(MAIN, fell.tokens)}`,
    )
  }, 120_000)
})
