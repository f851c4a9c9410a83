import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueName, RedisModule } from '@ledgerdesk/shared';
import { TicketsModule } from '@ledgerdesk/tickets';
import { MailOutboundModule } from '../outbound/mail-outbound.module';
import { SenderAuthenticator } from './authentication/sender-authenticator';
import { SenderRateLimit } from './intake/sender-rate-limit';
import { StoreInboundMailUseCase } from './intake/store-inbound-mail.usecase';
import { ProcessInboundMailUseCase } from './processing/process-inbound-mail.usecase';

/**
 * Inbound email: raw MIME stored first (the insert notifies `mail_inbound`), then filed into
 * tickets by lane (the worker's relay calls `ProcessInboundMailUseCase`).
 */
@Module({
  imports: [
    RedisModule,
    TicketsModule,
    MailOutboundModule,
    BullModule.registerQueue({ name: QueueName.MailImapPoll }),
  ],
  providers: [SenderAuthenticator, SenderRateLimit, StoreInboundMailUseCase, ProcessInboundMailUseCase],
  exports: [BullModule, SenderRateLimit, StoreInboundMailUseCase, ProcessInboundMailUseCase],
})
export class MailInboundModule {}
