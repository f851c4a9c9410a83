import type { ReactNode } from 'react';
import { SessionContext, type Session } from '../auth/session';
import type { ApiClient } from './api-client';
import type { Me, Ticket } from './api-types';

/** For component tests: a signed-in session whose API is the given fake (only what a test uses). */
export function testSession(api: object, me: Partial<Me> = {}, overrides: Partial<Session> = {}): Session {
  return {
    me: { id: 'a1', email: 'ada@x', name: 'Ada', role: 'agent', presence: 'available', teams: [], ...me },
    token: 't',
    api: api as ApiClient,
    timeZone: 'UTC',
    setTimeZone: () => undefined,
    updateMe: () => undefined,
    signOut: () => Promise.resolve(),
    logout: () => undefined,
    ...overrides,
  };
}

export function WithSession({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** For component tests: an open ticket, with what a test changes. */
export const testTicket = (overrides: Partial<Ticket> = {}): Ticket => ({
  id: 't1',
  number: 'LD-1001',
  subject: 'Charged twice',
  channel: 'email',
  category: 'duplicate_charge',
  priority: 'normal',
  status: 'open',
  requester: { email: 'customer34@example.com', phone: null, name: null },
  assignee: null,
  team: null,
  accountId: null,
  tags: [],
  createdAt: '2026-11-25T09:00:00Z',
  updatedAt: '2026-11-25T09:00:00Z',
  solvedAt: null,
  closedAt: null,
  ...overrides,
});
