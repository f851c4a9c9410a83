import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, QueueName } from '@ledgerdesk/shared';
import { KpiModule } from '@ledgerdesk/kpi';
import { TicketsModule } from '@ledgerdesk/tickets';
import { KpiOutboxRelay } from './kpi/kpi-outbox.relay';
import { KpiRecomputeProcessor } from './kpi/kpi-recompute.processor';
import { WorkSessionsProcessor } from './work-sessions/work-sessions.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.WorkSessions }),
    BullModule.registerQueue({
      name: QueueName.KpiRecompute,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 250 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    }),
    KpiModule,
    TicketsModule,
  ],
  providers: [WorkSessionsProcessor, KpiOutboxRelay, KpiRecomputeProcessor],
})
export class WorkerModule {}
