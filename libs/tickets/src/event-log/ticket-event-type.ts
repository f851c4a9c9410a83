/**
 * Every kind of entry in the interaction log. The history-import contract uses the same names.
 * `work` and `call` are stamped with the moment the interaction *started*; their payload
 * carries `endedAt`.
 */
export const TICKET_EVENT_TYPES = [
  'ticket.created',
  'ticket.assigned',
  'ticket.team_changed',
  'ticket.status_changed',
  'ticket.solved',
  'ticket.reopened',
  'ticket.closed',
  'ticket.priority_changed',
  'ticket.category_changed',
  'ticket.subject_changed',
  'ticket.tags_changed',
  'message',
  'call',
  'work.started',
  'work',
  'csat',
  'csat.sent',
  'ticket.account_linked',
  'billing.action',
  'ticket.request_link_reset',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export type EventActor = { kind: 'agent'; id: string } | { kind: 'customer' } | { kind: 'system' };
