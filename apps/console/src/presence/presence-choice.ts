import type { ApiClient } from '../shared/api-client';
import type { Me, Presence } from '../shared/api-types';

export const PRESENCES: readonly Presence[] = ['available', 'away', 'offline'];

const key = (agentId: string) => `ledgerdesk.presence.${agentId}`;
const isPresence = (value: string | null): value is Presence =>
  value !== null && (PRESENCES as readonly string[]).includes(value);

/** The presence an agent picked in this browser, kept across sign-outs (per agent). */
export const presenceChoice = {
  get: (agentId: string, storage: Storage = localStorage): Presence | null => {
    const value = storage.getItem(key(agentId));
    return isPresence(value) ? value : null;
  },
  set: (agentId: string, presence: Presence, storage: Storage = localStorage): void =>
    storage.setItem(key(agentId), presence),
};

/** The presence a new session starts with: the agent's earlier choice here, else available. */
export const presenceOnSignIn = (agentId: string, storage: Storage = localStorage): Presence =>
  presenceChoice.get(agentId, storage) ?? 'available';

/**
 * Puts the agent in their sign-in presence (one PUT, skipped when the server already has it) and
 * answers the profile as the server then holds it. A failure keeps the profile as loaded.
 */
export async function applySignInPresence(
  api: Pick<ApiClient, 'put'>,
  me: Me,
  storage: Storage = localStorage,
): Promise<Me> {
  const wanted = presenceOnSignIn(me.id, storage);
  if (me.presence === wanted) return me;
  return api.put<Me>('/api/me/presence', { presence: wanted }).catch(() => me);
}
