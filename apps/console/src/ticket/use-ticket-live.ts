import { useEffect, useState } from 'react';
import { useLive, useLiveEvent } from '../live/live-context';
import type { TicketViewer } from '../live/live-types';
import type { TimelineEntry } from '../shared/api-types';

export interface TicketPresence {
  /** Agents watching the ticket (this one included), and whether they are writing a reply. */
  viewers: TicketViewer[];
  /** Whether the customer has the ticket's web chat open now. */
  customerInChat: boolean;
}

/**
 * Watches a ticket over the live socket: new timeline events, changes to the ticket, the other
 * agents viewing or replying and the customer's presence in its chat. `mode` is this agent's own
 * presence (the customer's chat shows "is writing" while it is `replying`).
 */
export function useTicketLive(
  ticketId: string,
  mode: 'viewing' | 'replying',
  handlers: { onEvent: (event: TimelineEntry) => void; onChanged: () => void },
): TicketPresence {
  const live = useLive();
  const [viewers, setViewers] = useState<TicketViewer[]>([]);
  const [customerInChat, setCustomerInChat] = useState(false);

  useEffect(() => {
    if (live.status !== 'live') return;
    let current = true;
    void live.watch(ticketId).then((ack) => {
      if (!current || !ack.ok) return;
      setViewers(ack.viewers);
      setCustomerInChat(ack.customerInChat);
    });
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
  useLiveEvent(
    'ticket.customer',
    (message) => message.ticketId === ticketId && setCustomerInChat(message.inChat),
  );
  return { viewers, customerInChat };
}
