import { EntityManager } from 'typeorm';
import { EventActor, TicketEventType } from './ticket-event-type';

export interface NewTicketEvent {
  ticketId: string;
  type: TicketEventType;
  actor: EventActor;
  /** When it happened; omit for live events so the database clock stamps them. */
  at?: Date;
  payload?: Record<string, unknown>;
}

export interface AppendedTicketEvent {
  id: string;
  at: Date;
}

/**
 * The only way live code writes to the interaction log. Call it inside the transaction that
 * makes the change it records, so the change and its event commit or fail together.
 */
export async function appendTicketEvent(
  manager: EntityManager,
  event: NewTicketEvent,
): Promise<AppendedTicketEvent> {
  const rows: { id: string; at: Date }[] = await manager.query(
    `INSERT INTO ticket_events (ticket_id, type, actor_kind, actor_id, at, payload)
     VALUES ($1, $2, $3, $4, coalesce($5::timestamptz, now()), $6)
     RETURNING id, at`,
    [
      event.ticketId,
      event.type,
      event.actor.kind,
      event.actor.kind === 'agent' ? event.actor.id : null,
      event.at ?? null,
      event.payload ?? {},
    ],
  );
  return rows[0];
}
