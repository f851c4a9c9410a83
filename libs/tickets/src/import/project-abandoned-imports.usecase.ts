import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { projectAllMarked } from './deferred-projection';

/**
 * A projection mark this old belongs to an import that died (a running one projects its tickets
 * within seconds of their last line, or at its end). Sweeping a live import's mark anyway only
 * projects that ticket once more.
 */
export const ABANDONED_IMPORT_MARK_SECONDS = 15 * 60;

/**
 * Projects the tickets that an interrupted import left marked (deferred-projection.ts), so they
 * neither keep their placeholder fields nor stay out of the KPI tables until someone imports
 * again. Run by the worker every minute.
 */
@Injectable()
export class ProjectAbandonedImportsUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute(olderThanSeconds = ABANDONED_IMPORT_MARK_SECONDS): Promise<number> {
    return projectAllMarked(this.dataSource, { olderThanSeconds });
  }
}
