/** Payloads of the live socket protocol (README "Live socket protocol"). Instants are ISO strings. */
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

export interface TicketRef {
  ticketId: string;
  number: string;
  subject: string;
  priority: string;
  assigneeId: string | null;
  dueAt: string;
  target: 'first_response' | 'resolution';
}

export interface QueueMetrics {
  at: string;
  open: {
    total: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, number>;
    byPriority: Record<string, number>;
    byTeam: { teamId: string | null; name: string | null; count: number }[];
  };
  unassigned: number;
  oldestWaiting: {
    ticketId: string;
    number: string;
    subject: string;
    waitingSince: string;
    waitingSeconds: number;
  } | null;
  /** The lists stop at 50 each; the counts are the totals. */
  sla: { breached: TicketRef[]; dueSoon: TicketRef[]; breachedCount: number; dueSoonCount: number };
  agents: {
    agentId: string;
    name: string;
    presence: string;
    workingOn: { ticketId: string; number: string; subject: string; since: string }[];
  }[];
  today: {
    date: string;
    timezone: string;
    created: number;
    resolved: number;
    fcrRate: number | null;
    ahtSeconds: number | null;
    frtMedianSeconds: number | null;
    csatScore: number | null;
    csatResponses: number;
  };
}

export interface LiveEvents {
  'queue.counts': QueueCounts;
  'queue.metrics': QueueMetrics;
  'ticket.changed': TicketChanged;
  'ticket.event': TicketEventPush;
  'ticket.viewers': TicketViewers;
}

export type LiveEventName = keyof LiveEvents;
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
