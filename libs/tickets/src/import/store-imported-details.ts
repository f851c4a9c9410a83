import { EntityManager } from 'typeorm';
import { buildMessageBody } from '../message-body/message-body';
import { ImportedEventRow } from './event-row';
import { TicketRef } from './reproject-tickets';

/** An imported line whose event is now in the log. */
export interface AppendedEvent {
  eventId: string;
  ticket: TicketRef;
  row: ImportedEventRow;
}

/**
 * Stores the rows that go with newly appended events, one statement per table: messages (body
 * sanitised like live messages), calls, and ended work sessions (end_reason `imported`).
 */
export async function storeImportedDetails(
  manager: EntityManager,
  appended: readonly AppendedEvent[],
): Promise<void> {
  const messages = appended.flatMap(({ eventId, ticket, row }) =>
    row.message ? [{ eventId, ticketId: ticket.id, at: row.at, ...row.message }] : [],
  );
  if (messages.length > 0) {
    const bodies = messages.map((message) => buildMessageBody(message.body, 'text'));
    await manager.query(
      `INSERT INTO ticket_messages (id, ticket_id, event_id, kind, author_agent_id, body_html, body_text, created_at)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[], $5::uuid[], $6::text[], $7::text[],
                            $8::timestamptz[])`,
      [
        messages.map((m) => m.id),
        messages.map((m) => m.ticketId),
        messages.map((m) => m.eventId),
        messages.map((m) => m.kind),
        messages.map((m) => m.authorAgentId),
        bodies.map((body) => body.html),
        bodies.map((body) => body.text),
        messages.map((m) => m.at),
      ],
    );
  }

  const calls = appended.flatMap(({ eventId, ticket, row }) =>
    row.call ? [{ eventId, ticketId: ticket.id, ...row.call }] : [],
  );
  if (calls.length > 0) {
    await manager.query(
      `INSERT INTO ticket_calls (id, ticket_id, event_id, agent_id, direction, started_at, ended_at,
                                 hold_seconds, wrap_up_seconds)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::uuid[], $5::text[], $6::timestamptz[],
                            $7::timestamptz[], $8::int[], $9::int[])`,
      [
        calls.map((c) => c.id),
        calls.map((c) => c.ticketId),
        calls.map((c) => c.eventId),
        calls.map((c) => c.agentId),
        calls.map((c) => c.line.direction),
        calls.map((c) => c.line.at),
        calls.map((c) => c.line.endedAt),
        calls.map((c) => c.line.holdSeconds),
        calls.map((c) => c.line.wrapUpSeconds),
      ],
    );
  }

  const sessions = appended.flatMap(({ eventId, ticket, row }) =>
    row.work ? [{ eventId, ticketId: ticket.id, ...row.work }] : [],
  );
  if (sessions.length > 0) {
    await manager.query(
      `INSERT INTO work_sessions (id, ticket_id, agent_id, started_at, last_heartbeat_at, ended_at, end_reason,
                                  end_event_id)
       SELECT id, ticket_id, agent_id, started_at, ended_at, ended_at, 'imported', end_event_id
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::bigint[])
              AS s(id, ticket_id, agent_id, started_at, ended_at, end_event_id)`,
      [
        sessions.map((s) => s.id),
        sessions.map((s) => s.ticketId),
        sessions.map((s) => s.agentId),
        sessions.map((s) => s.line.at),
        sessions.map((s) => s.line.endedAt),
        sessions.map((s) => s.eventId),
      ],
    );
  }
}
