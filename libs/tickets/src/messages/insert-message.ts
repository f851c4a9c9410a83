import { newRowId } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { EventActor } from '../event-log/ticket-event-type';
import { MessageBody } from '../message-body/message-body';
import { MessageKind } from './ticket-message.entity';

export interface StoredMessage {
  id: string;
  eventId: string;
  at: Date;
}

/** Stores a message and its `message` event together (call inside the change's transaction). */
export async function insertMessage(
  manager: EntityManager,
  ticketId: string,
  kind: MessageKind,
  body: MessageBody,
  actor: EventActor,
): Promise<StoredMessage> {
  const agentId = actor.kind === 'agent' ? actor.id : null;
  const id = newRowId();
  const event = await appendTicketEvent(manager, {
    ticketId,
    type: 'message',
    actor,
    payload: {
      messageId: id,
      author: kind === 'customer' ? 'customer' : 'agent',
      visibility: kind === 'note' ? 'internal' : 'public',
    },
  });
  await manager.query(
    `INSERT INTO ticket_messages (id, ticket_id, event_id, kind, author_agent_id, body_html, body_text, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, ticketId, event.id, kind, agentId, body.html, body.text, event.at],
  );
  return { id, eventId: event.id, at: event.at };
}
