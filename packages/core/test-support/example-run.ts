// Runs a program the way an application using the README's examples runs: its provider packages pointed at the
// fake provider through the variables they read, with keys that are not secrets. The fake's script makes the
// examples' primary rate-limited and their backup answer.
import type { Script } from "@model-pool/fake-provider"

/** What the fake provider answers the examples' two models. */
export const EXAMPLE_SCRIPT: Script = {
  "gpt-5": { kind: "rate_limit", retry_after_s: 30 },
  "claude-sonnet-4-5": { kind: "text" },
}

/** Runs `argv` in `cwd` (never synchronously: the fake answers from this process's event loop). */
export async function runExample(
  argv: string[],
  options: { cwd: string; fakeUrl: string; env?: Record<string, string> },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = Bun.spawn(argv, {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? "",
      OPENAI_BASE_URL: `${options.fakeUrl}/openai/v1`,
      ANTHROPIC_BASE_URL: `${options.fakeUrl}/anthropic/v1`,
      OPENAI_API_KEY: "sk-example-0000",
      ANTHROPIC_API_KEY: "sk-ant-example-0000",
      ...options.env,
    },
    stdout: "pipe",
    stderr: "pipe",
  })
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ])
  return { code, stdout, stderr }
}
