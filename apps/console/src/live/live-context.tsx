import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useSession } from '../auth/session';
import { applySignInPresence } from '../presence/presence-choice';
import type { Me } from '../shared/api-types';
import type { Ack, LiveEventName, LiveEvents, QueueCounts, QueueMetrics, TicketViewer } from './live-types';

export type LiveStatus = 'connecting' | 'live' | 'offline';

export interface Live {
  status: LiveStatus;
  counts: QueueCounts | null;
  metrics: QueueMetrics | null;
  on<E extends LiveEventName>(event: E, handler: (payload: LiveEvents[E]) => void): () => void;
  watch(ticketId: string): Promise<Ack<{ viewers: TicketViewer[]; customerInChat: boolean }>>;
  unwatch(ticketId: string): void;
  presence(ticketId: string, mode: 'viewing' | 'replying'): void;
}

const LiveContext = createContext<Live | null>(null);

export function useLive(): Live {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive outside LiveProvider');
  return live;
}

/** Subscribes to one live event while the component is mounted. */
export function useLiveEvent<E extends LiveEventName>(
  event: E,
  handler: (payload: LiveEvents[E]) => void,
): void {
  const live = useLive();
  const handlerRef = useRef(handler);
  handlerRef.current = handler;
  useEffect(() => live.on(event, (payload) => handlerRef.current(payload)), [live, event]);
}

const ACK_TIMEOUT_MS = 5000;

/** One socket.io connection to `/live` per signed-in tab (the same JWT as the API). */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { token, logout, api, updateMe } = useSession();
  const [socket, setSocket] = useState<Socket | null>(null);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const [metrics, setMetrics] = useState<QueueMetrics | null>(null);

  useEffect(() => {
    const connection = io('/live', { auth: { token }, transports: ['websocket'] });
    let connections = 0;
    connection.on('connect', () => {
      setStatus('live');
      // Away longer than the server's grace period (laptop asleep, network lost), the agent was
      // set offline; back online, they are again what they chose in this browser.
      if ((connections += 1) > 1) {
        api
          .get<Me>('/api/me')
          .then((me) => applySignInPresence(api, me))
          .then(updateMe, () => undefined);
      }
    });
    connection.on('disconnect', (reason: string) => {
      setStatus('offline');
      // The server ends a connection when the agent's rights change (or the session is revoked);
      // socket.io does not reconnect by itself then. A new connection gets the rooms the agent's
      // rights now allow, or is refused (below).
      if (reason === 'io server disconnect') connection.connect();
    });
    connection.on('connect_error', (error: Error) => {
      setStatus('offline');
      // A refused token means the session is over; anything else is retried by socket.io.
      if (/token|jwt|unauthori[sz]ed|inactive|deactivated/i.test(error.message)) logout();
    });
    connection.on('queue.counts', setCounts);
    connection.on('queue.metrics', setMetrics);
    setSocket(connection);
    return () => {
      connection.disconnect();
    };
    // The connection lives as long as the token; api and updateMe are stable for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token, logout]);

  const live = useMemo<Live>(
    () => ({
      status,
      counts,
      metrics,
      on(event, handler) {
        if (!socket) return () => undefined;
        const name: string = event;
        const listener = handler as (payload: unknown) => void;
        socket.on(name, listener);
        return () => {
          socket.off(name, listener);
        };
      },
      async watch(ticketId) {
        if (!socket) return { ok: false, error: 'not connected' };
        try {
          return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('ticket.watch', { ticketId })) as Ack<{
            viewers: TicketViewer[];
            customerInChat: boolean;
          }>;
        } catch {
          return { ok: false, error: 'no answer from the live server' };
        }
      },
      unwatch(ticketId) {
        socket?.emit('ticket.unwatch', { ticketId }, () => undefined);
      },
      presence(ticketId, mode) {
        socket?.emit('ticket.presence', { ticketId, mode }, () => undefined);
      },
    }),
    [socket, status, counts, metrics],
  );

  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}
