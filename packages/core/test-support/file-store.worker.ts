// Run by file-store.test.ts in several processes at once: each adds its own records and bumps a shared counter.
import { createFileHealthStore } from "../src/health/file-store.ts"

const [path, worker, count] = process.argv.slice(2)
const store = createFileHealthStore(path ?? "")
for (let index = 0; index < Number(count); index++) {
  await store.update((state) => {
    state.cursors.shared = (state.cursors.shared ?? 0) + 1
    state.members[`w${worker}/m${index}`] = {
      until: Date.now() + 60_000,
      condition: "rate_limit",
      failures: 1,
      quota: false,
      at: Date.now(),
    }
  })
}
