// What the doctor asks OpenCode, through the server API the plugin's own hooks use: the config as OpenCode resolved
// it (global, project and agent files, with {env:} and {file:} applied; this plugin told to leave it untouched),
// the providers as OpenCode resolved them, and its catalog's providers. It starts `opencode serve` on a loopback
// port, with a password of its own, and stops it when it has the answers. Node's APIs only: the CLI runs on Node.
import { spawn, type ChildProcess } from "node:child_process"
import { randomUUID } from "node:crypto"
import type { OpenCodeConfig } from "../host/opencode-config.ts"
import { READ_ONLY_ENV } from "../host/plugin-entry.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { errorMarker, hasMarker } from "../module/errors.ts"

const NO_ANSWER = errorMarker("NoAnswerError")

/** OpenCode could not be asked: its binary did not run, stopped before it listened, or answered with an error. */
export class NoAnswerError extends Error {
  private readonly [NO_ANSWER] = true
  override readonly name = "NoAnswerError"

  /** True for a NoAnswerError, even from another copy of this module. */
  static isInstance(error: unknown): error is NoAnswerError {
    return hasMarker(error, NO_ANSWER)
  }
}

/** The server's address, once it says it listens. */
function listening(child: ChildProcess, binary: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let said = ""
    let errors = ""
    child.stdout?.on("data", (chunk: Buffer) => {
      said += chunk.toString("utf8")
      const address = /listening on (http:\/\/\S+)/.exec(said)?.[1]
      if (address) resolve(address)
    })
    child.stderr?.on("data", (chunk: Buffer) => {
      errors = (errors + chunk.toString("utf8")).slice(-2000)
    })
    child.on("error", (error) => reject(new NoAnswerError(`cannot run \`${binary} serve\`: ${error.message}`)))
    child.on("exit", (code) =>
      reject(new NoAnswerError(`\`${binary} serve\` exited (${code}) before it listened: ${errors.slice(-500)}`)),
    )
  })
}

/** Asks the running server for `path`, as JSON. */
export type Ask = <T>(path: string) => Promise<T>

/** Runs `use` with a server of the OpenCode binary `binary` for the folder `directory`, then stops the server. */
export async function withOpenCode<T>(
  binary: string,
  use: (ask: Ask) => Promise<T>,
  directory: string = process.cwd(),
): Promise<T> {
  const password = randomUUID()
  const child = spawn(binary, ["serve", "--hostname", "127.0.0.1", "--port", "0"], {
    env: {
      ...process.env,
      [READ_ONLY_ENV]: "1",
      OPENCODE_SERVER_USERNAME: "opencode",
      OPENCODE_SERVER_PASSWORD: password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  try {
    const base = await listening(child, binary)
    const authorization = `Basic ${Buffer.from(`opencode:${password}`).toString("base64")}`
    return await use(async <Answer>(path: string) => {
      const response = await fetch(`${base}${path}?directory=${encodeURIComponent(directory)}`, {
        headers: { authorization },
      })
      if (!response.ok) throw new NoAnswerError(`\`${binary} serve\` answered ${path} with ${response.status}`)
      return (await response.json()) as Answer
    })
  } finally {
    child.kill()
  }
}

/** OpenCode's resolved config (`GET /config`). */
export const configOf = (ask: Ask) => ask<OpenCodeConfig>("/config")

/** The providers OpenCode found credentials or config for, as it resolved them (`GET /config/providers`). */
export async function providersOf(ask: Ask): Promise<Map<string, ProviderInfo>> {
  const answer = await ask<{ providers: (ProviderInfo & { id: string })[] }>("/config/providers")
  return new Map(answer.providers.map((provider) => [provider.id, provider]))
}

/** The variables OpenCode's catalog reads each provider's key from (`GET /provider`, the whole catalog). */
export async function catalogOf(ask: Ask): Promise<Map<string, string[]>> {
  const answer = await ask<{ all: { id: string; env?: string[] }[] }>("/provider")
  return new Map(answer.all.map((provider) => [provider.id, provider.env ?? []]))
}
