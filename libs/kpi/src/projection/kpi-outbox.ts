import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { KpiProjector } from './kpi-projector';

/** A ticket whose log changed, at the outbox version that was claimed. */
export interface PendingTicket {
  ticketId: string;
  version: string;
}

/** Claims are re-offered when their job has not completed after this long (lost job, dead worker). */
const RECLAIM_AFTER_SECONDS = 120;

/**
 * The `kpi_pending` outbox. The trigger on `ticket_events` marks tickets in the transaction that
 * writes their events; the worker claims marked tickets, projects them and clears the mark —
 * only if no newer event arrived meanwhile (its version is unchanged), so nothing is ever lost.
 */
@Injectable()
export class KpiOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projector: KpiProjector,
  ) {}

  /** Takes up to `limit` tickets not yet handed to a job (or whose job went missing). */
  async claim(limit: number): Promise<PendingTicket[]> {
    const rows = await this.dataSource.query<{ ticket_id: string; version: string }[]>(
      `WITH ready AS (
         SELECT ticket_id FROM kpi_pending
          WHERE enqueued_version IS DISTINCT FROM version
             OR enqueued_at < now() - make_interval(secs => $2)
          ORDER BY marked_at
          LIMIT $1
            FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE kpi_pending p SET enqueued_version = p.version, enqueued_at = now()
           FROM ready WHERE p.ticket_id = ready.ticket_id
         RETURNING p.ticket_id, p.version
       )
       SELECT * FROM claimed`,
      [limit, RECLAIM_AFTER_SECONDS],
    );
    return rows.map((row) => ({ ticketId: row.ticket_id, version: String(row.version) }));
  }

  /** Hands claims back at once (their job could not be queued). */
  async release(claims: PendingTicket[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE kpi_pending SET enqueued_version = NULL, enqueued_at = NULL WHERE ticket_id = ANY($1::uuid[])`,
      [claims.map((claim) => claim.ticketId)],
    );
  }

  /** Projects the claimed tickets and clears the marks they were claimed at, in one transaction. */
  async process(claims: PendingTicket[]): Promise<number> {
    if (claims.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const projected = await this.projector.project(
        manager,
        claims.map((claim) => claim.ticketId),
        { markNeighbours: true },
      );
      await manager.query(
        `DELETE FROM kpi_pending p USING unnest($1::uuid[], $2::bigint[]) AS c(ticket_id, version)
          WHERE p.ticket_id = c.ticket_id AND p.version = c.version`,
        [claims.map((claim) => claim.ticketId), claims.map((claim) => claim.version)],
      );
      return projected;
    });
  }

  async backlog(): Promise<number> {
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM kpi_pending`,
    );
    return count;
  }
}
