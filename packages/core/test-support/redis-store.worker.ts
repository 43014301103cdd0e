// Run by redis-store.test.ts in several processes at once: each adds its own records and bumps a shared counter.
// Exits 1 when an update went to the fallback, so a lost update cannot hide there.
import { createRedisHealthStore } from "../src/health/redis-store.ts"
import { createMemoryHealthStore } from "../src/health/store.ts"

const [url, namespace, worker, count] = process.argv.slice(2)
const fallback = createMemoryHealthStore()
const store = createRedisHealthStore({ url: url ?? "", namespace, fallback, timeoutMs: 10_000 })
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
await store.close()
const fellBack = Object.keys(fallback.read().members).length + Object.keys(fallback.read().cursors).length
process.exit(fellBack === 0 ? 0 : 1)
