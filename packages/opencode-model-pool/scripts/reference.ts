/** A JSON schema node, as far as the reference page reads it. */
interface Node {
  $ref?: string
  type?: string | string[]
  description?: string
  enum?: unknown[]
  const?: unknown
  anyOf?: Node[]
  oneOf?: Node[]
  items?: Node
  properties?: Record<string, Node>
  additionalProperties?: Node | boolean
  required?: string[]
  minimum?: number
  exclusiveMinimum?: number
  maximum?: number
  minItems?: number
}

const SECTIONS: { def: string; title: string; intro: string }[] = [
  {
    def: "AgentPool",
    title: "Agent keys",
    intro:
      "Keys added to an agent entry in `opencode.json` (`agent.<name>`) or in an agent's markdown frontmatter. An agent without them works exactly as in stock OpenCode.",
  },
  {
    def: "PluginOptions",
    title: "Plugin options",
    intro:
      'The second element of the plugin entry: `"plugin": [["opencode-model-pool", { ... }]]`. Unknown keys are errors.',
  },
  { def: "NamedPool", title: "Named pool", intro: "An entry of `pools`; use it as the model `pool/<name>`." },
  { def: "PoolPolicy", title: "Pool policy", intro: "The shape of `defaults`: policy keys shared by every pool." },
]

function refName(ref: string): string {
  return ref.split("/").at(-1) ?? ref
}

function typeOf(node: Node): string {
  if (node.$ref) return `[${refName(node.$ref)}](#${refName(node.$ref).toLowerCase()})`
  if (node.enum) return node.enum.map((value) => `\`${JSON.stringify(value)}\``).join(" | ")
  if (node.const !== undefined) return `\`${JSON.stringify(node.const)}\``
  const union = node.anyOf ?? node.oneOf
  if (union) return union.map(typeOf).join(" or ")
  if (node.type === "array" && node.items) return `list of ${typeOf(node.items)}`
  if (node.type === "object" && typeof node.additionalProperties === "object")
    return `map of ${typeOf(node.additionalProperties)}`
  const bounds = [
    node.minimum === undefined ? undefined : `>= ${node.minimum}`,
    node.exclusiveMinimum === undefined ? undefined : `> ${node.exclusiveMinimum}`,
    node.maximum === undefined || node.maximum >= Number.MAX_SAFE_INTEGER ? undefined : `<= ${node.maximum}`,
    node.minItems === undefined ? undefined : `at least ${node.minItems}`,
  ].filter((bound) => bound !== undefined)
  const type = Array.isArray(node.type) ? node.type.join(" or ") : (node.type ?? "any")
  return bounds.length === 0 ? type : `${type} (${bounds.join(", ")})`
}

function escape(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ")
}

/** The config reference page, generated from the JSON schema so the two can never disagree. */
export function configReference(schema: Record<string, unknown>): string {
  const defs = (schema.$defs ?? {}) as Record<string, Node>
  const sections = SECTIONS.map(({ def, title, intro }) => {
    const node = defs[def]
    if (!node?.properties) throw new Error(`the schema has no definition ${def}`)
    const rows = Object.entries(node.properties).map(([key, property]) => {
      const required = node.required?.includes(key) ? " (required)" : ""
      const description =
        property.description ?? (property.$ref ? defs[refName(property.$ref)]?.description : undefined) ?? ""
      return `| \`${key}\`${required} | ${escape(typeOf(property))} | ${escape(description)} |`
    })
    return [
      `## ${title}`,
      `<a id="${def.toLowerCase()}"></a>`,
      "",
      intro,
      "",
      "| key | type | meaning |",
      "| --- | --- | --- |",
      ...rows,
    ].join("\n")
  })
  const cooldown = defs.PoolPolicy?.properties?.cooldown
  const cooldownNode = cooldown?.$ref ? defs[refName(cooldown.$ref)] : cooldown
  const cooldownRows = Object.entries(cooldownNode?.properties ?? {}).map(
    ([key, property]) => `| \`${key}\` | ${escape(typeOf(property))} | ${escape(property.description ?? "")} |`,
  )
  return [
    "# Configuration reference",
    "",
    "Generated from the zod schema by `bun run schema`; a test fails when this page or",
    "`packages/opencode-model-pool/schema/model-pool.schema.json` is stale. The user guide explains each key with examples.",
    "",
    ...sections.flatMap((section) => [section, ""]),
    "## Cooldown",
    "",
    "The shape of `cooldown`.",
    "",
    "| key | type | meaning |",
    "| --- | --- | --- |",
    ...cooldownRows,
    "",
  ].join("\n")
}
