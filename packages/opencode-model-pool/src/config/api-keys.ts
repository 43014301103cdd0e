// The plugin's extra API keys (`api_keys`) are named by label everywhere a key could show: in health ids, plans,
// logs and the doctor.

const KEY_LABEL = "key"

/** Labels of a provider's extra API keys: `key1`, `key2`, ... (never the keys themselves). */
export function keyLabels(apiKeys: Record<string, readonly string[]>, providerID: string): string[] {
  return (apiKeys[providerID] ?? []).map((_, index) => `${KEY_LABEL}${index + 1}`)
}

/** The key a label stands for, read back from the same list. */
export function keyOf(apiKeys: Record<string, readonly string[]>, providerID: string, label: string | undefined) {
  if (label === undefined) return undefined
  return apiKeys[providerID]?.[Number(label.slice(KEY_LABEL.length)) - 1]
}
