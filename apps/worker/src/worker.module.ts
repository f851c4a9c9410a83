import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConfigModule, DatabaseModule, LoggingModule, QueueModule, QueueName } from '@ledgerdesk/shared';
import { CustomerAccountsModule } from '@ledgerdesk/customer-accounts';
import { KpiModule } from '@ledgerdesk/kpi';
import { MailInboundModule } from '@ledgerdesk/mail';
import { HistoryImportModule, TicketsModule } from '@ledgerdesk/tickets';
import { KpiOutboxRelay } from './kpi/kpi-outbox.relay';
import { KpiRecomputeProcessor } from './kpi/kpi-recompute.processor';
import { CsatModule } from '@ledgerdesk/csat';
import { MailOutboundModule } from '@ledgerdesk/mail';
import { CsatSurveyProcessor } from './mail-outbound/csat-survey.processor';
import { CsatSurveyRelay } from './mail-outbound/csat-survey.relay';
import { MailOutboundProcessor } from './mail-outbound/mail-outbound.processor';
import { MailOutboxRelay } from './mail-outbound/mail-outbox.relay';
import { ImapPollProcessor } from './mail-inbound/imap-poll.processor';
import { InboundSmtpListener } from './mail-inbound/inbound-smtp.listener';
import { MailInboundRelay } from './mail-inbound/mail-inbound.relay';
import { WorkSessionsProcessor } from './work-sessions/work-sessions.processor';
import { CloseSolvedTicketsProcessor } from './ticket-lifecycle/close-solved-tickets.processor';
import { AbandonedImportsProcessor } from './import-projections/abandoned-imports.processor';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    QueueModule,
    BullModule.registerQueue({ name: QueueName.WorkSessions }),
    BullModule.registerQueue({ name: QueueName.TicketLifecycle }),
    BullModule.registerQueue({ name: QueueName.ImportProjections }),
    BullModule.registerQueue({
      name: QueueName.KpiRecompute,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 250 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    }),
    BullModule.registerQueue({
      name: QueueName.MailOutbound,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    }),
    BullModule.registerQueue({
      name: QueueName.CsatSurvey,
      defaultJobOptions: {
        attempts: 6,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: 1000,
        removeOnFail: 5000,
      },
    }),
    MailOutboundModule,
    CsatModule,
    KpiModule,
    TicketsModule,
    HistoryImportModule,
    CustomerAccountsModule,
    MailInboundModule,
  ],
  providers: [
    WorkSessionsProcessor,
    CloseSolvedTicketsProcessor,
    AbandonedImportsProcessor,
    KpiOutboxRelay,
    KpiRecomputeProcessor,
    MailOutboxRelay,
    MailOutboundProcessor,
    CsatSurveyRelay,
    CsatSurveyProcessor,
    InboundSmtpListener,
    MailInboundRelay,
    ImapPollProcessor,
  ],
})
export class WorkerModule {}
