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
  /** Replaces the profile with the server's newer answer (e.g. after a presence change). */
  updateMe: (me: Me) => void;
  /** Sign out by choice: the agent's work sessions end, it goes offline, then to the login page. */
  signOut: () => Promise<void>;
  /** The session is over (401, refused socket): back to the login page. */
  logout: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

export const isSupervisor = (me: Me): boolean => me.role === 'supervisor' || me.role === 'admin';
