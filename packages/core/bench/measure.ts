/** Median time per operation over several batches, after a warm-up, in nanoseconds. */
export async function medianNs(
  operation: () => unknown | Promise<unknown>,
  perBatch: number,
  batches = 15,
): Promise<number> {
  for (let index = 0; index < perBatch; index++) await operation()
  const samples: number[] = []
  for (let batch = 0; batch < batches; batch++) {
    const started = Bun.nanoseconds()
    for (let index = 0; index < perBatch; index++) await operation()
    samples.push((Bun.nanoseconds() - started) / perBatch)
  }
  return median(samples)
}

/**
 * Measures two operations in alternating batches, so drift of the machine affects both alike, and returns the
 * median time per operation of each.
 */
export async function pairedMedianNs(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  perBatch: number,
  batches = 21,
): Promise<{ baseline: number; candidate: number }> {
  for (let index = 0; index < perBatch; index++) {
    await baseline()
    await candidate()
  }
  const samples = { baseline: [] as number[], candidate: [] as number[] }
  for (let batch = 0; batch < batches; batch++) {
    for (const [name, operation] of [
      ["baseline", baseline],
      ["candidate", candidate],
    ] as const) {
      const started = Bun.nanoseconds()
      for (let index = 0; index < perBatch; index++) await operation()
      samples[name].push((Bun.nanoseconds() - started) / perBatch)
    }
  }
  return { baseline: median(samples.baseline), candidate: median(samples.candidate) }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
