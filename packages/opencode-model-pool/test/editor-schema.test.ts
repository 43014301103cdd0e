// The committed schema/opencode.schema.json as an editor sees it: loaded into vscode-json-languageservice (the
// JSON support of VS Code) for opencode.json files, it completes and checks the pool keys, and accepts everything
// OpenCode's own config schema accepts. OpenCode's schema is taken from the pinned binary, as the generator does.
import { describe, expect, test } from "bun:test"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { configJsonSchema } from "../src/config/json-schema.ts"
import { getLanguageService, TextDocument, type Diagnostic, type JSONSchema } from "vscode-json-languageservice"
import {
  OPENCODE_SCHEMA_PATH,
  opencodeOpenApi,
  publishedSchemaUrl,
  stockConfigSchema,
  type JsonSchema,
} from "../scripts/opencode-schema.ts"

const ROOT = join(import.meta.dir, "..", "..", "..")
const SCHEMA_URL = publishedSchemaUrl()
const OURS = JSON.parse(readFileSync(OPENCODE_SCHEMA_PATH, "utf8")) as JsonSchema
const STOCK = stockConfigSchema(opencodeOpenApi().document)
const POOL_AGENT_KEYS = Object.keys(
  ((configJsonSchema().$defs as Record<string, JsonSchema>).AgentPool as { properties: object }).properties,
)

/**
 * A language service that applies `schema` to every opencode.json, and to any file whose `$schema` is our URL. It
 * gets a copy: the service resolves `$ref`s by rewriting the schema objects it is given.
 */
function editor(schema: JsonSchema) {
  const service = getLanguageService({})
  service.configure({
    validate: true,
    allowComments: true,
    schemas: [
      {
        uri: SCHEMA_URL,
        fileMatch: ["opencode.json", "opencode.jsonc"],
        schema: structuredClone(schema) as JSONSchema,
      },
    ],
  })
  const open = (text: string, uri = "file:///project/opencode.json") => {
    const document = TextDocument.create(uri, "json", 1, text)
    return { document, json: service.parseJSONDocument(document) }
  }
  return {
    /** The labels offered at the one `|` of `text`. */
    async complete(text: string): Promise<string[]> {
      const at = text.indexOf("|")
      expect(at).toBeGreaterThanOrEqual(0)
      expect(text.indexOf("|", at + 1)).toBe(-1)
      const { document, json } = open(text.slice(0, at) + text.slice(at + 1))
      const list = await service.doComplete(document, document.positionAt(at), json)
      return (list?.items ?? []).map((item) => item.label)
    },
    /** Every diagnostic, with the text it points at. */
    async diagnose(text: string, uri?: string): Promise<(Diagnostic & { at: string })[]> {
      const { document, json } = open(text, uri)
      const diagnostics = await service.doValidation(document, json)
      return diagnostics.map((diagnostic) => ({ ...diagnostic, at: document.getText(diagnostic.range) }))
    },
    /** The hover text on the one `|` of `text`. */
    async hover(text: string): Promise<string> {
      const at = text.indexOf("|")
      const { document, json } = open(text.slice(0, at) + text.slice(at + 1))
      const hover = await service.doHover(document, document.positionAt(at), json)
      const contents = hover?.contents
      return JSON.stringify(contents ?? "")
    },
  }
}

const ours = editor(OURS)
const stock = editor(STOCK)

