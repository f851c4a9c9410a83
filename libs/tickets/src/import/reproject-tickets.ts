import { EntityManager } from 'typeorm';
import { LoggedEvent, ProjectedTicket, projectTicket } from './ticket-projection';

export interface TicketRef {
  id: string;
  externalKey: string;
}

interface EventRow {
  ticket_id: string;
  type: string;
  at: Date;
  actor_id: string | null;
  payload: Record<string, unknown>;
}

/**
 * Recomputes tickets from their whole interaction log: one query loads the log of every
 * ticket (one ticket at a time through the ticket index: OFFSET 0 keeps the planner from
 * joining the whole log when a bulk import has outgrown its statistics), one statement writes
 * the tickets whose state changed. Call it with the tickets locked.
 */
export async function reprojectTickets(manager: EntityManager, tickets: readonly TicketRef[]): Promise<void> {
  if (tickets.length === 0) return;
  const rows: EventRow[] = await manager.query(
    `SELECT k.ticket_id, e.type, e.at, e.actor_id, e.payload
       FROM unnest($1::uuid[]) AS k(ticket_id)
       CROSS JOIN LATERAL (SELECT type, at, actor_id, payload FROM ticket_events
                            WHERE ticket_id = k.ticket_id ORDER BY at, id OFFSET 0) e`,
    [tickets.map((ticket) => ticket.id)],
  );
  const logs = new Map<string, LoggedEvent[]>();
  for (const row of rows) {
    let log = logs.get(row.ticket_id);
    if (!log) logs.set(row.ticket_id, (log = []));
    log.push({ type: row.type, at: row.at, actorId: row.actor_id, payload: row.payload });
  }
  const projected: (ProjectedTicket & { id: string })[] = tickets.map((ticket) => ({
    id: ticket.id,
    ...projectTicket(ticket.externalKey, logs.get(ticket.id) ?? []),
  }));
  await manager.query(
    `UPDATE tickets t
        SET subject = p.subject, channel = p.channel, category = p.category, priority = p.priority,
            status = p.status, requester_email = p."requesterEmail", requester_phone = p."requesterPhone",
            requester_name = p."requesterName", assignee_id = p."assigneeId", team_id = p."teamId",
            customer_account_id = p."accountId", tags = p.tags, created_at = p."createdAt", updated_at = p."updatedAt",
            solved_at = p."solvedAt", closed_at = p."closedAt", first_responded_at = p."firstRespondedAt",
            placeholder = false
       FROM jsonb_to_recordset($1::jsonb) AS p(
              id uuid, subject text, channel text, category text, priority text, status text,
              "requesterEmail" text, "requesterPhone" text, "requesterName" text, "assigneeId" uuid,
              "teamId" uuid, "accountId" uuid, tags text[], "createdAt" timestamptz, "updatedAt" timestamptz,
              "solvedAt" timestamptz, "closedAt" timestamptz, "firstRespondedAt" timestamptz)
      WHERE t.id = p.id
        AND (t.subject, t.channel, t.category, t.priority, t.status, t.requester_email, t.requester_phone,
             t.requester_name, t.assignee_id, t.team_id, t.customer_account_id, t.tags, t.created_at,
             t.updated_at, t.solved_at, t.closed_at, t.first_responded_at, t.placeholder)
            IS DISTINCT FROM
            (p.subject, p.channel, p.category, p.priority, p.status, p."requesterEmail", p."requesterPhone",
             p."requesterName", p."assigneeId", p."teamId", p."accountId", p.tags, p."createdAt",
             p."updatedAt", p."solvedAt", p."closedAt", p."firstRespondedAt", false)`,
    [JSON.stringify(projected)],
  );
}
