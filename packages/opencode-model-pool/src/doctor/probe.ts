// `doctor --probe`: one minimal real request to each member, with the credentials OpenCode resolved, so a pool is
// known to work before an outage needs it. Each member is built as the plugin builds it inside OpenCode.
import { classify, reasonOf, type Classification, type PoolSpec } from "@model-pool/core"
import type { LanguageModelV3 } from "@ai-sdk/provider"
import type { PoolConfig } from "../config/read-config.ts"
import type { AuthEntry } from "../host/auth-file.ts"
import type { MemberSource } from "../host/member-source.ts"
import type { ProviderInfo } from "../host/provider-info.ts"
import { loadProviderPackages } from "../module/build-model.ts"
import { buildMember } from "../module/member-models.ts"

/** Which pools a probe covers: every pool, or the one named, or the one an agent uses. */
export interface ProbeScope {
  pool?: string
  agent?: string
}

/** The most a probe waits for a member's first output. */
const PROBE_TIMEOUT_MS = 30_000

/**
 * The output a probe asks for. One token would do, but OpenAI's Responses API refuses fewer than 16; a probe that
 * failed on its own request would say nothing of the member.
 */
const PROBE_OUTPUT_TOKENS = 16

/** The pools a scope covers, or why it covers none. */
export function poolsInScope(read: PoolConfig, scope: ProbeScope): { pools: PoolSpec[]; problem?: string } {
  if (scope.agent !== undefined) {
    const name = read.agentPools.get(scope.agent)
    const pool = name === undefined ? undefined : read.pools.get(name)
    return pool ? { pools: [pool] } : { pools: [], problem: `agent ${scope.agent} has no pool` }
  }
  if (scope.pool !== undefined) {
    const pool = read.pools.get(scope.pool) ?? read.pools.get(`pool/${scope.pool}`)
    return pool ? { pools: [pool] } : { pools: [], problem: `no pool named ${scope.pool}` }
  }
  return { pools: [...read.pools.values()] }
}

/** What a probe found of one member. */
export type ProbeVerdict =
  | { ok: true; firstTokenMs: number }
  | { ok: false; reason: string; status?: number; message: string }
  | { ok: "skipped"; reason: string }

/** Sends `model` one short prompt and reads until its first output part, or its failure. */
export async function probeModel(
  model: LanguageModelV3,
  clock: () => number = () => performance.now(),
  timeoutMs: number = PROBE_TIMEOUT_MS,
): Promise<ProbeVerdict> {
  const started = clock()
  const abort = AbortSignal.timeout(timeoutMs)
  try {
    const { stream } = await model.doStream({
      prompt: [{ role: "user", content: [{ type: "text", text: "Reply with OK." }] }],
      maxOutputTokens: PROBE_OUTPUT_TOKENS,
      abortSignal: abort,
    })
    const reader = stream.getReader()
    try {
      for (;;) {
        const next = await reader.read()
        if (next.done) return { ok: true, firstTokenMs: clock() - started }
        const part = next.value
        if (part.type === "error") throw part.error
        if (part.type === "text-delta" || part.type === "reasoning-delta" || part.type === "finish")
          return { ok: true, firstTokenMs: clock() - started }
      }
    } finally {
      reader.cancel().catch(() => undefined)
    }
  } catch (error) {
    const classification: Classification = abort.aborted
      ? {
          condition: "timeout",
          quota: false,
          message: `no output within ${timeoutMs / 1000}s`,
          retryable: true,
        }
      : classify(error)
    return {
      ok: false,
      reason: reasonOf({ member: "", durationMs: 0, ...classification }),
      message: classification.message,
      ...(classification.status === undefined ? {} : { status: classification.status }),
    }
  }
}

/** What the probe needs of the doctor's view of OpenCode. */
export interface ProbeInput {
  read: PoolConfig
  providers: ReadonlyMap<string, ProviderInfo>
  logins: Record<string, AuthEntry | undefined>
}

/** Builds `source` as the plugin does inside OpenCode, with OpenCode's resolved credentials, or says why not. */
async function built(source: MemberSource, input: ProbeInput): Promise<LanguageModelV3 | string> {
  const info = input.providers.get(source.providerID)
  if (!info) return `OpenCode lists no provider ${source.providerID} (no credentials, or not configured)`
  if (input.logins[source.providerID]?.type === "oauth" || input.read.options.authProfiles[source.providerID])
    return "signs in through an auth plugin, which runs only inside OpenCode: watch it with a drill instead"
  await loadProviderPackages([source.npm])
  // Outside OpenCode no provider was created and no auth plugin runs: OpenCode's resolved options and key.
  const runtime = {
    created: new Map(),
    profiles: {},
    authOptions: async () => undefined,
    apiKeys: input.read.options.apiKeys,
  }
  return buildMember(runtime, source, info, undefined)
}

/** Probes each member of `pools` once (a member in several pools once), in order. */
export async function probeMembers(
  pools: readonly PoolSpec[],
  input: ProbeInput,
): Promise<{ member: string; verdict: ProbeVerdict }[]> {
  const members = [...new Set(pools.flatMap((pool) => pool.members))]
  const verdicts: { member: string; verdict: ProbeVerdict }[] = []
  for (const member of members) {
    const source = input.read.sources.get(member)
    const model = source
      ? await built(source, input).catch((error: unknown) => `cannot be built: ${String(error)}`)
      : "not in the config"
    const verdict: ProbeVerdict = typeof model === "string" ? { ok: "skipped", reason: model } : await probeModel(model)
    verdicts.push({ member, verdict })
  }
  return verdicts
}

/** One line per member: `ok  answered in 412 ms`, `FAIL  credentials rejected (401): ...`, `skipped  ...`. */
export function verdictLine(member: string, verdict: ProbeVerdict): string {
  if (verdict.ok === true) return `  ${member}  ok  first output in ${Math.round(verdict.firstTokenMs)} ms`
  if (verdict.ok === "skipped") return `  ${member}  not probed  ${verdict.reason}`
  const status = verdict.status === undefined ? "" : ` (${verdict.status})`
  return `  ${member}  FAILED  ${verdict.reason}${status}: ${verdict.message}`
}
