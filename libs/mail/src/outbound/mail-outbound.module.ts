import { Global, Module } from '@nestjs/common';
import { NEW_TICKET_ACKNOWLEDGEMENT, TicketsModule } from '@ledgerdesk/tickets';
import { NewTicketAcknowledgements } from './acknowledgements/new-ticket-acknowledgements';
import { DevMailboxController } from './dev-mailbox/dev-mailbox.controller';
import { OutboundMailOutbox } from './outbound-mail.outbox';
import { SendOutboundMailUseCase } from './send-outbound-mail.usecase';
import { smtpTransportProvider } from './smtp-transport';
import { TicketMailController } from './ticket-mail.controller';

/**
 * Outbound email: replies, surveys and acknowledgements are queued in `mail_messages` (by
 * trigger or `queueOutboundMail`) and sent by the worker through SMTP_URL. Global: it implements
 * the tickets domain's NEW_TICKET_ACKNOWLEDGEMENT port (the contact form's).
 */
@Global()
@Module({
  imports: [TicketsModule],
  controllers: [TicketMailController, DevMailboxController],
  providers: [
    smtpTransportProvider,
    OutboundMailOutbox,
    SendOutboundMailUseCase,
    NewTicketAcknowledgements,
    { provide: NEW_TICKET_ACKNOWLEDGEMENT, useExisting: NewTicketAcknowledgements },
  ],
  exports: [
    OutboundMailOutbox,
    SendOutboundMailUseCase,
    NewTicketAcknowledgements,
    NEW_TICKET_ACKNOWLEDGEMENT,
  ],
})
export class MailOutboundModule {}
