import { newRowId, useKeyedBatchPlans } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { CustomerAccountResolver } from '../billing/billing-ports';
import { AgentDirectory } from './agent-directory';
import { ImportedEventRow, toEventRow } from './event-row';
import { agentEmailOf, NumberedImportEvent } from './import-event';
import { ImportLineError } from './import-report';
import { markForProjection } from './deferred-projection';
import { TicketRef } from './reproject-tickets';
import { AppendedEvent, storeImportedDetails } from './store-imported-details';
import { placeholderSubject } from './ticket-projection';

export interface BatchOutcome {
  imported: number;
  duplicates: number;
  rejected: ImportLineError[];
}

interface NumberedRow {
  line: number;
  row: ImportedEventRow;
}

/**
 * Imports one batch of valid lines in the caller's transaction with set-based statements.
 * Each line is checked against the database before anything of it is written (its agent exists,
 * its id is new or a true duplicate, its ticket is not created twice), so a rejected line leaves
 * nothing behind. Then: tickets upserted by external key and locked, events appended (ids
 * another import added meanwhile are skipped), their messages, calls and work sessions stored,
 * and the touched tickets marked for the projection that ends the import.
 */
export async function importBatch(
  manager: EntityManager,
  batch: readonly NumberedImportEvent[],
  agents: AgentDirectory,
  accounts?: CustomerAccountResolver,
): Promise<BatchOutcome> {
  await useKeyedBatchPlans(manager);
  const outcome: BatchOutcome = { imported: 0, duplicates: 0, rejected: [] };
  const resolved = await resolveAccounts(manager, resolveAgents(batch, agents, outcome), accounts, outcome);
  const fresh = await skipKnownIds(manager, resolved, outcome);
  if (fresh.length === 0) return outcome;

  // Placeholders are only created for tickets that get a line: the creation check below can
  // refuse a line only when its ticket already exists or gets another ticket.created here.
  const tickets = await upsertAndLockTickets(manager, [...new Set(fresh.map(({ row }) => row.ticketKey))]);
  const toWrite = await refuseSecondCreations(manager, fresh, tickets, outcome);
  const appended = await appendEvents(manager, toWrite, tickets);
  outcome.imported = appended.length;
  outcome.duplicates += toWrite.length - appended.length;
  await storeImportedDetails(manager, appended);
  await markForProjection(manager, [...new Set(appended.map(({ ticket }) => ticket.id))]);
  return outcome;
}

/** Maps lines to log entries; a line naming an agent nobody knows is refused. */
function resolveAgents(
  batch: readonly NumberedImportEvent[],
  agents: AgentDirectory,
  outcome: BatchOutcome,
): NumberedRow[] {
  const resolved: NumberedRow[] = [];
  for (const { line, event } of batch) {
    const email = agentEmailOf(event);
    const agentId = email === undefined ? undefined : agents.idOf(email);
    if (email !== undefined && agentId === undefined) {
      outcome.rejected.push({ line, reason: `unknown agent ${JSON.stringify(email)}` });
    } else {
      resolved.push({ line, row: toEventRow(event, agentId) });
    }
  }
  return resolved;
}

/** A ticket.created naming a customer account links the ticket to it; an unknown number is refused. */
async function resolveAccounts(
  manager: EntityManager,
  entries: NumberedRow[],
  accounts: CustomerAccountResolver | undefined,
  outcome: BatchOutcome,
): Promise<NumberedRow[]> {
  const numberOf = ({ row }: NumberedRow): string | undefined =>
    row.type === 'ticket.created' && typeof row.payload.account === 'string'
      ? row.payload.account
      : undefined;
  const numbers = [
    ...new Set(entries.map(numberOf).filter((number): number is string => number !== undefined)),
  ];
  if (numbers.length === 0) return entries;
  const ids = accounts ? await accounts.byNumbers(manager, numbers) : new Map<string, string>();
  const kept: NumberedRow[] = [];
  for (const entry of entries) {
    const number = numberOf(entry);
    if (number === undefined) {
      kept.push(entry);
    } else if (ids.has(number)) {
      kept.push({
        ...entry,
        row: { ...entry.row, payload: { ...entry.row.payload, accountId: ids.get(number) } },
      });
    } else {
      outcome.rejected.push({
        line: entry.line,
        reason: `unknown customer account ${JSON.stringify(number)}`,
      });
    }
  }
  return kept;
}

