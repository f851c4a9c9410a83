import { BillingCategory, Channel, Priority, TicketStatus } from '@ledgerdesk/contracts';

/** One entry of a ticket's interaction log, as the projection reads it. */
export interface LoggedEvent {
  type: string;
  at: Date;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** The columns of `tickets` that follow from the interaction log. */
export interface ProjectedTicket {
  subject: string;
  channel: Channel;
  category: BillingCategory;
  priority: Priority;
  status: TicketStatus;
  requesterEmail: string | null;
  requesterPhone: string | null;
  requesterName: string | null;
  assigneeId: string | null;
  teamId: string | null;
  accountId: string | null;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  solvedAt: Date | null;
  closedAt: Date | null;
  /** The earliest agent contact (a call, or an agent message that is not internal): the SLA's. */
  firstRespondedAt: Date | null;
}

export const placeholderSubject = (externalKey: string): string => `(imported ticket ${externalKey})`;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Replays a ticket's log (ordered by at, then id) into its current state, with the same rules
 * as the live use cases: the first `ticket.created` sets the ticket's fields and creation time;
 * an agent's first public reply or call takes a new ticket to open; solving an unassigned
 * ticket assigns the solver; reopening clears solved_at; closed is final. A ticket seen only
 * through other events keeps the placeholder fields it was created with.
 * Whatever order the events were imported in, the same log gives the same ticket.
 */
export function projectTicket(externalKey: string, events: readonly LoggedEvent[]): ProjectedTicket {
  if (events.length === 0) throw new Error(`ticket ${externalKey} has no events to project`);
  const ticket: ProjectedTicket = {
    subject: placeholderSubject(externalKey),
    channel: 'api',
    category: 'other',
    priority: 'normal',
    status: 'new',
    requesterEmail: null,
    requesterPhone: null,
    requesterName: null,
    assigneeId: null,
    teamId: null,
    accountId: null,
    tags: [],
    createdAt: events[0].at,
    updatedAt: events[0].at,
    solvedAt: null,
    closedAt: null,
    firstRespondedAt: null,
  };
  let created = false;

  const changeStatus = (status: TicketStatus, at: Date): void => {
    if (ticket.status === 'closed') return;
    ticket.status = status;
    if (status === 'solved') ticket.solvedAt = at;
    if (status === 'open') ticket.solvedAt = null;
    if (status === 'closed') ticket.closedAt = at;
  };

  for (const { type, at, actorId, payload } of events) {
    if (at > ticket.updatedAt) ticket.updatedAt = at;
    switch (type) {
      case 'ticket.created': {
        if (created) break;
        created = true;
        const requester = (payload.requester ?? {}) as Record<string, unknown>;
        ticket.subject = text(payload.subject) ?? ticket.subject;
        ticket.channel = (text(payload.channel) as Channel | null) ?? ticket.channel;
        ticket.category = (text(payload.category) as BillingCategory | null) ?? ticket.category;
        ticket.priority = (text(payload.priority) as Priority | null) ?? ticket.priority;
        ticket.requesterEmail = text(requester.email);
        ticket.requesterPhone = text(requester.phone);
        ticket.requesterName = text(requester.name);
        if ('teamId' in payload) ticket.teamId = text(payload.teamId);
        if ('tags' in payload) ticket.tags = strings(payload.tags);
        if ('accountId' in payload) ticket.accountId = text(payload.accountId);
        ticket.createdAt = at;
        break;
      }
      case 'ticket.account_linked':
        ticket.accountId = text(payload.accountId);
        break;
      case 'ticket.assigned':
        ticket.assigneeId = text(payload.agentId);
        break;
      case 'ticket.team_changed':
        ticket.teamId = text(payload.teamId);
        break;
      case 'ticket.subject_changed':
        ticket.subject = text(payload.to) ?? ticket.subject;
        break;
      case 'ticket.priority_changed':
        ticket.priority = (text(payload.to) as Priority | null) ?? ticket.priority;
        break;
      case 'ticket.category_changed':
        ticket.category = (text(payload.to) as BillingCategory | null) ?? ticket.category;
        break;
      case 'ticket.tags_changed': {
        const removed = strings(payload.removed);
        const kept = ticket.tags.filter((tag) => !removed.includes(tag));
        ticket.tags = [...new Set([...kept, ...strings(payload.added)])];
        break;
      }
      case 'ticket.status_changed': {
        const to = text(payload.to) as TicketStatus | null;
        if (to) changeStatus(to, at);
        break;
      }
      case 'ticket.solved':
        if (ticket.status === 'closed') break;
        ticket.assigneeId ??= text(payload.agentId) ?? actorId;
        changeStatus('solved', at);
        break;
      case 'ticket.reopened':
        changeStatus('open', at);
        break;
      case 'ticket.closed':
        changeStatus('closed', at);
        break;
      case 'message':
      case 'call': {
        const agentContact =
          type === 'call' || (payload.author === 'agent' && payload.visibility === 'public');
        if (agentContact && ticket.status === 'new') changeStatus('open', at);
        // The same rule as the live path's trigger (ticket_events_first_contact).
        const firstContact =
          type === 'call' || (payload.author === 'agent' && payload.visibility !== 'internal');
        if (firstContact && (ticket.firstRespondedAt === null || at < ticket.firstRespondedAt))
          ticket.firstRespondedAt = at;
        break;
      }
      default:
        break;
    }
  }
  return ticket;
}
