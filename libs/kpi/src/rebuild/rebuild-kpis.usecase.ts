import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { KpiProjector } from '../projection/kpi-projector';

export interface RebuildProgress {
  done: number;
  total: number;
}

export interface RebuildRange {
  /** Inclusive calendar days in DESK_TIMEZONE. */
  from?: string;
  to?: string;
}

/** Tickets projected per transaction. */
const BATCH = 1000;
/** Batches projected at once: two keep both of the 2 cores busy (measured in test/bench/kpi). */
const REBUILD_CONCURRENCY = 2;

/**
 * Recomputes the KPI tables from the interaction log. Without a range everything is dropped and
 * rebuilt; with one, every ticket with an event in the range is re-projected (which corrects all
 * days those tickets touch). Uses the same projector as the worker, so the tables it produces
 * are the ones the incremental path produces.
 */
@Injectable()
export class RebuildKpisUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly projector: KpiProjector,
    private readonly config: AppConfig,
  ) {}

  async execute(
    range: RebuildRange,
    onProgress?: (progress: RebuildProgress) => void,
    { batchSize = BATCH }: { batchSize?: number } = {},
  ): Promise<RebuildProgress> {
    const full = !range.from && !range.to;
    if (full) {
      await this.dataSource.query(
        `TRUNCATE kpi_agent_daily, kpi_desk_daily, kpi_contributions, kpi_ticket_facts`,
      );
    }
    const params = [range.from ?? '0001-01-01', range.to ?? '9999-12-31', this.config.deskTimeZone];
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      full
        ? `SELECT count(*)::int AS total FROM tickets`
        : `SELECT count(DISTINCT ticket_id)::int AS total FROM ticket_events
            WHERE at >= ($1::date::timestamp AT TIME ZONE $3) AND at < (($2::date + 1)::timestamp AT TIME ZONE $3)`,
      full ? [] : params,
    );
    let done = 0;
    // A full rebuild goes by ticket number (immutable, drawn in creation order), so a batch holds
    // tickets of the same few days: it moves far fewer daily rows than a batch of random ids
    // (half the time in the daily tables on 1M events). A ranged one goes by id.
    let after = full ? '0' : '00000000-0000-0000-0000-000000000000';
    onProgress?.({ done, total });
    // Batches in flight: one computes in this process while the other writes in PostgreSQL. They
    // may touch the same daily rows; the projector writes its deltas in key order (as the
    // worker's concurrent jobs do), so one waits for the other and neither deadlocks.
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | undefined;
    for (;;) {
      const rows = await this.dataSource.query<{ id: string; after: string }[]>(
        full
          ? `SELECT id, number::text AS after FROM tickets WHERE number > $1 ORDER BY number LIMIT ${batchSize}`
          : `SELECT DISTINCT ticket_id AS id, ticket_id::text AS after FROM ticket_events
              WHERE ticket_id > $1
                AND at >= ($2::date::timestamp AT TIME ZONE $4) AND at < (($3::date + 1)::timestamp AT TIME ZONE $4)
              ORDER BY ticket_id LIMIT ${batchSize}`,
        full ? [after] : [after, ...params],
      );
      if (rows.length === 0) break;
      after = rows[rows.length - 1].after;
      const ids = rows.map((row) => row.id);
      const batch = this.rebuildBatch(ids, full).then(
        () => {
          done += ids.length;
          onProgress?.({ done, total: Math.max(total, done) });
        },
        (error: unknown) => {
          failure ??= { error };
        },
      );
      inFlight.add(batch);
      void batch.finally(() => inFlight.delete(batch));
      if (inFlight.size >= REBUILD_CONCURRENCY) await Promise.race(inFlight);
      if (failure) break;
    }
    await Promise.all(inFlight);
    if (failure) throw failure.error;
    return { done, total: Math.max(total, done) };
  }

  /** Projects one batch of tickets in its own transaction and clears the marks it reflects. */
  private async rebuildBatch(ids: string[], full: boolean): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Marks read before projecting are reflected by it; a mark made meanwhile stays.
      const pending = await manager.query<{ ticket_id: string; version: string }[]>(
        `SELECT ticket_id, version FROM kpi_pending WHERE ticket_id = ANY($1::uuid[])`,
        [ids],
      );
      await this.projector.project(manager, ids, { markNeighbours: !full });
      await manager.query(
        `DELETE FROM kpi_pending p USING unnest($1::uuid[], $2::bigint[]) AS c(ticket_id, version)
          WHERE p.ticket_id = c.ticket_id AND p.version = c.version`,
        [pending.map((row) => row.ticket_id), pending.map((row) => row.version)],
      );
    });
  }
}
