// Writes schema/opencode.schema.json, a JSON schema for the whole opencode.json: the config schema of the pinned
// OpenCode binary (`opencode generate` prints its OpenAPI document; `components.schemas.Config` is opencode.json),
// extended with this plugin's keys from its own schema (src/config/). `bun run schema` in this package.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { configJsonSchema } from "../src/config/json-schema.ts"
import { opencodeBinary } from "../test/opencode.ts"

/** A JSON schema object (the generator only ever reads and writes plain JSON). */
export type JsonSchema = { [key: string]: unknown }

/** The committed output. */
export const OPENCODE_SCHEMA_PATH = join(import.meta.dir, "..", "schema", "opencode.schema.json")

/** Where users point `$schema`: the published file of the current major.minor on unpkg. */
export function publishedSchemaUrl(version: string = packageVersion()): string {
  const majorMinor = version.split(".").slice(0, 2).join(".")
  return `https://unpkg.com/opencode-model-pool@${majorMinor}/schema/opencode.schema.json`
}

const DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
const OPENAPI_PREFIX = "#/components/schemas/"
const DEFS_PREFIX = "#/$defs/"

/** The plugin entry names that take our options: the bare package name, or the name with a version or range. */
export const PLUGIN_NAME_PATTERN = "^opencode-model-pool(@.+)?$"

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dir, "..", "package.json"), "utf8")) as { version: string }
  return manifest.version
}

/** The OpenCode version this package pins (its `opencode-ai` dev dependency), which the binary must report. */
function pinnedOpencodeVersion(): string {
  const manifest = JSON.parse(readFileSync(join(import.meta.dir, "..", "package.json"), "utf8")) as {
    devDependencies: Record<string, string>
  }
  const pinned = manifest.devDependencies["opencode-ai"]
  if (!pinned || !/^\d+\.\d+\.\d+$/.test(pinned)) throw new Error(`opencode-ai is not pinned to one version: ${pinned}`)
  return pinned
}

/** Runs the pinned binary with every home and XDG folder in a temp directory, so it reads and writes nothing real. */
function runOpencode(args: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "ocmp-schema-"))
  try {
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", NO_COLOR: "1" }
    for (const name of ["home", "config", "data", "state", "cache"]) mkdirSync(join(root, name))
    Object.assign(env, {
      HOME: join(root, "home"),
      XDG_CONFIG_HOME: join(root, "config"),
      XDG_DATA_HOME: join(root, "data"),
      XDG_STATE_HOME: join(root, "state"),
      XDG_CACHE_HOME: join(root, "cache"),
      OPENCODE_DISABLE_AUTOUPDATE: "1",
      OPENCODE_DISABLE_MODELS_FETCH: "1",
      OPENCODE_DISABLE_SHARE: "1",
    })
    const result = Bun.spawnSync([opencodeBinary(), ...args], {
      cwd: root,
      env,
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
      timeout: 120_000,
    })
    if (result.exitCode !== 0)
      throw new Error(`opencode ${args.join(" ")} exited with ${result.exitCode}: ${result.stderr.toString()}`)
    return result.stdout.toString()
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** What the pinned binary says: its version and the OpenAPI document of `opencode generate`. */
export function opencodeOpenApi(): { version: string; document: JsonSchema } {
  const version = runOpencode(["--version"]).trim()
  const pinned = pinnedOpencodeVersion()
  if (version !== pinned) throw new Error(`the opencode binary reports ${version}, the package pins ${pinned}`)
  return { version, document: JSON.parse(runOpencode(["generate"])) as JsonSchema }
}

/** Calls `visit` on every `$ref` string of a schema tree and replaces it with what `visit` returns. */
function mapRefs(node: unknown, visit: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((item) => mapRefs(item, visit))
  if (node === null || typeof node !== "object") return node
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === "$ref" && typeof value === "string" ? visit(value) : mapRefs(value, visit),
    ]),
  )
}

