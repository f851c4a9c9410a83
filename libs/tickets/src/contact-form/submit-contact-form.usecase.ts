import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { OpenCustomerTicketUseCase } from '../customer-messages/customer-message.usecases';
import { inboundTeamId } from '../customer-messages/inbound-team';
import {
  NEW_TICKET_ACKNOWLEDGEMENT,
  NewTicketAcknowledgement,
} from '../customer-messages/new-ticket-acknowledgement.port';
import { buildMessageBody } from '../message-body/message-body';
import { formatTicketNumber } from '../ticket-number';
import { ContactRequest } from './contact-form';

/**
 * A customer writes in through the contact form: a `web` ticket opened by the customer
 * (`ticket.created` and the first message, in one transaction), in the `INBOUND_TEAM` queue. The
 * account is linked only through a verified contact address, as for email; an account or
 * invoice number the customer typed goes into the message for the agent to check. The customer
 * is sent an acknowledgement with the ticket number (mail domain, `ACKNOWLEDGE_NEW_TICKETS`),
 * queued in the same transaction.
 */
@Injectable()
export class SubmitContactFormUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly openTicket: OpenCustomerTicketUseCase,
    @Optional()
    @Inject(NEW_TICKET_ACKNOWLEDGEMENT)
    private readonly acknowledgement?: NewTicketAcknowledgement,
  ) {}

  /** `chat`: the web chat's first message (WebChatController), the same ticket on the `chat` channel. */
  async execute(
    request: ContactRequest,
    channel: 'web' | 'chat' = 'web',
  ): Promise<{ ticketId: string; number: string }> {
    const text = request.reference
      ? `${request.message}\n\n(Account or invoice number given on the form: ${request.reference})`
      : request.message;
    return this.dataSource.transaction(async (manager) => {
      const batch = this.openTicket.batch({ reopenWindowDays: this.config.reopenWindowDays });
      const opened = await batch.open(manager, {
        channel,
        subject: request.subject,
        body: buildMessageBody(text, 'text'),
        requester: { email: request.email, name: request.name },
        category: request.category,
        teamId: await inboundTeamId(manager, this.config.inboundTeam),
      });
      await batch.flush(manager);
      const number = batch.numberOf(opened.ticketId);
      if (number === undefined) throw new Error(`ticket ${opened.ticketId} has no number`);
      await this.acknowledgement?.queue(manager, [opened.ticketId]);
      return {
        ticketId: opened.ticketId,
        number: formatTicketNumber(this.config.ticketNumberPrefix, number),
      };
    });
  }
}
