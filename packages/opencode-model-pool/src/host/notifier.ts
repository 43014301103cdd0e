import type { PluginInput } from "@opencode-ai/plugin"

/** Something worth telling the user: a fallback, a cooldown at turn start, a configuration problem. */
export interface Notice {
  level: "info" | "warn" | "error"
  message: string
  /** Also shown as a TUI toast (fallbacks, configuration errors); otherwise only logged. */
  toast: boolean
}

const SERVICE = "opencode-model-pool"

const VARIANT = { info: "info", warn: "warning", error: "error" } as const

/** True inside `opencode run`, which has no TUI to show toasts: the plugin then tells on stderr instead. */
const RUN_MODE = process.argv[2] === "run"

/**
 * Tells the user what the pool did: a line in OpenCode's log for every notice, and for the ones that change
 * what the user sees, a TUI toast, or a line on stderr under `opencode run`. Delivery failures are ignored:
 * telling must never break a call.
 */
export function createNotifier(
  client: PluginInput["client"],
  stderr: boolean = RUN_MODE,
): (notice: Notice) => Promise<void> {
  return async (notice) => {
    if (notice.toast && stderr) process.stderr.write(`[model-pool] ${notice.message}\n`)
    const log = client.app.log({ body: { service: SERVICE, level: notice.level, message: notice.message } })
    const toast = notice.toast
      ? client.tui.showToast({ body: { title: "Model pool", message: notice.message, variant: VARIANT[notice.level] } })
      : undefined
    await Promise.allSettled([log, toast])
  }
}
