import { Module } from '@nestjs/common';
import { HistoryImportController } from './history-import.controller';
import { ImportHistoryUseCase } from './import-history.usecase';
import { ProjectAbandonedImportsUseCase } from './project-abandoned-imports.usecase';

/**
 * Importing another desk's history: `POST /api/import`, the use case the CLI runs, and the sweep
 * the worker runs for imports that died before projecting their tickets.
 */
@Module({
  controllers: [HistoryImportController],
  providers: [ImportHistoryUseCase, ProjectAbandonedImportsUseCase],
  exports: [ImportHistoryUseCase, ProjectAbandonedImportsUseCase],
})
export class HistoryImportModule {}
