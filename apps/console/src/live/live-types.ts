/**
 * Payloads of the live socket protocol (docs/live-protocol.md) as the console receives them:
 * the server's messages (libs/contracts) with instants as ISO strings.
 */
import type {
  CommandAck,
  CustomerPresenceMessage,
  QueueCountsMessage,
  QueueMetricsMessage,
  SlaTicketRef,
  TicketChangedMessage,
  TicketEventMessage,
  TicketViewersMessage,
  Wire,
} from '@ledgerdesk/contracts';

export type { TicketViewer } from '@ledgerdesk/contracts';

export type QueueCounts = Wire<QueueCountsMessage>;
export type QueueViews = QueueCounts['views'];
export type TicketChanged = Wire<TicketChangedMessage>;
export type TicketEventPush = Wire<TicketEventMessage>;
export type TicketViewers = Wire<TicketViewersMessage>;
export type CustomerPresence = Wire<CustomerPresenceMessage>;
/** A ticket at SLA risk, as `queue.metrics` lists it. */
export type TicketRef = Wire<SlaTicketRef>;
export type QueueMetrics = Wire<QueueMetricsMessage>;

export interface LiveEvents {
  'queue.counts': QueueCounts;
  'queue.metrics': QueueMetrics;
  'ticket.changed': TicketChanged;
  'ticket.event': TicketEventPush;
  'ticket.viewers': TicketViewers;
  'ticket.customer': CustomerPresence;
}

export type LiveEventName = keyof LiveEvents;
export type Ack<T extends object = object> = CommandAck<T>;