/**
 * Drops lines whose id is already in the log (or earlier in the batch): a duplicate when it
 * is the same event (type and ticket), refused when the id belongs to a different event.
 */
async function skipKnownIds(
  manager: EntityManager,
  entries: readonly NumberedRow[],
  outcome: BatchOutcome,
): Promise<NumberedRow[]> {
  const known = await existingEvents(manager, entries);
  const fresh: NumberedRow[] = [];
  for (const entry of entries) {
    const { externalId, type, ticketKey } = entry.row;
    const earlier = known.get(externalId);
    if (!earlier) {
      known.set(externalId, { type, ticketKey });
      fresh.push(entry);
    } else if (earlier.type === type && earlier.ticketKey === ticketKey) {
      outcome.duplicates += 1;
    } else {
      outcome.rejected.push({
        line: entry.line,
        reason:
          `id ${JSON.stringify(externalId)} is already used by a ${earlier.type} event ` +
          `of ticket ${JSON.stringify(earlier.ticketKey)}`,
      });
    }
  }
  return fresh;
}

/** A ticket is created once: a ticket.created for a ticket that already has one is refused. */
async function refuseSecondCreations(
  manager: EntityManager,
  entries: readonly NumberedRow[],
  tickets: ReadonlyMap<string, TicketRef>,
  outcome: BatchOutcome,
): Promise<NumberedRow[]> {
  const creating = entries.filter(({ row }) => row.type === 'ticket.created');
  if (creating.length === 0) return [...entries];
  const ticketIds = [...new Set(creating.map(({ row }) => ticketOf(tickets, row).id))];
  // One ticket at a time through the ticket index (OFFSET 0 keeps the planner from turning this
  // into a join over the whole log, which it does when a bulk import has outgrown its statistics).
  const logged: { ticket_id: string; type: string; creator: string }[] = await manager.query(
    `SELECT k.ticket_id, e.type, coalesce(e.external_id, e.id::text) AS creator
       FROM unnest($1::uuid[]) AS k(ticket_id)
       CROSS JOIN LATERAL (SELECT type, external_id, id FROM ticket_events WHERE ticket_id = k.ticket_id OFFSET 0) e`,
    [ticketIds],
  );
  const rows = logged.filter((row) => row.type === 'ticket.created');
  const creators = new Map(rows.map((row) => [row.ticket_id, row.creator]));
  return entries.filter(({ line, row }) => {
    if (row.type !== 'ticket.created') return true;
    const ticketId = ticketOf(tickets, row).id;
    const creator = creators.get(ticketId);
    if (creator === undefined) {
      creators.set(ticketId, row.externalId);
      return true;
    }
    // The same event, committed by a concurrent import since the id check: appending skips it.
    if (creator === row.externalId) return true;
    outcome.rejected.push({
      line,
      reason: `ticket ${JSON.stringify(row.ticketKey)} is already created by event ${JSON.stringify(creator)}`,
    });
    return false;
  });
}

function ticketOf(tickets: ReadonlyMap<string, TicketRef>, row: ImportedEventRow): TicketRef {
  const ticket = tickets.get(row.ticketKey);
  if (!ticket) throw new Error(`ticket ${row.ticketKey} was not upserted`);
  return ticket;
}

