import { createContext, useContext } from 'react';
import type { ApiClient } from '../shared/api-client';
import type { Me } from '../shared/api-types';

export interface Session {
  me: Me;
  token: string;
  api: ApiClient;
  /** The zone the agent's times are shown in (the browser's unless changed). */
  timeZone: string;
  setTimeZone: (zone: string) => void;
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export const isSupervisor = (me: Me): boolean => me.role === 'supervisor' || me.role === 'admin';
