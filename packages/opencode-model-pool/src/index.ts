import { randomUUID } from "node:crypto"
import { dirname, extname, join } from "node:path"
import { startTurn, type PoolSpec } from "@model-pool/core"
import type { Hooks, PluginInput, PluginModule } from "@opencode-ai/plugin"
import { authFilePath, readAuthEntries } from "./auth-file.ts"
import { createAuthPlugins, type PluginEntry } from "./auth-plugins.ts"
import { AGENT_POOL_KEYS } from "./config/schema.ts"
import { openHealthStore, stateProblems, type OpenedHealthStore } from "./health-store.ts"
import { loadProviderPackages } from "./build-model.ts"
import { POOL_MARKER, type PoolMarker } from "./call-marker.ts"
import { keyLabels } from "./member-models.ts"
import { misplacedNotices } from "./member-source.ts"
import { createNotifier } from "./notifier.ts"
import { addPoolProvider, POOL_PROVIDER, readPoolConfig, routeMembers, type OpenCodeConfig } from "./read-config.ts"
import { installRuntime, type Notice, type PoolRuntime, type ProviderInfo } from "./runtime.ts"
import { memberModel } from "./shape/from-opencode.ts"
import type { AgentTraits } from "./shape/member-model.ts"
import { createSessionMoves, type SessionMoves } from "./session-moves.ts"
import { defaultStatePath } from "./state-path.ts"

/** Set by the doctor: the plugin then leaves OpenCode's config untouched. */
export const READ_ONLY_ENV = "OPENCODE_MODEL_POOL_READ_ONLY"

/** This module, which the auth-plugin loading must skip. */
const SELF_URL = import.meta.url

/** The model module every pool member is routed through: beside this one, with its extension (the TypeScript
 * source under Bun, the compiled JavaScript elsewhere). */
const MODULE_URL = new URL(`./provider${extname(new URL(import.meta.url).pathname)}`, import.meta.url).href

// OpenCode's internal agent for session titles.
const TITLE_AGENT = "title"

function providerMap(list: unknown): Map<string, ProviderInfo> {
  const providers = (list as { providers?: (ProviderInfo & { id: string })[] } | undefined)?.providers ?? []
  return new Map(providers.map((provider) => [provider.id, provider]))
}

