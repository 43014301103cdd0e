/**
 * True when `error` carries `marker`, the `Symbol.for` brand an error class of this package sets on its instances.
 * A registered symbol is the same in every copy of the package, so the check holds where `instanceof` does not (two
 * installed versions, or a bundle beside the source).
 */
export function hasMarker(error: unknown, marker: symbol): boolean {
  return typeof error === "object" && error !== null && marker in error
}
