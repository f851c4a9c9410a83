import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { endWorkSessions } from './end-work-sessions';

const BATCH = 1000;

/** Ends every work session whose heartbeats stopped; run periodically by the worker. */
@Injectable()
export class EndIdleWorkSessionsUseCase {
  private readonly logger = new Logger(EndIdleWorkSessionsUseCase.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async execute(): Promise<number> {
    let total = 0;
    for (;;) {
      const ended = await this.dataSource.transaction((manager) =>
        endWorkSessions(manager, this.config.workSessionIdleSeconds, { staleOnly: true, limit: BATCH }),
      );
      total += ended.length;
      if (ended.length < BATCH) break;
    }
    if (total > 0) this.logger.log(`Ended ${total} idle work session(s)`);
    return total;
  }
}
