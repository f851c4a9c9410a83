/**
 * The payloads of the live socket protocol (docs/live-protocol.md). Instants are ISO 8601 UTC
 * strings on the wire (socket.io serialises Dates as JSON does).
 */
import type { SenderVerdict } from './mail';

export const LIVE_EVENTS = {
  session: 'session',
  ticketChanged: 'ticket.changed',
  ticketEvent: 'ticket.event',
  ticketViewers: 'ticket.viewers',
  queueCounts: 'queue.counts',
  queueMetrics: 'queue.metrics',
} as const;

export const LIVE_COMMANDS = {
  watch: 'ticket.watch',
  unwatch: 'ticket.unwatch',
  presence: 'ticket.presence',
} as const;

export type ViewerMode = 'viewing' | 'replying';
export const VIEWER_MODES: readonly ViewerMode[] = ['viewing', 'replying'];

export interface TicketViewer {
  agentId: string;
  name: string;
  mode: ViewerMode;
  since: string;
}

export interface TicketViewersMessage {
  ticketId: string;
  viewers: TicketViewer[];
}

/** One item of `GET /api/tickets/:id/events`. */
export interface TicketEventItem {
  id: string;
  type: string;
  at: Date;
  recordedAt: Date;
  source: string;
  actor: { kind: string; id: string | null; name: string | null };
  payload: Record<string, unknown>;
  message?: {
    id: string;
    kind: string;
    bodyHtml: string;
    bodyText: string;
    /** A message that came by email: what its sender checks said (null: not checked). */
    sender?: { verdict: SenderVerdict; reason: string } | null;
  };
  call?: { id: string; notes: string | null };
}

export interface TicketEventMessage {
  ticketId: string;
  event: TicketEventItem;
}

export interface TicketChangedMessage {
  ticketId: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  category: string;
  assigneeId: string | null;
  teamId: string | null;
  updatedAt: Date;
  lastEvent: { id: string; type: string; at: Date; actor: { kind: string; id: string | null } };
}

export interface QueueCountsMessage {
  at: Date;
  views: {
    mine: number;
    unassigned: number;
    team: number;
    /** Every unsolved ticket the agent may see (supervisors and admins: the whole desk). */
    all: number;
    pending: number;
    breachingSoon: number;
  };
}

export type CommandAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };
