import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';

/** Tickets closed per transaction. */
const BATCH = 500;

/**
 * Closes solved tickets AUTO_CLOSE_SOLVED_AFTER_DAYS after their solve (0: never); the worker
 * runs it every few minutes. Until then the customer can reopen the ticket by replying (within
 * REOPEN_WINDOW_DAYS, which the setting is never shorter than); once closed, it is final and leaves
 * the backlog. Each close is a `ticket.closed` event by the system (`reason: 'auto_close'`),
 * written with the status change in one transaction per batch; tickets another transaction is
 * changing (an agent reopening one right now) are skipped until the next run. A ticket the KPI
 * worker is only reading (`FOR KEY SHARE`) is not skipped: `FOR UPDATE` used to skip it, and a
 * ticket projected when the sweep ran stayed solved ten more minutes.
 */
@Injectable()
export class CloseSolvedTicketsUseCase {
  private readonly logger = new Logger(CloseSolvedTicketsUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Returns how many tickets it closed; `now` is for tests. */
  async execute(now: Date = new Date()): Promise<number> {
    const days = this.config.autoCloseSolvedAfterDays;
    if (days === 0) return 0;
    const solvedBefore = new Date(now.getTime() - days * 86_400_000);
    let total = 0;
    for (;;) {
      const closed = await this.dataSource.transaction(async (manager) => {
        const rows = await manager.query<{ id: string }[]>(
          `WITH due AS (
             SELECT id FROM tickets
              WHERE status = 'solved' AND solved_at <= $1
              ORDER BY solved_at, id
              LIMIT $2
                FOR NO KEY UPDATE SKIP LOCKED
           ), closed AS (
             UPDATE tickets t SET status = 'closed', closed_at = now(), updated_at = now()
               FROM due WHERE t.id = due.id
             RETURNING t.id
           )
           SELECT id FROM closed`,
          [solvedBefore, BATCH],
        );
        if (rows.length === 0) return 0;
        await manager.query(
          `INSERT INTO ticket_events (ticket_id, type, actor_kind, payload)
           SELECT id, 'ticket.closed', 'system',
                  jsonb_build_object('from', 'solved', 'to', 'closed', 'reason', 'auto_close', 'afterDays', $2::int)
             FROM unnest($1::uuid[]) AS id ORDER BY id`,
          [rows.map((row) => row.id), days],
        );
        return rows.length;
      });
      total += closed;
      if (closed < BATCH) break;
    }
    if (total > 0) this.logger.log(`Closed ${total} ticket(s) solved more than ${days} day(s) ago`);
    return total;
  }
}
