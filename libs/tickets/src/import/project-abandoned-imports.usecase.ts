import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { projectMarkedTickets } from './deferred-projection';

/**
 * A projection mark this old belongs to an import that died (a running one projects its tickets
 * within seconds of their last line, or at its end). Sweeping a live import's mark anyway only
 * projects that ticket once more.
 */
export const ABANDONED_IMPORT_MARK_SECONDS = 15 * 60;
const CHUNK = 1000;

/**
 * Projects the tickets that an interrupted import left marked (deferred-projection.ts), so they
 * neither keep their placeholder fields nor stay out of the KPI tables until someone imports
 * again. Run by the worker every minute.
 */
@Injectable()
export class ProjectAbandonedImportsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(olderThanSeconds = ABANDONED_IMPORT_MARK_SECONDS): Promise<number> {
    let projected = 0;
    for (;;) {
      const rows = await this.dataSource.query<{ id: string }[]>(
        `SELECT t.id FROM ticket_projection_pending p JOIN tickets t ON t.id = p.ticket_id
          WHERE p.marked_at < now() - make_interval(secs => $1)
          ORDER BY t.number LIMIT ${CHUNK}`,
        [olderThanSeconds],
      );
      if (rows.length === 0) return projected;
      const ids = rows.map((row) => row.id);
      const done = await this.dataSource.transaction((manager) => projectMarkedTickets(manager, { ids }));
      projected += done;
      // Marks another projection cleared meanwhile are gone by the next query; stop if none moved.
      if (done === 0 && rows.length < CHUNK) return projected;
    }
  }
}
