import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, test } from "bun:test"
import { credentialSource, storedProviders } from "./credentials.ts"

const SECRET = "sk-ant-oat01-doctor-secret"

function authFile(entries: Record<string, unknown>): Record<string, string> {
  const data = mkdtempSync(join(tmpdir(), "ocmp-credentials-"))
  mkdirSync(join(data, "opencode"))
  writeFileSync(join(data, "opencode", "auth.json"), JSON.stringify(entries))
  return { XDG_DATA_HOME: data }
}

describe("where the doctor says a member's credentials come from", () => {
  test("an OAuth login and an API key in auth.json are told apart, and neither is shown", () => {
    const env = authFile({
      anthropic: { type: "oauth", access: SECRET, refresh: SECRET, expires: 0 },
      openai: { type: "api", key: SECRET },
    })
    const stored = storedProviders(env)
    const anthropic = credentialSource("anthropic", undefined, {}, stored, env)
    const openai = credentialSource("openai", undefined, {}, stored, env)
    expect(anthropic).toEqual({ found: true, where: "auth.json OAuth login (read by its auth plugin)" })
    expect(openai).toEqual({ found: true, where: "auth.json (opencode auth login)" })
    expect(JSON.stringify([anthropic, openai])).not.toContain(SECRET)
  })

  test("Bedrock and Vertex credentials come from their chains, named by the variable that starts them", () => {
    const env = { AWS_ACCESS_KEY_ID: "AKIAFAKE", GOOGLE_APPLICATION_CREDENTIALS: "/tmp/sa.json" }
    expect(credentialSource("amazon-bedrock", undefined, {}, new Map(), env)).toEqual({
      found: true,
      where: "AWS credentials (AWS_ACCESS_KEY_ID)",
    })
    expect(credentialSource("google-vertex", undefined, {}, new Map(), env)).toEqual({
      found: true,
      where: "Google credentials (GOOGLE_APPLICATION_CREDENTIALS)",
    })
  })

  test("nothing found lists every place looked, the package's own variables included", () => {
    expect(credentialSource("groq", undefined, {}, new Map(), {})).toEqual({
      found: false,
      looked: "config apiKey, api_keys, auth.json, GROQ_API_KEY",
    })
  })
})
