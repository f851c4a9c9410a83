import { useSession } from '../auth/session';
import type { ApiClient } from './api-client';
import type { AgentSummary } from './api-types';
import { useResource } from './use-resource';

const FRESH_MS = 60_000;
const loaded = new WeakMap<ApiClient, { at: number; agents: Promise<AgentSummary[]> }>();

/** Every agent, shared by the components of a page (one request a minute at most per session). */
function loadAgents(api: ApiClient): Promise<AgentSummary[]> {
  const cached = loaded.get(api);
  if (cached && Date.now() - cached.at < FRESH_MS) return cached.agents;
  const agents = api.get<AgentSummary[]>('/api/agents');
  loaded.set(api, { at: Date.now(), agents });
  agents.catch(() => loaded.delete(api));
  return agents;
}

/** Every agent (for assignee pickers, names in the timeline, dashboards). */
export function useAgents(): AgentSummary[] {
  const { api } = useSession();
  return useResource(() => loadAgents(api), 'agents').data ?? [];
}
