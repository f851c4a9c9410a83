import { Injectable } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import { formatTicketNumber, NewTicketAcknowledgement, RequestLinks } from '@ledgerdesk/tickets';
import { EntityManager } from 'typeorm';
import { queueOutboundMails, ticketToken } from '../outbound-mail';
import { acknowledgementMail } from './acknowledgement-mail';

interface AcknowledgedTicket {
  id: string;
  number: string;
  channel: string;
  requester_email: string;
}

/**
 * Tells customers who opened a ticket that it was received, and its number — what every help
 * desk sends, so a customer knows the request arrived and how to refer to it, with the link to
 * their request page (status, conversation, a form to add to it). An email ticket's
 * acknowledgement answers the customer's email (`Re: <subject> [LD-1042]`, threaded on it); a
 * contact-form ticket's says only that it was received (see acknowledgementMail). Sent as an
 * automatic message (`Auto-Submitted`), so auto-responders do not answer it, and it is no agent
 * contact: first response and FCR are untouched. At most one per ticket (a unique index).
 */
@Injectable()
export class NewTicketAcknowledgements implements NewTicketAcknowledgement {
  constructor(
    private readonly config: AppConfig,
    private readonly links: RequestLinks,
  ) {}

  async queue(manager: EntityManager, ticketIds: readonly string[]): Promise<number> {
    if (!this.config.acknowledgeNewTickets || ticketIds.length === 0) return 0;
    const tickets = await manager.query<AcknowledgedTicket[]>(
      `SELECT t.id, t.number::text AS number, t.channel, t.requester_email
         FROM tickets t
        WHERE t.id = ANY($1::uuid[]) AND position('@' in coalesce(t.requester_email, '')) > 1
        ORDER BY t.number`,
      [[...new Set(ticketIds)]],
    );
    const prefix = this.config.ticketNumberPrefix;
    const ids = await queueOutboundMails(
      manager,
      tickets.map((ticket) => {
        const token = ticketToken(prefix, ticket.number);
        const byEmail = ticket.channel === 'email';
        const mail = acknowledgementMail({
          ticketNumber: formatTicketNumber(prefix, ticket.number),
          ticketToken: token,
          requestUrl: this.links.urlFor(ticket.id),
        });
        return {
          ticketId: ticket.id,
          kind: 'acknowledgement' as const,
          to: ticket.requester_email,
          subject: byEmail ? undefined : `We have received your request ${token}`,
          bodyText: mail.text,
          bodyHtml: mail.html,
        };
      }),
    );
    return ids.length;
  }
}
