import { useSession } from '../auth/session';
import type { AgentSummary } from './api-types';
import { useResource } from './use-resource';

/** Every agent (for assignee pickers and dashboards); loaded once per page. */
export function useAgents(): AgentSummary[] {
  const { api } = useSession();
  return useResource(() => api.get<AgentSummary[]>('/api/agents'), 'agents').data ?? [];
}
