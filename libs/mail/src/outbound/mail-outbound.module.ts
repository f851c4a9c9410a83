import { Module } from '@nestjs/common';
import { TicketsModule } from '@ledgerdesk/tickets';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';
import { OutboundMailOutbox } from './outbound-mail.outbox';
import { SendOutboundMailUseCase } from './send-outbound-mail.usecase';
import { smtpTransportProvider } from './smtp-transport';
import { TicketMailController } from './ticket-mail.controller';

/**
 * Outbound email: replies and surveys are queued in `mail_messages` (by trigger or
 * `queueOutboundMail`) and sent by the worker through SMTP_URL.
 */
@Module({
  imports: [TicketsModule],
  controllers: [TicketMailController, DevMailboxController],
  providers: [smtpTransportProvider, OutboundMailOutbox, SendOutboundMailUseCase],
  exports: [OutboundMailOutbox, SendOutboundMailUseCase],
})
export class MailOutboundModule {}