/** A realistic opencode.json setting every top-level key of OpenCode's Config, pool keys included. */
const EVERY_KEY = {
  $schema: SCHEMA_URL,
  shell: "/bin/zsh",
  logLevel: "INFO",
  server: {
    port: 4096,
    hostname: "127.0.0.1",
    mdns: false,
    mdnsDomain: "opencode.local",
    cors: ["http://localhost:5173"],
  },
  command: {
    test: {
      template: "Run the test suite and fix what fails: $ARGUMENTS",
      description: "Run the tests",
      agent: "build",
      model: "anthropic/claude-haiku-4-5",
      variant: "high",
      subtask: true,
    },
  },
  skills: { paths: [".opencode/skills"], urls: ["https://skills.example.com/team"] },
  references: {
    ai: "https://github.com/vercel/ai",
    sdk: { repository: "https://github.com/sst/opencode", branch: "dev", description: "OpenCode sources" },
    notes: { path: "../notes", description: "Design notes", hidden: true },
  },
  reference: { design: { path: "docs/design" } },
  watcher: { ignore: ["dist/**", "coverage/**"] },
  snapshot: true,
  plugin: [
    "opencode-anthropic-auth@0.0.13",
    ["some-other-plugin", { level: 2 }],
    [
      "opencode-model-pool@0.1",
      {
        pools: {
          light: { models: ["google/gemini-2.5-flash", "openai/gpt-5-mini"], strategy: "round_robin" },
        },
        defaults: { fallback_on: ["rate_limit", "provider_unavailable"], cooldown: { initial_ms: 60000 } },
        api_keys: { openai: ["{env:OPENAI_KEY_A}", "{env:OPENAI_KEY_B}"] },
        auth_profiles: { "anthropic-work": { provider: "anthropic" } },
        state_file: "~/.local/state/opencode-model-pool/health.json",
      },
    ],
  ],
  share: "manual",
  autoshare: false,
  autoupdate: "notify",
  disabled_providers: ["openrouter"],
  enabled_providers: ["anthropic", "openai", "google", "local"],
  model: "anthropic/claude-sonnet-4-5",
  small_model: "anthropic/claude-haiku-4-5",
  default_agent: "build",
  subagent_depth: 2,
  username: "dev",
  mode: { review: { model: "openai/gpt-5", prompt: "Review the change; do not edit files.", tools: { write: false } } },
  agent: {
    build: {
      model: "anthropic/claude-sonnet-4-5",
      fallbacks: ["openai/gpt-5", "google/gemini-2.5-pro"],
      fallback_on: ["rate_limit", "timeout", "provider_unavailable", "token_limit"],
      strategy: "sequential",
      first_token_timeout_ms: 45000,
      retries: 1,
      cooldown: { initial_ms: 30000, factor: 4, max_ms: 1800000, quota_ms: 3600000 },
      temperature: 0.2,
      permission: { edit: "allow", bash: { "git push": "ask", "*": "allow" } },
    },
    plan: { model: "pool/light" },
    reviewer: {
      description: "Reviews diffs",
      mode: "subagent",
      models: ["openai/gpt-5", "anthropic/claude-opus-4-1"],
      strategy: "quality_first",
      quality: { "anthropic/claude-opus-4-1": 10, "openai/gpt-5": 8 },
      first_token_timeout_ms: false,
      color: "#FF5733",
      steps: 20,
      hidden: false,
      options: { reasoningEffort: "high" },
      // OpenCode keeps keys it does not know in an agent entry.
      thinking: { budget: 4000 },
    },
  },
  provider: {
    openai: {
      options: { apiKey: "{env:OPENAI_API_KEY}", timeout: 600000, chunkTimeout: false, organization: "org-1" },
      models: {
        "gpt-5": {
          name: "GPT-5",
          limit: { context: 400000, output: 128000 },
          cost: { input: 1.25, output: 10, cache_read: 0.125 },
          modalities: { input: ["text", "image"], output: ["text"] },
          options: { reasoningEffort: "medium" },
          variants: { high: { reasoningEffort: "high" }, minimal: { disabled: true } },
        },
      },
      whitelist: ["gpt-5", "gpt-5-mini"],
    },
    local: {
      npm: "@ai-sdk/openai-compatible",
      name: "Local models",
      env: ["LOCAL_API_KEY"],
      options: { baseURL: "http://localhost:11434/v1", headerTimeout: 120000 },
      models: {
        "qwen3-coder": {
          name: "Qwen3 Coder",
          tool_call: true,
          reasoning: true,
          interleaved: { field: "reasoning_content" },
          status: "beta",
          headers: { "X-Team": "platform" },
        },
      },
    },
  },
  mcp: {
    files: {
      type: "local",
      command: ["npx", "-y", "@modelcontextprotocol/server-filesystem", "."],
      environment: { NODE_ENV: "production" },
      enabled: true,
      timeout: 10000,
    },
    docs: {
      type: "remote",
      url: "https://mcp.example.com/mcp",
      headers: { Authorization: "Bearer {env:DOCS_TOKEN}" },
      oauth: { clientId: "opencode", scope: "read", callbackPort: 19876 },
    },
    search: { type: "remote", url: "https://search.example.com/mcp", oauth: false },
    github: { enabled: false },
  },
  formatter: {
    prettier: { command: ["npx", "prettier", "--write", "$FILE"], extensions: [".ts", ".json", ".md"] },
    gofmt: { disabled: true },
  },
  lsp: {
    typescript: { disabled: true },
    mylang: {
      command: ["mylang-lsp", "--stdio"],
      extensions: [".my"],
      env: { MYLANG_HOME: "/opt/mylang" },
      initialization: { strict: true },
    },
  },
  instructions: ["CONTRIBUTING.md", "docs/*.md"],
  layout: "stretch",
  permission: { edit: "ask", bash: { "rm -rf *": "deny", "*": "allow" }, webfetch: "deny", doom_loop: "ask" },
  tools: { webfetch: false },
  attachment: { image: { auto_resize: true, max_width: 2048, max_height: 2048, max_base64_bytes: 5000000 } },
  enterprise: { url: "https://opencode.example.com" },
  tool_output: { max_lines: 2000, max_bytes: 51200 },
  compaction: { auto: true, prune: true, tail_turns: 2, preserve_recent_tokens: 20000, reserved: 10000 },
  experimental: {
    disable_paste_summary: false,
    batch_tool: false,
    openTelemetry: false,
    primary_tools: ["edit"],
    continue_loop_on_deny: false,
    mcp_timeout: 30000,
    policies: [{ action: "provider.use", effect: "deny", resource: "openrouter" }],
  },
}

