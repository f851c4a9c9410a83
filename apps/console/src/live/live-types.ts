/** Payloads of the live socket protocol (README "Live socket protocol"). Instants are ISO strings. */
import type { QueueMetricsMessage, SlaTicketRef, Wire } from '@ledgerdesk/contracts';
import type { TimelineEntry } from '../shared/api-types';

export interface QueueViews {
  mine: number;
  unassigned: number;
  team: number;
  pending: number;
  breachingSoon?: number;
}

export interface QueueCounts {
  at: string;
  views: QueueViews;
}

export interface TicketChanged {
  ticketId: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string;
  assigneeId: string | null;
  teamId: string | null;
  updatedAt: string;
  lastEvent: { id: string; type: string; at: string; actor: { kind: string; id: string | null } };
}

export interface TicketEventPush {
  ticketId: string;
  event: TimelineEntry;
}

export interface TicketViewer {
  agentId: string;
  name: string;
  mode: 'viewing' | 'replying';
  since: string;
}

export interface TicketViewers {
  ticketId: string;
  viewers: TicketViewer[];
}

/** A ticket at SLA risk, as `queue.metrics` lists it. */
export type TicketRef = Wire<SlaTicketRef>;

export type QueueMetrics = Wire<QueueMetricsMessage>;

export interface LiveEvents {
  'queue.counts': QueueCounts;
  'queue.metrics': QueueMetrics;
  'ticket.changed': TicketChanged;
  'ticket.event': TicketEventPush;
  'ticket.viewers': TicketViewers;
}

export type LiveEventName = keyof LiveEvents;
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
