#!/usr/bin/env bun
// Runs the fake in its own process so a separate program (the real opencode
// CLI, a demo) can talk to it. Prints {"url": ...} once listening; a parent
// process reads that line to learn the port.
//
//   bun packages/fake-provider/src/cli.ts --script script.json [--port N] [--log requests.jsonl] [--strict]
//
// The script file is re-read when it changes (polled every 100 ms) or on SIGHUP; SIGTERM/SIGINT stop the server.

import { appendFileSync, readFileSync, unwatchFile, watchFile } from "node:fs"
import { parseArgs } from "node:util"
import { parseScript } from "./script.ts"
import type { Script } from "./script.ts"
import { startFakeProvider } from "./server.ts"

const WATCH_INTERVAL_MS = 100
const USAGE = "usage: fake-provider [--script script.json] [--port N] [--log requests.jsonl] [--strict]"

function fail(message: string): never {
  process.stderr.write(`fake-provider: ${message}\n${USAGE}\n`)
  process.exit(2)
}

function loadScript(path: string): Script {
  return parseScript(JSON.parse(readFileSync(path, "utf8")))
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be an integer 0-65535, got ${text}`)
  return port
}

async function main(): Promise<void> {
  const { values } = (() => {
    try {
      return parseArgs({
        options: {
          script: { type: "string" },
          port: { type: "string" },
          log: { type: "string" },
          strict: { type: "boolean" },
          help: { type: "boolean" },
        },
        strict: true,
      })
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error))
    }
  })()
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`)
    return
  }

  const scriptPath = values.script
  const logPath = values.log
  // A bad script at start-up is fatal: the caller's test is misconfigured.
  const script = (() => {
    if (scriptPath === undefined) return {}
    try {
      return loadScript(scriptPath)
    } catch (error) {
      fail(`cannot load ${scriptPath}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })()

  const fake = await startFakeProvider({
    script,
    port: parsePort(values.port),
    strict: values.strict === true,
    // Synchronous append keeps the line order equal to the request order and
    // means the line is on disk before the response is sent.
    onRequest: logPath === undefined ? undefined : (record) => appendFileSync(logPath, `${JSON.stringify(record)}\n`),
  })

  // A bad edit later is not fatal: keep serving the last good script so a
  // half-written file does not take the server down mid-test.
  const reload = () => {
    if (scriptPath === undefined) return
    try {
      fake.setScript(loadScript(scriptPath))
      process.stderr.write(`fake-provider: reloaded ${scriptPath}\n`)
    } catch (error) {
      process.stderr.write(
        `fake-provider: kept previous script, ${scriptPath} is invalid: ${error instanceof Error ? error.message : String(error)}\n`,
      )
    }
  }

  // Poll rather than fs.watch: polling survives editors that save by renaming
  // a temp file over the script, and a half-written file read mid-save is
  // followed by another change once the write completes.
  let lastContent = scriptPath === undefined ? "" : readFileSync(scriptPath, "utf8")
  const onFileChange = () => {
    if (scriptPath === undefined) return
    const content = (() => {
      try {
        return readFileSync(scriptPath, "utf8")
      } catch {
        return lastContent
      }
    })()
    // Only a real content change restarts the step sequences.
    if (content === lastContent) return
    lastContent = content
    reload()
  }
  if (scriptPath !== undefined) watchFile(scriptPath, { interval: WATCH_INTERVAL_MS }, onFileChange)

  process.on("SIGHUP", reload)
  const shutdown = async () => {
    if (scriptPath !== undefined) unwatchFile(scriptPath, onFileChange)
    await fake.stop()
    process.exit(0)
  }
  process.on("SIGTERM", shutdown)
  process.on("SIGINT", shutdown)

  process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`)
}

await main()
