/**
 * What a projection reads, each a single statement over the batch's tickets.
 */
import { EntityManager } from 'typeorm';
import { Contribution, LogEvent, SiblingTicket, TicketBasics } from '../definitions/ticket-kpi-facts';

export interface StoredContribution extends Contribution {
  ticketId: string;
}

export interface PreviousFacts {
  accountId: string | null;
  category: string;
  createdAt: Date;
}

export async function loadTicketBasics(manager: EntityManager, ids: string[]): Promise<TicketBasics[]> {
  const rows = await manager.query<
    {
      id: string;
      channel: string;
      category: string;
      customer_account_id: string | null;
      created_at: Date;
      first_response_due_at: Date | null;
      resolution_due_at: Date | null;
    }[]
  >(
    `SELECT id, channel, category, customer_account_id, created_at, first_response_due_at, resolution_due_at
       FROM tickets WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map((row) => ({
    ticketId: row.id,
    channel: row.channel,
    category: row.category,
    accountId: row.customer_account_id,
    createdAt: row.created_at,
    firstResponseDueAt: row.first_response_due_at,
    resolutionDueAt: row.resolution_due_at,
  }));
}

export async function loadTicketLogs(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, LogEvent[]>> {
  // Only the events the definitions read; message payloads are small (bodies live elsewhere).
  // One ticket at a time through the ticket index: the OFFSET 0 fence keeps the type filter
  // out of the scan, which a planner working from stale statistics (a bulk import outgrows
  // them) otherwise answers with a bitmap over the whole type index (2.6x slower on 1M events).
  const rows = await manager.query<
    {
      id: string;
      ticket_id: string;
      type: string;
      at: Date;
      actor_kind: string;
      actor_id: string | null;
      payload: Record<string, unknown>;
    }[]
  >(
    `SELECT e.id, k.ticket_id, e.type, e.at, e.actor_kind, e.actor_id, e.payload
       FROM unnest($1::uuid[]) AS k(ticket_id)
       CROSS JOIN LATERAL (SELECT id, type, at, actor_kind, actor_id, payload FROM ticket_events
                            WHERE ticket_id = k.ticket_id OFFSET 0) e
      WHERE e.type IN ('ticket.created', 'ticket.assigned', 'ticket.solved', 'ticket.reopened', 'message', 'call', 'work', 'csat', 'csat.sent')`,
    [ids],
  );
  const byTicket = new Map<string, LogEvent[]>();
  for (const row of rows) {
    const list = byTicket.get(row.ticket_id) ?? [];
    list.push({
      id: String(row.id),
      type: row.type,
      at: row.at,
      actorKind: row.actor_kind,
      actorId: row.actor_id,
      payload: row.payload,
    });
    byTicket.set(row.ticket_id, list);
  }
  return byTicket;
}

export async function loadPreviousFacts(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, PreviousFacts>> {
  const rows = await manager.query<
    { ticket_id: string; account_id: string | null; category: string; created_at: Date }[]
  >(
    `SELECT ticket_id, account_id, category, created_at FROM kpi_ticket_facts WHERE ticket_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((row) => [
      row.ticket_id,
      { accountId: row.account_id, category: row.category, createdAt: row.created_at },
    ]),
  );
}

export async function loadStoredContributions(
  manager: EntityManager,
  ids: string[],
): Promise<StoredContribution[]> {
  const rows = await manager.query<
    {
      ticket_id: string;
      kind: Contribution['kind'];
      event_id: string;
      agent_id: string | null;
      day: string;
      dimension: string;
      amount: string;
    }[]
  >(
    `SELECT k.ticket_id, c.kind, c.event_id, c.agent_id, to_char(c.day, 'YYYY-MM-DD') AS day, c.dimension, c.amount
       FROM unnest($1::uuid[]) AS k(ticket_id)
       CROSS JOIN LATERAL (SELECT kind, event_id, agent_id, day, dimension, amount
                             FROM kpi_contributions WHERE ticket_id = k.ticket_id OFFSET 0) c`,
    [ids],
  );
  return rows.map((row) => ({
    ticketId: row.ticket_id,
    kind: row.kind,
    eventId: String(row.event_id),
    agentId: row.agent_id,
    day: row.day,
    dimension: row.dimension,
    amount: Number(row.amount),
  }));
}

/** Other tickets of the same account and category: the candidates for a repeat contact. */
export async function loadSiblings(
  manager: EntityManager,
  tickets: TicketBasics[],
): Promise<Map<string, SiblingTicket[]>> {
  const linked = tickets.filter((ticket) => ticket.accountId);
  const siblings = new Map<string, SiblingTicket[]>();
  if (linked.length === 0) return siblings;
  const rows = await manager.query<
    { id: string; customer_account_id: string; category: string; created_at: Date }[]
  >(
    `SELECT t.id, t.customer_account_id, t.category, t.created_at
       FROM tickets t
       JOIN unnest($1::uuid[], $2::text[]) AS k(account_id, category)
         ON t.customer_account_id = k.account_id AND t.category = k.category
      WHERE t.created_at > $3`,
    [
      linked.map((ticket) => ticket.accountId),
      linked.map((ticket) => ticket.category),
      new Date(Math.min(...linked.map((ticket) => ticket.createdAt.getTime()))),
    ],
  );
  for (const row of rows) {
    const key = `${row.customer_account_id}|${row.category}`;
    const list = siblings.get(key) ?? [];
    list.push({ ticketId: row.id, createdAt: row.created_at });
    siblings.set(key, list);
  }
  return siblings;
}
