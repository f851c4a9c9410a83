import { useEffect, useState } from 'react';
import { useLive, useLiveEvent } from '../live/live-context';
import type { TicketViewer } from '../live/live-types';
import type { TimelineEntry } from '../shared/api-types';

/**
 * Watches a ticket over the live socket: new timeline events, changes to the ticket and the other
 * agents viewing or replying. `mode` is this agent's own presence.
 */
export function useTicketLive(
  ticketId: string,
  mode: 'viewing' | 'replying',
  handlers: { onEvent: (event: TimelineEntry) => void; onChanged: () => void },
): TicketViewer[] {
  const live = useLive();
  const [viewers, setViewers] = useState<TicketViewer[]>([]);

  useEffect(() => {
    if (live.status !== 'live') return;
    let current = true;
    void live.watch(ticketId).then((ack) => current && ack.ok && setViewers(ack.viewers));
    return () => {
      current = false;
      live.unwatch(ticketId);
    };
    // Re-watch after a reconnect (status flips back to live), not on every pushed update.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticketId, live.status]);

  useEffect(() => {
    if (live.status === 'live') live.presence(ticketId, mode);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ticketId, mode, live.status]);

  useLiveEvent('ticket.viewers', (message) => message.ticketId === ticketId && setViewers(message.viewers));
  useLiveEvent('ticket.event', (message) => message.ticketId === ticketId && handlers.onEvent(message.event));
  useLiveEvent('ticket.changed', (message) => message.ticketId === ticketId && handlers.onChanged());
  return viewers;
}
