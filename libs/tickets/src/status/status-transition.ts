import { TicketStatus } from '@ledgerdesk/contracts';

export type StatusEventType = 'ticket.status_changed' | 'ticket.solved' | 'ticket.reopened' | 'ticket.closed';

export class InvalidStatusTransition extends Error {
  constructor(
    readonly from: TicketStatus,
    readonly to: TicketStatus,
    reason: string,
  ) {
    super(`Cannot change status from ${from} to ${to}: ${reason}`);
  }
}

/**
 * The ticket lifecycle. `closed` is final; leaving `solved` for `open` is a reopen; a ticket
 * never goes back to `new`; a solved ticket can only be reopened or closed.
 * Returns the event that records the change, or `undefined` when nothing changes.
 */
export function statusChangeEvent(from: TicketStatus, to: TicketStatus): StatusEventType | undefined {
  if (from === to) return undefined;
  if (from === 'closed')
    throw new InvalidStatusTransition(from, to, 'closed tickets are final; open a follow-up ticket');
  if (to === 'new') throw new InvalidStatusTransition(from, to, 'a ticket cannot return to new');
  if (from === 'solved') {
    if (to === 'open') return 'ticket.reopened';
    if (to === 'closed') return 'ticket.closed';
    throw new InvalidStatusTransition(from, to, 'a solved ticket can only be reopened (to open) or closed');
  }
  if (to === 'solved') return 'ticket.solved';
  if (to === 'closed') return 'ticket.closed';
  return 'ticket.status_changed';
}
