import { newRowId } from '@ledgerdesk/shared';
import { Inject, Injectable, Optional, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource, EntityManager } from 'typeorm';
import { CUSTOMER_ACCOUNT_RESOLVER, CustomerAccountResolver } from '../billing/billing-ports';
import { assertActiveAgent, assertTeamExists } from '../access/ticket-references';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { buildMessageBody } from '../message-body/message-body';
import { insertMessage } from '../messages/insert-message';
import { CreateTicketDto } from './create-ticket.dto';

/**
 * Opens a ticket on behalf of a customer. The body is the customer's request, stored as the
 * first customer message; the creating agent is the actor of `ticket.created`.
 */
@Injectable()
export class CreateTicketUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(command: CreateTicketDto, creator: AuthenticatedAgent): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      if (command.teamId) await assertTeamExists(manager, command.teamId, 'teamId');
      if (command.assigneeId) await assertActiveAgent(manager, command.assigneeId, 'assigneeId');
      const teamId = command.teamId ?? creator.teamIds[0] ?? null;
      // An agent must be able to see what it creates: without a team, it becomes the assignee.
      const assigneeId =
        command.assigneeId ?? (creator.role === 'agent' && teamId === null ? creator.id : null);
      const tags = [...new Set(command.tags ?? [])];
      // Normalised once, so the ticket row and its ticket.created event agree.
      const requester = {
        email: command.requester.email?.trim().toLowerCase() ?? null,
        phone: command.requester.phone?.trim() ?? null,
        name: command.requester.name?.trim() ?? null,
      };

      const accountId = await this.findAccount(manager, command.account, requester);

      const [ticket] = await manager.query<{ id: string; number: string; created_at: Date }[]>(
        `INSERT INTO tickets (subject, channel, category, priority, requester_email, requester_phone,
                              requester_name, assignee_id, team_id, tags, customer_account_id, id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         RETURNING id, number, created_at`,
        [
          command.subject.trim(),
          command.channel,
          command.category ?? 'other',
          command.priority ?? 'normal',
          requester.email,
          requester.phone,
          requester.name,
          assigneeId,
          teamId,
          tags,
          accountId,
          newRowId(),
        ],
      );

      const actor = { kind: 'agent' as const, id: creator.id };
      await appendTicketEvent(manager, {
        ticketId: ticket.id,
        type: 'ticket.created',
        actor,
        payload: {
          number: Number(ticket.number),
          channel: command.channel,
          subject: command.subject.trim(),
          category: command.category ?? 'other',
          priority: command.priority ?? 'normal',
          requester,
          teamId,
          tags,
          accountId,
        },
      });
      await insertMessage(
        manager,
        ticket.id,
        'customer',
        buildMessageBody(command.body, command.bodyFormat ?? 'text'),
        { kind: 'customer' },
      );
      if (assigneeId) {
        await appendTicketEvent(manager, {
          ticketId: ticket.id,
          type: 'ticket.assigned',
          actor,
          payload: { agentId: assigneeId, previousAgentId: null },
        });
      }
      return ticket.id;
    });
  }

  /**
   * The account named by number, else the one whose verified contact wrote in. A number that
   * matches no account is an error; an unknown requester simply leaves the ticket unlinked.
   */
  private async findAccount(
    manager: EntityManager,
    number: string | undefined,
    requester: { email: string | null; phone: string | null },
  ): Promise<string | null> {
    if (number !== undefined) {
      const accountId = this.accounts ? await this.accounts.byNumber(manager, number) : undefined;
      if (!accountId) {
        throw new UnprocessableEntityException({
          message: `account: no customer account with number ${number}`,
          details: [{ field: 'account', problems: ['unknown account number'] }],
        });
      }
      return accountId;
    }
    return (await this.accounts?.byContact(manager, requester)) ?? null;
  }
}
