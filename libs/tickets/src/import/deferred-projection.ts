import { useKeyedBatchPlans } from '@ledgerdesk/shared';
import { DataSource, EntityManager } from 'typeorm';
import { ConcurrentWrites } from './concurrent-writes';
import { reprojectTickets, TicketRef } from './reproject-tickets';

/** Tickets projected per transaction. */
export const PROJECTION_CHUNK = 1000;

/**
 * An import projects each ticket once, after its lines are in the log (migration
 * 1764094000000 tells why): a batch marks the tickets it appended to, the import's last step
 * projects every marked ticket and clears its mark, which hands the ticket to the KPI worker.
 */

/** Marks tickets for projection, in the caller's transaction (the one that appended to them). */
export async function markForProjection(manager: EntityManager, ticketIds: readonly string[]): Promise<void> {
  if (ticketIds.length === 0) return;
  await manager.query(
    `INSERT INTO ticket_projection_pending (ticket_id)
     SELECT id FROM unnest($1::uuid[]) AS id ORDER BY id
     ON CONFLICT (ticket_id) DO NOTHING`,
    [[...ticketIds].sort()],
  );
}

export interface ProjectAllMarkedOptions {
  /** Only marks at least this old (the worker's sweep of imports that died). */
  olderThanSeconds?: number;
  /** Transactions at a time. */
  concurrency?: number;
  /** After each transaction: tickets taken so far, of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Projects every marked ticket — an import's own and any an earlier, interrupted import left —
 * in creation order (the KPI worker then receives tickets of the same few days together),
 * PROJECTION_CHUNK per transaction. Returns how many it projected.
 */
export async function projectAllMarked(
  dataSource: DataSource,
  options: ProjectAllMarkedOptions = {},
): Promise<number> {
  const rows: { id: string }[] = await dataSource.query(
    `SELECT t.id FROM ticket_projection_pending p JOIN tickets t ON t.id = p.ticket_id
      WHERE p.marked_at <= now() - make_interval(secs => $1)
      ORDER BY t.number`,
    [options.olderThanSeconds ?? 0],
  );
  const marked = rows.map((row) => row.id);
  let done = 0;
  let projected = 0;
  options.onProgress?.(done, marked.length);
  const writes = new ConcurrentWrites(options.concurrency ?? 1);
  try {
    for (let start = 0; start < marked.length; start += PROJECTION_CHUNK) {
      const chunk = marked.slice(start, start + PROJECTION_CHUNK);
      await writes.start(async () => {
        projected += await dataSource.transaction((manager) => projectMarkedTickets(manager, { ids: chunk }));
        done += chunk.length;
        options.onProgress?.(done, marked.length);
      });
    }
  } finally {
    // Never leave a transaction running behind the caller's back.
    await writes.settle().catch(() => undefined);
  }
  await writes.settle();
  return projected;
}

/**
 * Projects those of these tickets that are still marked and clears their marks, in the caller's
 * transaction. The tickets are locked first, in the order the import locks them (external key,
 * code point order), so a batch appending to one of them meanwhile waits for the projection and
 * marks it again; a ticket another import's pass projected meanwhile is skipped.
 */
export async function projectMarkedTickets(
  manager: EntityManager,
  tickets: { ids: readonly string[] } | { keys: readonly string[] },
): Promise<number> {
  const byId = 'ids' in tickets;
  const wanted = byId ? tickets.ids : tickets.keys;
  if (wanted.length === 0) return 0;
  await useKeyedBatchPlans(manager);
  const locked: { id: string; external_key: string | null }[] = await manager.query(
    `SELECT id, external_key FROM tickets WHERE ${byId ? 'id = ANY($1::uuid[])' : 'external_key = ANY($1::text[])'}
      ORDER BY external_key COLLATE "C" NULLS LAST, id FOR UPDATE`,
    [wanted],
  );
  if (locked.length === 0) return 0;
  const cleared: { ticket_id: string }[] = await manager.query(
    // Through a CTE: TypeORM answers a bare DELETE … RETURNING with [rows, count].
    `WITH cleared AS (DELETE FROM ticket_projection_pending WHERE ticket_id = ANY($1::uuid[]) RETURNING ticket_id)
     SELECT ticket_id FROM cleared`,
    [locked.map((row) => row.id)],
  );
  const marked = new Set(cleared.map((row) => row.ticket_id));
  const refs: TicketRef[] = locked
    .filter((row) => marked.has(row.id))
    .map((row) => ({ id: row.id, externalKey: row.external_key ?? row.id }));
  await reprojectTickets(manager, refs);
  return refs.length;
}
