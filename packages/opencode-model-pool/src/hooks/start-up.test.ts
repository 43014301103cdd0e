import { describe, expect, test } from "bun:test"
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { startupNotices } from "./start-up.ts"

const source = (member: string, npm: MemberSource["npm"], declared: MemberSource["declared"]): MemberSource => {
  const [providerID = "", modelID = ""] = member.split("/")
  return { member, providerID, modelID, apiID: modelID, npm, declared, paths: [] }
}

const SOURCES = new Map(
  [
    source("zz/ok-a", "@ai-sdk/openai-compatible", "none"),
    source("anthropic/claude-sonnet-4-5", "@ai-sdk/anthropic", "none"),
    source("local/llama", "@ai-sdk/openai-compatible", "model"),
  ].map((entry) => [entry.member, entry]),
)

// OpenCode's list after routing: every member's provider has an entry; zz only the routing's.
const KNOWN = new Map<string, ProviderInfo>([
  ["zz", { env: [], options: {}, models: { "ok-a": { api: { id: "ok-a" } } } }],
  [
    "anthropic",
    {
      env: ["ANTHROPIC_API_KEY"],
      source: "config",
      options: {},
      models: { "claude-sonnet-4-5": { api: { id: "claude-sonnet-4-5" }, release_date: "2025-09-29" } },
    },
  ],
  ["local", { env: [], source: "config", options: {}, models: { llama: { api: { id: "llama" } } } }],
])

describe("what start-up tells about the members", () => {
  test("a member OpenCode cannot place, then a member without credentials; a host of your own needs no key", () => {
    const notices = startupNotices({ sources: SOURCES, apiKeys: {} }, KNOWN, {}, {})
    expect(notices.map((notice) => [notice.level, notice.message.slice(0, notice.message.indexOf(":"))])).toEqual([
      ["error", '"zz/ok-a"'],
      ["error", "anthropic/claude-sonnet-4-5"],
    ])
  })

  test("a key in the variable OpenCode names for the provider is enough", () => {
    const notices = startupNotices({ sources: SOURCES, apiKeys: {} }, KNOWN, {}, { ANTHROPIC_API_KEY: "k" })
    expect(notices.map((notice) => notice.message)).not.toContainEqual(expect.stringContaining("anthropic/"))
  })

  test("nothing is told when OpenCode's provider list did not answer", () => {
    expect(startupNotices({ sources: SOURCES, apiKeys: {} }, new Map(), {}, {})).toEqual([])
  })
})
