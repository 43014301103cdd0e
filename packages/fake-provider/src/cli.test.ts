import { afterEach, expect, test } from "bun:test"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Subprocess } from "bun"
import type { RecordedRequest } from "./request-log.ts"
import { keyId } from "./request-log.ts"

const CLI = join(import.meta.dir, "cli.ts")
const dirs: string[] = []
const children: Subprocess[] = []

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL")
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "fake-provider-cli-"))
  dirs.push(dir)
  return dir
}

/** Starts the CLI and resolves with the URL from its first stdout line. */
async function startCli(args: string[]): Promise<{ child: Subprocess<"ignore", "pipe", "pipe">; url: string }> {
  const child = Bun.spawn(["bun", CLI, ...args], { stdout: "pipe", stderr: "pipe" })
  children.push(child)
  const reader = child.stdout.getReader()
  const decoder = new TextDecoder()
  let buffered = ""
  while (!buffered.includes("\n")) {
    const { done, value } = await reader.read()
    if (done) throw new Error(`cli exited before printing its URL: ${await new Response(child.stderr).text()}`)
    buffered += decoder.decode(value)
  }
  reader.releaseLock()
  const line = buffered.slice(0, buffered.indexOf("\n"))
  const { url } = JSON.parse(line) as { url: string }
  return { child, url }
}

function chat(url: string, model: string): Promise<Response> {
  return fetch(`${url}/openai/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-cli-secret" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  })
}

async function answerText(response: Response): Promise<string> {
  const body = (await response.json()) as { choices: { message: { content: string } }[] }
  return body.choices[0]?.message.content ?? ""
}

test("the CLI prints its URL, serves the script file and logs each request as a JSON line without the key", async () => {
  const dir = tempDir()
  const scriptPath = join(dir, "script.json")
  const logPath = join(dir, "requests.jsonl")
  writeFileSync(scriptPath, JSON.stringify({ "*": [{ kind: "text", text: "first" }, { kind: "rate_limit" }] }))
  const { url } = await startCli(["--script", scriptPath, "--log", logPath])
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

  expect(await answerText(await chat(url, "gpt-cli"))).toBe("first")
  expect((await chat(url, "gpt-cli")).status).toBe(429)

  const log = readFileSync(logPath, "utf8")
  expect(log).not.toContain("sk-cli-secret")
  const records = log
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as RecordedRequest)
  expect(records.map((record) => [record.model, record.step, record.key_id])).toEqual([
    ["gpt-cli", "text", keyId("sk-cli-secret")],
    ["gpt-cli", "rate_limit", keyId("sk-cli-secret")],
  ])
})

test("the CLI re-reads the script on SIGHUP and restarts the step sequence", async () => {
  const dir = tempDir()
  const scriptPath = join(dir, "script.json")
  writeFileSync(scriptPath, JSON.stringify({ "*": { kind: "text", text: "before" } }))
  const { child, url } = await startCli(["--script", scriptPath])
  expect(await answerText(await chat(url, "m"))).toBe("before")

  writeFileSync(scriptPath, JSON.stringify({ "*": { kind: "text", text: "after" } }))
  child.kill("SIGHUP")
  // Either the file watcher or the signal applies the new script; poll briefly for it.
  const deadline = Date.now() + 2000
  let text = ""
  while (Date.now() < deadline) {
    text = await answerText(await chat(url, "m"))
    if (text === "after") break
    await Bun.sleep(25)
  }
  expect(text).toBe("after")
})

test("the CLI exits cleanly on SIGTERM", async () => {
  const { child } = await startCli([])
  child.kill("SIGTERM")
  expect(await child.exited).toBe(0)
})

test("the CLI refuses an invalid script file with exit code 2 and says why", async () => {
  const dir = tempDir()
  const scriptPath = join(dir, "script.json")
  writeFileSync(scriptPath, JSON.stringify({ "*": { kind: "rate_limit", retry_after: 3 } }))
  const child = Bun.spawn(["bun", CLI, "--script", scriptPath], { stdout: "pipe", stderr: "pipe" })
  children.push(child)
  expect(await child.exited).toBe(2)
  expect(await new Response(child.stderr).text()).toContain("retry_after: unknown field")
})

test("the CLI with --strict answers a broken conversation with the vendor's 400 and logs the rejection", async () => {
  const dir = tempDir()
  const logPath = join(dir, "requests.jsonl")
  const { url } = await startCli(["--strict", "--log", logPath])
  const response = await fetch(`${url}/openai/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "m", messages: [{ role: "tool", tool_call_id: "call_1", content: "42" }] }),
  })
  expect(response.status).toBe(400)
  const [record] = readFileSync(logPath, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as RecordedRequest)
  expect(record?.rejected).toContain("must be a response to a preceeding message with 'tool_calls'")
})