/** The `$defs` names a schema tree refers to. */
function referencedDefs(node: unknown): string[] {
  const names: string[] = []
  mapRefs(node, (ref) => {
    if (!ref.startsWith(DEFS_PREFIX)) throw new Error(`unexpected $ref ${ref}`)
    names.push(ref.slice(DEFS_PREFIX.length))
    return ref
  })
  return names
}

function asObject(value: unknown, what: string): JsonSchema {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${what} is not an object`)
  return value as JsonSchema
}

/**
 * OpenCode's own opencode.json schema, standalone: `components.schemas.Config` with the closure of the component
 * schemas it refers to moved to `$defs` (in the document's order) and every `$ref` rewritten to point there.
 */
export function stockConfigSchema(document: JsonSchema): JsonSchema {
  const components = asObject(asObject(document.components, "components").schemas, "components.schemas")
  const toDefs = (ref: string): string => {
    if (!ref.startsWith(OPENAPI_PREFIX)) throw new Error(`unexpected $ref ${ref} in OpenCode's schemas`)
    const name = ref.slice(OPENAPI_PREFIX.length)
    if (!(name in components)) throw new Error(`$ref ${ref} names no component schema`)
    return `${DEFS_PREFIX}${name}`
  }
  const rewritten = (name: string) => asObject(mapRefs(asObject(components[name], name), toDefs), name)
  const config = rewritten("Config")
  const needed = new Set<string>()
  const pending = referencedDefs(config)
  while (pending.length > 0) {
    const name = pending.pop() as string
    if (needed.has(name)) continue
    needed.add(name)
    pending.push(...referencedDefs(rewritten(name)))
  }
  if (needed.has("Config")) throw new Error("Config refers to itself; its $defs entry would be needed")
  const defs = Object.fromEntries(
    Object.keys(components)
      .filter((name) => needed.has(name))
      .map((name) => [name, rewritten(name)]),
  )
  return { $schema: DRAFT_2020_12, ...config, $defs: defs }
}

/** The `$defs` name a pool definition gets in the combined schema, chosen so it cannot be one of OpenCode's. */
export function poolDefName(name: string): string {
  return name.startsWith("Pool") ? `Model${name}` : `ModelPool${name}`
}

/** The same property with OpenCode's definition kept and the pool's description added. */
function mergedProperty(opencode: JsonSchema, pool: JsonSchema): JsonSchema {
  const descriptions = [opencode.description, pool.description].filter(
    (text): text is string => typeof text === "string" && text.length > 0,
  )
  return descriptions.length > 0 ? { ...opencode, description: descriptions.join(" ") } : opencode
}

/**
 * OpenCode's schema with this plugin's keys: every agent entry (`AgentConfig`) takes the pool keys, and a `plugin`
 * entry ["opencode-model-pool", { ... }] has its options validated. OpenCode's generic [name, options] pair only
 * applies to entries that do not name this plugin, so a misspelt option cannot pass through it.
 */
