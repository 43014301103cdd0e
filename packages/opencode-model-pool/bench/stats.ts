// Medians and spreads of repeated measurements, as the end-to-end benchmark prints them.

/** A measured quantity: its samples, in the order they were taken. */
export interface Summary {
  median: number
  min: number
  max: number
  n: number
}

/** Median, minimum and maximum of the samples (NaN for none). */
export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.filter((value) => Number.isFinite(value)).sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 }
  const middle = Math.floor(n / 2)
  const median = n % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return { median, min: sorted[0] ?? 0, max: sorted[n - 1] ?? 0, n }
}

/** `median (min-max, n=N)` with the unit after each number. */
export function formatSummary(summary: Summary, unit: string, digits = 0): string {
  if (summary.n === 0) return "no samples"
  const value = (number: number) => `${number.toFixed(digits)}${unit}`
  if (summary.n === 1) return `${value(summary.median)} (n=1)`
  return `${value(summary.median)} (${value(summary.min)} to ${value(summary.max)}, n=${summary.n})`
}
