import { Module } from '@nestjs/common';
import { HistoryImportController } from './history-import.controller';
import { ImportHistoryUseCase } from './import-history.usecase';

/** Importing another desk's history: `POST /api/import` and the use case the CLI runs. */
@Module({
  controllers: [HistoryImportController],
  providers: [ImportHistoryUseCase],
  exports: [ImportHistoryUseCase],
})
export class HistoryImportModule {}
