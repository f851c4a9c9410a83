import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { TicketAccess } from '../access/ticket-access';
import { appendTicketEvent } from '../event-log/append-ticket-event';

/**
 * Stops every request-page link of a ticket sent so far (a forwarded or leaked email): logs a
 * `ticket.request_link_reset`, which the request page checks a link's age against. Emails sent
 * afterwards carry a new link. Any agent who may work the ticket may do it; the log says who.
 */
@Injectable()
export class ResetRequestLinksUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
  ) {}

  execute(ticketId: string, agent: AuthenticatedAgent): Promise<{ resetAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.load(manager, ticketId, agent, { lock: true });
      const event = await appendTicketEvent(manager, {
        ticketId,
        type: 'ticket.request_link_reset',
        actor: { kind: 'agent', id: agent.id },
        payload: {},
      });
      return { resetAt: event.at };
    });
  }
}