export function extendedConfigSchema(stock: JsonSchema, pool: JsonSchema, opencodeVersion: string): JsonSchema {
  const stockDefs = asObject(stock.$defs, "OpenCode's $defs")
  const poolDefs = asObject(pool.$defs, "the pool schema's $defs")
  for (const name of Object.keys(poolDefs))
    if (poolDefName(name) in stockDefs) throw new Error(`pool definition ${name} collides with OpenCode's`)
  const renamed = (node: unknown) =>
    mapRefs(node, (ref) => {
      const name = ref.startsWith(DEFS_PREFIX) ? ref.slice(DEFS_PREFIX.length) : ""
      if (!(name in poolDefs)) throw new Error(`unexpected $ref ${ref} in the pool schema`)
      return `${DEFS_PREFIX}${poolDefName(name)}`
    })

  const agent = asObject(stockDefs.AgentConfig, "AgentConfig")
  const agentProperties = asObject(agent.properties, "AgentConfig.properties")
  const poolAgentProperties = asObject(
    renamed(asObject(poolDefs.AgentPool, "AgentPool").properties),
    "AgentPool.properties",
  )
  const extendedAgent: JsonSchema = {
    ...agent,
    properties: {
      ...agentProperties,
      ...Object.fromEntries(
        Object.entries(poolAgentProperties).map(([key, schema]) => {
          const own = agentProperties[key]
          const poolSchema = asObject(schema, `AgentPool.${key}`)
          return [key, own === undefined ? poolSchema : mergedProperty(asObject(own, `AgentConfig.${key}`), poolSchema)]
        }),
      ),
    },
  }

  const stockProperties = asObject(stock.properties, "Config.properties")
  const plugin = asObject(stockProperties.plugin, "Config.plugin")
  const ours: JsonSchema = {
    description: "opencode-model-pool with its options: named pools, defaults, API keys, auth profiles, state file.",
    type: "array",
    prefixItems: [
      { type: "string", pattern: PLUGIN_NAME_PATTERN },
      { $ref: `${DEFS_PREFIX}${poolDefName("PluginOptions")}` },
    ],
    minItems: 2,
    maxItems: 2,
  }
  // An entry that is a list naming this plugin must be our pair; any other entry is checked by OpenCode's schema
  // as before. An `anyOf` of OpenCode's forms and ours would also validate the same entries, but VS Code explains
  // an anyOf failure with the alternative it guesses is closest, and for a misspelt option it picks OpenCode's
  // generic [name, options] form; the condition leaves it only our pair to report against.
  const pluginEntry: JsonSchema = {
    if: { type: "array", prefixItems: [{ type: "string", pattern: PLUGIN_NAME_PATTERN }] },
    then: ours,
    else: asObject(plugin.items, "Config.plugin.items"),
  }

  // Only the pool definitions the extension refers to, directly or through each other.
  const extension = { agent: poolAgentProperties, plugin: ours }
  const pending = referencedDefs(extension).filter((name) => !(name in stockDefs))
  const byNewName = new Map(Object.keys(poolDefs).map((name) => [poolDefName(name), name]))
  const added: JsonSchema = {}
  while (pending.length > 0) {
    const name = pending.pop() as string
    if (name in added) continue
    const original = byNewName.get(name)
    if (original === undefined) throw new Error(`no pool definition becomes ${name}`)
    const definition = renamed(poolDefs[original])
    added[name] = definition
    pending.push(...referencedDefs(definition))
  }
  const poolAdded = Object.fromEntries(
    Object.keys(poolDefs)
      .map(poolDefName)
      .filter((name) => name in added)
      .map((name) => [name, added[name]]),
  )

  const { $schema: _schema, $defs: _defs, properties: _properties, ...rest } = stock
  return {
    $schema: DRAFT_2020_12,
    $id: "https://unpkg.com/opencode-model-pool/schema/opencode.schema.json",
    title: `opencode.json of OpenCode ${opencodeVersion} with opencode-model-pool`,
    description:
      `The opencode.json schema of OpenCode ${opencodeVersion} (from its \`opencode generate\` OpenAPI document, ` +
      `components.schemas.Config), extended with opencode-model-pool's keys: the pool keys of every agent entry ` +
      `(fallbacks, models, fallback_on, strategy, ...) and the options of ["opencode-model-pool", { ... }] in plugin.`,
    ...rest,
    properties: { ...stockProperties, plugin: { ...plugin, items: pluginEntry } },
    $defs: { ...stockDefs, AgentConfig: extendedAgent, ...poolAdded },
  }
}

/** The whole generation: runs the binary and returns the file's text. */
export function generateOpencodeSchema(): string {
  const { version, document } = opencodeOpenApi()
  const schema = extendedConfigSchema(stockConfigSchema(document), configJsonSchema(), version)
  return `${JSON.stringify(schema, null, 2)}\n`
}

if (import.meta.main) {
  const text = generateOpencodeSchema()
  mkdirSync(dirname(OPENCODE_SCHEMA_PATH), { recursive: true })
  writeFileSync(OPENCODE_SCHEMA_PATH, text)
  console.log(`wrote ${OPENCODE_SCHEMA_PATH}`)
}
