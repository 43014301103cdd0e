// How the plugin knows itself among OpenCode's plugins, and the switch the doctor sets when it asks OpenCode for
// the config through this plugin.

/** The plugin's package name, which a `plugin` entry of the config names it by (a path to it holds it too). */
export const PLUGIN_NAME = "opencode-model-pool"

/** Set by the doctor: the plugin then leaves OpenCode's config untouched. */
export const READ_ONLY_ENV = "OPENCODE_MODEL_POOL_READ_ONLY"

/** True for an entry of the config's `plugin` list that names this plugin: its package, or a path into it. */
export function isOwnEntry(spec: string): boolean {
  return spec.includes(PLUGIN_NAME)
}

/** The options of this plugin's entry in OpenCode's `plugin` list, and whether the entry is there at all. */
export function ownEntry(plugins: readonly unknown[] | undefined): { present: boolean; options: unknown } {
  for (const entry of plugins ?? []) {
    const spec = Array.isArray(entry) ? entry[0] : entry
    if (typeof spec === "string" && isOwnEntry(spec))
      return { present: true, options: Array.isArray(entry) ? entry[1] : undefined }
  }
  return { present: false, options: undefined }
}
