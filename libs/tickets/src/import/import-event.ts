import { TicketEventType } from '../event-log/ticket-event-type';
import { BillingCategory, CallDirection, Channel, Priority } from '@ledgerdesk/contracts';

/** The event types a history file may contain; they keep the interaction log's names. */
export const IMPORT_EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'message',
  'call',
  'work',
  'ticket.solved',
  'ticket.reopened',
  'ticket.closed',
  'csat',
] as const satisfies readonly TicketEventType[];
export type ImportEventType = (typeof IMPORT_EVENT_TYPES)[number];

interface ImportEventBase {
  /** The source desk's event id: the idempotency key (`ticket_events.external_id`). */
  id: string;
  /** The source desk's ticket key (`tickets.external_key`). */
  ticket: string;
  /** When it happened, normalised to UTC ISO 8601. */
  at: string;
}

export interface ImportedRequester {
  email?: string;
  phone?: string;
  name?: string;
}

export interface TicketCreatedLine extends ImportEventBase {
  type: 'ticket.created';
  channel: Channel;
  subject: string;
  category: BillingCategory;
  priority: Priority;
  requester?: ImportedRequester;
  /** A customer account number: links the ticket to that account (an unknown number is refused). */
  account?: string;
}

export interface TicketAssignedLine extends ImportEventBase {
  type: 'ticket.assigned';
  agent: string;
}

export type MessageLine = ImportEventBase & { type: 'message'; body?: string } & (
    | { author: 'customer'; visibility: 'public' }
    | { author: 'agent'; agent: string; visibility: 'public' | 'internal' }
  );

export interface CallLine extends ImportEventBase {
  type: 'call';
  agent: string;
  direction: CallDirection;
  endedAt: string;
  holdSeconds: number;
  wrapUpSeconds: number;
}

export interface WorkLine extends ImportEventBase {
  type: 'work';
  agent: string;
  endedAt: string;
}

export interface TicketSolvedLine extends ImportEventBase {
  type: 'ticket.solved';
  agent: string;
}

export interface TicketReopenedLine extends ImportEventBase {
  type: 'ticket.reopened';
}

export interface TicketClosedLine extends ImportEventBase {
  type: 'ticket.closed';
}

export interface CsatLine extends ImportEventBase {
  type: 'csat';
  rating: number;
  comment?: string;
}

/** One valid line of a history file. */
export type ImportEvent =
  | TicketCreatedLine
  | TicketAssignedLine
  | MessageLine
  | CallLine
  | WorkLine
  | TicketSolvedLine
  | TicketReopenedLine
  | TicketClosedLine
  | CsatLine;

/** The agent (by email) an event names, if its type names one. */
export function agentEmailOf(event: ImportEvent): string | undefined {
  return 'agent' in event ? event.agent : undefined;
}

/** A valid event and the line of the file it came from. */
export interface NumberedImportEvent {
  line: number;
  event: ImportEvent;
}