const text = (value: unknown) => JSON.stringify(value, null, 2)
const summary = (diagnostics: (Diagnostic & { at: string })[]) => diagnostics.map((d) => `${d.at}: ${d.message}`)

describe("the language service supports the schema features the file relies on", () => {
  // If a future vscode-json-languageservice dropped one of these, the schema would have to be rewritten for it.
  test("prefixItems (the plugin pair), if/then/else (which pair applies), propertyNames (pool names)", async () => {
    const probe = editor({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: {
        entries: {
          type: "array",
          items: {
            if: { type: "array", prefixItems: [{ const: "mine" }] },
            then: { prefixItems: [{ type: "string" }, { type: "object" }] },
            else: { type: "string" },
          },
        },
        names: { type: "object", propertyNames: { pattern: "^[a-z]+$" } },
      },
    })
    const config = `{ "entries": [["mine", 1], ["other", {}], "plain"], "names": { "ok": 1, "Not OK": 2 } }`
    expect(summary(await probe.diagnose(config))).toEqual([
      '1: Incorrect type. Expected "object".',
      '["other", {}]: Incorrect type. Expected "string".',
      '"Not OK": String does not match the pattern of "^[a-z]+$".',
    ])
  })
})

describe("completion in opencode.json", () => {
  test("inside an agent entry: the pool keys next to OpenCode's agent keys", async () => {
    const labels = await ours.complete(`{\n  "agent": {\n    "build": { | }\n  }\n}`)
    expect(labels).toEqual(expect.arrayContaining(["model", "prompt", "temperature", "permission", ...POOL_AGENT_KEYS]))
    // An agent of the user's own name gets the same keys; keys already set are not offered again.
    const more = await ours.complete(`{ "agent": { "reviewer": { "model": "openai/gpt-5", | } } }`)
    expect(more).toEqual(expect.arrayContaining(["fallbacks", "fallback_on", "strategy", "prompt"]))
    expect(more).not.toContain("model")
  })

  test("OpenCode's stock schema offers none of the pool keys there", async () => {
    const labels = await stock.complete(`{ "agent": { "build": { | } } }`)
    expect(labels).toContain("prompt")
    expect(labels).not.toContain("fallbacks")
  })

  test("a fallback_on item offers exactly the four conditions", async () => {
    const conditions = ['"rate_limit"', '"timeout"', '"provider_unavailable"', '"token_limit"']
    expect((await ours.complete(`{ "agent": { "build": { "fallback_on": [|] } } }`)).sort()).toEqual(
      [...conditions].sort(),
    )
    expect((await ours.complete(`{ "agent": { "build": { "fallback_on": ["rate_limit", |] } } }`)).sort()).toEqual(
      [...conditions].sort(),
    )
  })

  test("strategy offers exactly the four strategies, in agents and in named pools", async () => {
    const strategies = ['"sequential"', '"round_robin"', '"cost_first"', '"quality_first"']
    expect((await ours.complete(`{ "agent": { "build": { "strategy": | } } }`)).sort()).toEqual([...strategies].sort())
    expect(
      (
        await ours.complete(
          `{ "plugin": [["opencode-model-pool", { "pools": { "light": { "models": ["openai/gpt-5"], "strategy": | } } }]] }`,
        )
      ).sort(),
    ).toEqual([...strategies].sort())
  })

  test("the plugin's options and a named pool's keys", async () => {
    expect(await ours.complete(`{ "plugin": [["opencode-model-pool", { | }]] }`)).toEqual([
      "pools",
      "defaults",
      "api_keys",
      "auth_profiles",
      "state_file",
      "health",
    ])
    expect(
      await ours.complete(`{ "plugin": [["opencode-model-pool@0.1.0", { "pools": { "light": { | } } }]] }`),
    ).toEqual(expect.arrayContaining(["models", "fallback_on", "strategy", "cooldown"]))
  })

  test("hovering a pool key shows its description", async () => {
    expect(await ours.hover(`{ "agent": { "build": { "fall|backs": [] } } }`)).toContain("Members tried after")
  })
})

describe("validation of opencode.json", () => {
  test("a misspelt fallback_on value is reported at that value", async () => {
    const config = `{ "agent": { "build": { "model": "openai/gpt-5", "fallback_on": ["timeout", "rate_limt"] } } }`
    const diagnostics = await ours.diagnose(config)
    expect(summary(diagnostics)).toEqual([
      '"rate_limt": Value is not accepted. Valid values: "rate_limit", "timeout", "provider_unavailable", "token_limit".',
    ])
    // OpenCode alone keeps unknown agent keys, so its schema has nothing to say.
    expect(await stock.diagnose(config)).toEqual([])
  })

  test("a misspelt plugin option is reported at the key, with or without a version in the name", async () => {
    for (const name of ["opencode-model-pool", "opencode-model-pool@^0.1.0"]) {
      const config = `{ "plugin": [["${name}", { "pool": { "light": { "models": ["openai/gpt-5"] } } }]] }`
      expect(summary(await ours.diagnose(config))).toEqual(['"pool": Property pool is not allowed.'])
      expect(await stock.diagnose(config)).toEqual([])
    }
    // Any other plugin's options stay free-form, as OpenCode has them.
    expect(
      await ours.diagnose(`{ "plugin": [["opencode-model-pools", { "pool": {} }], "opencode-model-pool"] }`),
    ).toEqual([])
  })

  test("why the pair is chosen by a condition: with anyOf alone, VS Code blames the plugin name instead", async () => {
    const plugin = (OURS.properties as { plugin: { items: { then: unknown; else: { anyOf: JsonSchema[] } } } }).plugin
    const [plain, pair] = plugin.items.else.anyOf as [JsonSchema, { prefixItems: JsonSchema[] }]
    const notOurs = {
      ...pair,
      prefixItems: [{ ...pair.prefixItems[0], not: { pattern: "^opencode-model-pool(@.+)?$" } }, pair.prefixItems[1]],
    }
    const anyOf = editor({
      ...OURS,
      properties: {
        ...(OURS.properties as object),
        plugin: { type: "array", items: { anyOf: [plain, notOurs, plugin.items.then] } },
      },
    })
    const config = `{ "plugin": [["opencode-model-pool", { "pool": {} }]] }`
    expect(summary(await anyOf.diagnose(config))).toEqual([
      '"opencode-model-pool": Matches a schema that is not allowed.',
    ])
    expect(summary(await ours.diagnose(config))).toEqual(['"pool": Property pool is not allowed.'])
  })

  test("other pool mistakes are reported where they are", async () => {
    const config = text({
      plugin: [["opencode-model-pool", { pools: { empty: { models: [] } }, defaults: { strategy: "fastest" } }]],
      agent: { build: { fallbacks: ["gpt-5"], retries: 11, first_token_timeout_ms: true } },
    })
    expect(summary(await ours.diagnose(config)).sort()).toEqual(
      [
        "[]: Array has too few items. Expected 1 or more.",
        '"fastest": Value is not accepted. Valid values: "sequential", "round_robin", "cost_first", "quality_first".',
        '"gpt-5": String does not match the pattern of "^[^/\\s]+\\/\\S+$".',
        "11: Value is above the maximum of 10.",
        'true: Incorrect type. Expected "integer".',
      ].sort(),
    )
  })

  test("a file that names the schema in $schema gets it without a file association", async () => {
    const config = text({ $schema: SCHEMA_URL, agent: { build: { strategy: "fastest" } } })
    expect(summary(await ours.diagnose(config, "file:///project/.opencode/my-config.json"))).toEqual([
      '"fastest": Value is not accepted. Valid values: "sequential", "round_robin", "cost_first", "quality_first".',
    ])
  })
})