async function server(input: PluginInput, rawOptions?: Record<string, unknown>): Promise<Hooks> {
  const notify = createNotifier(input.client)
  const pending: Notice[] = []
  // The pool each session's current turn runs on, for the calls of that turn (compaction included).
  const sessionPools = new Map<string, string>()
  // This plugin instance's runtime key: one per OpenCode instance (a server holds one per directory).
  const instance = randomUUID()
  const state: {
    runtime?: PoolRuntime
    providers?: Promise<Map<string, ProviderInfo>>
    known?: Map<string, ProviderInfo>
    agents?: Promise<void>
    moves?: SessionMoves
    health?: OpenedHealthStore
    agentTraits?: Map<string, AgentTraits>
    /** Start-up problems and missing credentials were told. */
    checked?: boolean
  } = {}

  const providers = () => {
    state.providers ??= input.client.config
      .providers()
      .then((response) => {
        state.known = providerMap(response.data)
        return state.known
      })
      .catch(() => {
        state.providers = undefined
        return new Map<string, ProviderInfo>()
      })
    return state.providers
  }

  const agents = () => {
    state.agents ??= input.client.app
      .agents()
      .then((response) => {
        const list = (response.data ?? []) as {
          name: string
          options?: Record<string, unknown>
          temperature?: number
          topP?: number
        }[]
        state.agentTraits = new Map(
          list.map((agent) => [
            agent.name,
            {
              options: agent.options ?? {},
              ...(agent.temperature === undefined ? {} : { temperature: agent.temperature }),
              ...(agent.topP === undefined ? {} : { topP: agent.topP }),
            },
          ]),
        )
      })
      .catch(() => {
        state.agents = undefined
      })
    return state.agents
  }

  function knownModel(member: string) {
    const slash = member.indexOf("/")
    return state.known?.get(member.slice(0, slash))?.models[member.slice(slash + 1)]
  }

  /** The pool of the session that started this one (through the task tool), if any. */
  async function parentPool(sessionID: string): Promise<PoolSpec | undefined> {
    const session = await input.client.session.get({ path: { id: sessionID } }).catch(() => undefined)
    const parent = session?.data?.parentID
    const name = parent === undefined ? undefined : sessionPools.get(parent)
    return name === undefined ? undefined : state.runtime?.pools.get(name)
  }

  function poolOfAgent(agent: string | undefined): PoolSpec | undefined {
    const name = agent === undefined ? undefined : state.runtime?.agentPools.get(agent)
    return name === undefined ? undefined : state.runtime?.pools.get(name)
  }

  return {
    async config(config) {
      // `opencode-model-pool doctor` reads the config through OpenCode and must see it as the user wrote it.
      if (process.env[READ_ONLY_ENV] === "1") return
      const read = readPoolConfig(config as OpenCodeConfig, rawOptions)
      await loadProviderPackages([...read.sources.values()].map((source) => source.npm))
      routeMembers(config as OpenCodeConfig, read.sources.values(), MODULE_URL, instance)
      const conflict = addPoolProvider(config as OpenCodeConfig, read.pools.values(), MODULE_URL, instance)
      if (conflict) read.issues.push(conflict)
      const authPlugins = createAuthPlugins(
        input,
        ((config as { plugin?: PluginEntry[] }).plugin ?? []).slice(),
        SELF_URL,
        authFilePath(),
        read.options.authProfiles,
        (message) => void notify({ level: "warn", message, toast: false }),
      )
      const statePath = read.options.stateFile ?? defaultStatePath()
      // A state file that is damaged or cannot be written is told once; the turn goes on without it.
      const stateProblem = stateProblems((notice) => void notify(notice))
      state.moves = createSessionMoves(join(dirname(statePath), "sessions.json"), { onProblem: stateProblem })
      // A config read again replaces the runtime: the store it opened before is closed.
      void state.health?.close()
      state.health = openHealthStore(read.options.health, statePath, (notice) => void notify(notice), stateProblem)
      const runtime: PoolRuntime = {
        pools: read.pools,
        agentPools: read.agentPools,
        sources: read.sources,
        apiKeys: read.options.apiKeys,
        profiles: read.options.authProfiles,
        store: state.health.store,
        created: new Map(),
        providers,
        info(member) {
          const model = knownModel(member)
          if (!model) return undefined
          return { cost: model.cost, contextWindow: model.limit?.context || undefined }
        },
        price: (member) => knownModel(member)?.cost,
        model(member) {
          const source = read.sources.get(member)
          const model = knownModel(member)
          if (!source || !model) return undefined
          return memberModel(source, model, state.known?.get(source.providerID)?.options ?? {})
        },
        agent: (name) => (name === undefined ? undefined : state.agentTraits?.get(name)) ?? { options: {} },
        agents,
        notify: (notice) => void notify(notice),
        authOptions: (providerID, info) => authPlugins.optionsFor(providerID, info),
        systemTransform: (providerID) => authPlugins.systemTransform(providerID),
      }
      state.runtime = runtime
      installRuntime(instance, runtime)
      pending.push(...read.issues.map((message): Notice => ({ level: "error", message, toast: true })))
      if (read.options.health.store === "redis")
        pending.push({ level: "info", message: `health store: ${state.health.description}`, toast: false })
    },

    // Start-up problems are told once the server answers: the first event is the earliest safe moment. That is
    // also when OpenCode can say which providers it found credentials for.
    async event({ event }) {
      // A deleted session's pool and move records go with it.
      if (event.type === "session.deleted") {
        sessionPools.delete(event.properties.info.id)
        state.moves?.record(event.properties.info.id, undefined)
      }
      const runtime = state.runtime
      if (!runtime || state.checked) return
      state.checked = true
      // The first call needs both lists: asking now keeps the round trips off its path.
      const lists = Promise.all([providers(), agents()])
      for (const notice of pending.splice(0)) await notify(notice)
      const [known] = await lists
      if (known.size === 0) return
      // Members on a provider OpenCode does not know, or on a model neither the config nor its catalog lists.
      for (const notice of misplacedNotices(runtime.sources, known)) await notify(notice)
      // Hosts of your own may need no key; the catalog providers always do. OpenCode keeps a key it found in the
      // environment only when the provider has one variable (Google has three): look at the variables too.
      const logins = readAuthEntries(authFilePath())
      const keyless = (providerID: string) => {
        const info = known.get(providerID)
        // A loader (Bedrock's credential chain) or a login in auth.json (an auth plugin's OAuth) counts as found.
        const found =
          info?.key ||
          info?.options.apiKey ||
          info?.source === "api" ||
          info?.source === "custom" ||
          logins[providerID] !== undefined ||
          info?.env?.some((name) => Boolean(process.env[name]))
        return !found && !runtime.apiKeys[providerID]?.length
      }
      const missing = [...runtime.sources.values()].filter(
        (source) => source.npm !== "@ai-sdk/openai-compatible" && keyless(source.providerID),
      )
      for (const source of missing)
        await notify({
          level: "error",
          message: `${source.member}: OpenCode has no credentials for provider ${source.providerID} (set its API key in the config or environment, or run \`opencode auth login\`); this member will fail`,
          toast: true,
        })
    },

    async "chat.message"(hookInput, output) {
      const runtime = state.runtime
      const moves = state.moves
      const current = output.message.model
      if (!runtime || !moves || !current) return
      const chosen = `${current.providerID}/${current.modelID}`
      const agentPool = poolOfAgent(hookInput.agent ?? output.message.agent)
      // A session entered again in the TUI sends the model of its last turn: when the plugin moved that turn, the
      // model is not the user's pick, and the turn is planned again from the pool.
      const moved = moves.moved(hookInput.sessionID)
      const replanned = moved?.member === chosen ? runtime.pools.get(moved.pool) : undefined
      // A turn on `pool/<name>` runs that pool; a turn on an agent's own primary runs the agent's pool. A model
      // the user picked for this turn is kept, with the agent's pool behind it.
      const pool =
        current.providerID === POOL_PROVIDER
          ? runtime.pools.get(chosen)
          : chosen === agentPool?.members[0]
            ? agentPool
            : replanned
      if (!pool) {
        // A turn without a pool leaves nothing of an earlier turn's pool behind for its calls.
        sessionPools.delete(hookInput.sessionID)
        moves.record(hookInput.sessionID, undefined)
        // A subagent without a pool of its own runs on its parent's model: it falls back in the parent's pool.
        const inherited = await parentPool(hookInput.sessionID)
        if (inherited?.members.includes(chosen)) sessionPools.set(hookInput.sessionID, inherited.name)
        return
      }
      sessionPools.set(hookInput.sessionID, pool.name)
      // The catalog (prices, windows) must be known before the plan orders by it.
      await providers()
      const plan = await startTurn(runtime.store, {
        pool,
        now: Date.now(),
        catalog: runtime.info,
        keys: (member) => keyLabels(runtime.apiKeys, runtime.sources.get(member)?.providerID ?? ""),
      })
      const source = plan.first && runtime.sources.get(plan.first.member)
      if (!source) return
      const primary = pool.members[0]
      // The TUI keeps sending the member a turn was moved to, even after a later turn went back to the primary:
      // the record stays until the user picks another model.
      if (source.member !== primary) moves.record(hookInput.sessionID, { member: source.member, pool: pool.name })
      // OpenCode records, prices and shows the member that will answer.
      if (source.member !== chosen)
        output.message.model = { ...current, providerID: source.providerID, modelID: source.modelID }
      // A turn that runs away from the primary says why, and a session that comes back to it says so.
      if (source.member === primary && replanned)
        runtime.notify({ level: "info", message: `${primary} is available again; this turn runs on it`, toast: true })
      if (plan.primaryCooling) runtime.notify({ level: "info", message: plan.primaryCooling.message, toast: true })
    },

    async "chat.params"(hookInput, output) {
      for (const key of AGENT_POOL_KEYS) delete output.options[key]
      const model = `${hookInput.model.providerID}/${hookInput.model.id}`
      // Only calls on a model routed through the pool module are marked; the module removes the marker.
      if (!state.runtime?.sources.has(model) && hookInput.model.providerID !== POOL_PROVIDER) return
      const variant = (hookInput.message as { model?: { variant?: string } } | undefined)?.model?.variant
      const marker: PoolMarker = {
        agent: hookInput.agent,
        session: hookInput.sessionID,
        ...(variant ? { variant } : {}),
      }
      // Titles run on small_model, which is a pool only when it is `pool/<name>`: that model runs its pool itself.
      if (hookInput.agent === TITLE_AGENT) {
        output.options[POOL_MARKER] = { ...marker, small: true }
        return
      }
      const session = sessionPools.get(hookInput.sessionID)
      const pool = (session && state.runtime?.pools.get(session)) || poolOfAgent(hookInput.agent)
      output.options[POOL_MARKER] = pool?.members.includes(model) ? { ...marker, pool: pool.name } : marker
    },
  }
}

/** OpenCode plugin: agent-level model pools with in-turn fallback. */
const plugin: PluginModule = { id: "opencode-model-pool", server }

export default plugin
