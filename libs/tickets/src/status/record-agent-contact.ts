import { EntityManager } from 'typeorm';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { EventActor } from '../event-log/ticket-event-type';
import { TicketStatus } from '@ledgerdesk/contracts';

/** An agent's first contact (reply or call) takes a `new` ticket to `open`; any contact touches it. */
export async function recordAgentContact(
  manager: EntityManager,
  ticketId: string,
  currentStatus: TicketStatus,
  actor: EventActor,
  reason: 'first_reply' | 'first_call',
): Promise<void> {
  if (currentStatus !== 'new') {
    await manager.query(`UPDATE tickets SET updated_at = now() WHERE id = $1`, [ticketId]);
    return;
  }
  await manager.query(`UPDATE tickets SET status = 'open', updated_at = now() WHERE id = $1`, [ticketId]);
  await appendTicketEvent(manager, {
    ticketId,
    type: 'ticket.status_changed',
    actor,
    payload: { from: 'new', to: 'open', reason },
  });
}
