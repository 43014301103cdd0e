// The lists OpenCode's server gives a plugin instance through its client: the providers as OpenCode resolved them
// (credentials from the config, the environment or auth.json, and the catalog's data), and the agents. Each is
// asked once, when first needed; a list that could not be had is asked again next time.
import type { PluginInput } from "@opencode-ai/plugin"
import { modelIn, type KnownModel, type ProviderInfo } from "./provider-info.ts"

/** An agent's options and sampling settings, as OpenCode resolved them. */
export interface AgentTraits {
  options: Record<string, unknown>
  temperature?: number
  topP?: number
}

/** OpenCode's lists of one plugin instance. */
export interface OpenCodeLists {
  /** Providers as OpenCode resolved them; empty when OpenCode did not answer. */
  providers(): Promise<Map<string, ProviderInfo>>
  /** A member's model in the provider list, once `providers()` has answered. */
  known(member: string): KnownModel | undefined
  /** Agents as OpenCode resolved them. */
  agents(): Promise<void>
  /** An agent's traits, once `agents()` has answered; none for an unknown agent. */
  agent(name: string | undefined): AgentTraits
}

type AgentEntry = { name: string; options?: Record<string, unknown>; temperature?: number; topP?: number }

function providerMap(list: unknown): Map<string, ProviderInfo> {
  const providers = (list as { providers?: (ProviderInfo & { id: string })[] } | undefined)?.providers ?? []
  return new Map(providers.map((provider) => [provider.id, provider]))
}

function traits(agent: AgentEntry): AgentTraits {
  return {
    options: agent.options ?? {},
    ...(agent.temperature === undefined ? {} : { temperature: agent.temperature }),
    ...(agent.topP === undefined ? {} : { topP: agent.topP }),
  }
}

/** The lists of the OpenCode instance `client` talks to. */
export function openCodeLists(client: PluginInput["client"]): OpenCodeLists {
  let providers: Promise<Map<string, ProviderInfo>> | undefined
  let known: Map<string, ProviderInfo> | undefined
  let agents: Promise<void> | undefined
  let agentTraits: Map<string, AgentTraits> | undefined
  return {
    providers() {
      providers ??= client.config
        .providers()
        .then((response) => (known = providerMap(response.data)))
        .catch(() => {
          providers = undefined
          return new Map<string, ProviderInfo>()
        })
      return providers
    },
    known: (member) => modelIn(known, member),
    agents() {
      agents ??= client.app
        .agents()
        .then((response) => {
          const list = (response.data ?? []) as AgentEntry[]
          agentTraits = new Map(list.map((agent) => [agent.name, traits(agent)]))
        })
        .catch(() => {
          agents = undefined
        })
      return agents
    },
    agent: (name) => (name === undefined ? undefined : agentTraits?.get(name)) ?? { options: {} },
  }
}
