import type { PluginInput } from "@opencode-ai/plugin"
import type { Notice } from "./runtime.ts"

const SERVICE = "opencode-model-pool"

const VARIANT = { info: "info", warn: "warning", error: "error" } as const

/**
 * Tells the user what the pool did: a line in OpenCode's log for every notice, and a TUI toast for the ones
 * that change what the user sees. Delivery failures are ignored: telling must never break a call.
 */
export function createNotifier(client: PluginInput["client"]): (notice: Notice) => Promise<void> {
  return async (notice) => {
    const log = client.app.log({ body: { service: SERVICE, level: notice.level, message: notice.message } })
    const toast = notice.toast
      ? client.tui.showToast({ body: { title: "Model pool", message: notice.message, variant: VARIANT[notice.level] } })
      : undefined
    await Promise.allSettled([log, toast])
  }
}