describe("every stock OpenCode key is accepted", () => {
  test("the sample config sets every top-level key of OpenCode's Config", () => {
    expect(Object.keys(EVERY_KEY).sort()).toEqual(Object.keys(STOCK.properties as object).sort())
  })

  test("the sample has no diagnostics from our schema, nor from OpenCode's", async () => {
    expect(summary(await ours.diagnose(text(EVERY_KEY)))).toEqual([])
    expect(summary(await stock.diagnose(text(EVERY_KEY)))).toEqual([])
  })

  test("both schemas reject what OpenCode rejects: an unknown top-level key, a wrong stock value", async () => {
    const config = text({ ...EVERY_KEY, fallbacks: ["openai/gpt-5"], share: "sometimes" })
    for (const schema of [ours, stock])
      expect(summary(await schema.diagnose(config)).sort()).toEqual(
        [
          '"fallbacks": Property fallbacks is not allowed.',
          '"sometimes": Value is not accepted. Valid values: "manual", "auto", "disabled".',
        ].sort(),
      )
  })

  test("the user guide points $schema at the published file of this release line", () => {
    expect(readFileSync(join(ROOT, "docs", "guide.md"), "utf8")).toContain(`"$schema": "${SCHEMA_URL}"`)
  })

  test("every json example of the README and the user guide has no diagnostics", async () => {
    for (const document of ["README.md", join("docs", "guide.md")]) {
      const examples = [...readFileSync(join(ROOT, document), "utf8").matchAll(/```json\n([\s\S]*?)```/g)]
      expect(examples.length).toBeGreaterThan(0)
      for (const [, example] of examples)
        expect([document, summary(await ours.diagnose(example ?? ""))]).toEqual([document, []])
    }
  })

  test("OpenCode's definitions are ours unchanged, except the agent entry and the plugin list", () => {
    const {
      properties: stockProperties,
      $defs: stockDefs,
      ...stockTop
    } = STOCK as Record<string, Record<string, JsonSchema>>
    const { properties, $defs, $id, title, description, ...top } = OURS as Record<string, Record<string, JsonSchema>>
    expect(top).toEqual(stockTop)
    expect([$id, title, description].every((value) => typeof value === "string")).toBe(true)
    expect(String(description)).toContain("OpenCode 1.18.33")

    // The same top-level keys, each defined as OpenCode defines it; plugin keeps OpenCode's entries for others.
    expect(Object.keys(properties ?? {})).toEqual(Object.keys(stockProperties ?? {}))
    for (const [key, schema] of Object.entries(stockProperties ?? {}))
      if (key !== "plugin") expect([key, properties?.[key]]).toEqual([key, schema])
    const { items, ...pluginRest } = properties?.plugin as { items: { else: unknown } }
    const { items: stockItems, ...stockPluginRest } = stockProperties?.plugin as { items: unknown }
    expect(pluginRest).toEqual(stockPluginRest)
    expect(items.else).toEqual(stockItems)

    // Every definition of OpenCode's; ours are added under names of their own.
    for (const [name, schema] of Object.entries(stockDefs ?? {}))
      if (name !== "AgentConfig") expect([name, $defs?.[name]]).toEqual([name, schema])
    const added = Object.keys($defs ?? {}).filter((name) => !(name in (stockDefs ?? {})))
    expect(added.sort()).toEqual([
      "ModelPoolHealthStore",
      "ModelPoolNamedPool",
      "ModelPoolPluginOptions",
      "ModelPoolPolicy",
    ])

    // The agent entry: OpenCode's keys as OpenCode has them (model gains the pool's description), then ours.
    const agent = $defs?.AgentConfig as { properties: Record<string, JsonSchema> }
    const stockAgent = stockDefs?.AgentConfig as { properties: Record<string, JsonSchema> }
    const { properties: agentProperties, ...agentRest } = agent
    const { properties: stockAgentProperties, ...stockAgentRest } = stockAgent
    expect(agentRest).toEqual(stockAgentRest)
    for (const [key, schema] of Object.entries(stockAgentProperties)) {
      const { description: _ours, ...kept } = agentProperties[key] ?? {}
      const { description: _stock, ...stockKept } = schema
      expect([key, kept]).toEqual([key, stockKept])
      if (key !== "model") expect([key, agentProperties[key]]).toEqual([key, schema])
    }
    expect(Object.keys(agentProperties)).toEqual([
      ...Object.keys(stockAgentProperties),
      ...POOL_AGENT_KEYS.filter((key) => !(key in stockAgentProperties)),
    ])
  })
})