/** Events already in the log under these ids, with what they were. */
async function existingEvents(
  manager: EntityManager,
  entries: readonly NumberedRow[],
): Promise<Map<string, { type: string; ticketKey: string }>> {
  if (entries.length === 0) return new Map();
  // One id at a time through the unique index. As `= ANY($1)` the planner, guessing that every
  // id of the batch is already logged, scanned the whole log (in parallel) once it outgrew its
  // statistics: 12 % of PostgreSQL's time on a 300k-event import.
  const rows: { external_id: string; type: string; external_key: string }[] = await manager.query(
    `SELECT k.external_id, e.type, e.external_key
       FROM unnest($1::text[]) AS k(external_id)
       CROSS JOIN LATERAL (SELECT type, (SELECT external_key FROM tickets WHERE id = ticket_id) AS external_key
                             FROM ticket_events WHERE external_id = k.external_id OFFSET 0) e`,
    [entries.map(({ row }) => row.externalId)],
  );
  return new Map(rows.map((row) => [row.external_id, { type: row.type, ticketKey: row.external_key }]));
}

/**
 * Creates a placeholder for each ticket key not seen before (its `ticket.created` fills it in
 * whenever it arrives; lists and queues leave it out until it is projected) and locks every ticket of the batch, in one pass in key order so that
 * concurrent imports cannot deadlock: the conflict branch locks an existing row without
 * rewriting it (`WHERE false`), the insert branch holds the new one. An existing ticket keeps
 * its number: the sequence is only drawn for new keys (a column default would be drawn, and
 * lost, for every existing ticket of every batch).
 */
async function upsertAndLockTickets(manager: EntityManager, keys: string[]): Promise<Map<string, TicketRef>> {
  keys.sort();
  await manager.query(
    `INSERT INTO tickets (id, number, external_key, subject, channel, placeholder)
     SELECT k.id, coalesce((SELECT number FROM tickets WHERE external_key = k.key), nextval('ticket_number_seq')),
            k.key, k.subject, 'api', true
       FROM unnest($1::text[], $2::text[], $3::uuid[]) WITH ORDINALITY AS k(key, subject, id, n)
      ORDER BY k.n
     ON CONFLICT (external_key) DO UPDATE SET external_key = EXCLUDED.external_key WHERE false`,
    [keys, keys.map(placeholderSubject), keys.map(() => newRowId())],
  );
  const rows: { id: string; external_key: string }[] = await manager.query(
    `SELECT id, external_key FROM tickets WHERE external_key = ANY($1::text[])`,
    [keys],
  );
  return new Map(rows.map((row) => [row.external_key, { id: row.id, externalKey: row.external_key }]));
}

/** Appends the events in time order; ids that another import added meanwhile are skipped. */
async function appendEvents(
  manager: EntityManager,
  entries: readonly NumberedRow[],
  tickets: ReadonlyMap<string, TicketRef>,
): Promise<AppendedEvent[]> {
  const rows = entries.map(({ row }) => row);
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.externalId < b.externalId ? -1 : 1));
  if (entries.length === 0) return [];
  const inserted: { id: string; external_id: string }[] = await manager.query(
    `INSERT INTO ticket_events (ticket_id, type, actor_kind, actor_id, at, source, external_id, payload)
     SELECT ticket_id, type, actor_kind, actor_id, at, 'import', external_id, payload::jsonb
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[], $7::text[])
            WITH ORDINALITY AS e(ticket_id, type, actor_kind, actor_id, at, external_id, payload, n)
      ORDER BY n
     ON CONFLICT (external_id) DO NOTHING
     RETURNING id, external_id`,
    [
      rows.map((row) => ticketOf(tickets, row).id),
      rows.map((row) => row.type),
      rows.map((row) => row.actor.kind),
      rows.map((row) => (row.actor.kind === 'agent' ? row.actor.id : null)),
      rows.map((row) => row.at),
      rows.map((row) => row.externalId),
      rows.map((row) => JSON.stringify(row.payload)),
    ],
  );
  const eventIds = new Map(inserted.map((event) => [event.external_id, event.id]));
  return rows.flatMap((row) => {
    const eventId = eventIds.get(row.externalId);
    return eventId ? [{ eventId, ticket: ticketOf(tickets, row), row }] : [];
  });
}
