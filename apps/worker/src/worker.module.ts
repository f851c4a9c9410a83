import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, QueueName } from '@ledgerdesk/shared';
import { TicketsModule } from '@ledgerdesk/tickets';
import { WorkSessionsProcessor } from './work-sessions/work-sessions.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.WorkSessions }),
    TicketsModule,
  ],
  providers: [WorkSessionsProcessor],
})
export class WorkerModule {}
