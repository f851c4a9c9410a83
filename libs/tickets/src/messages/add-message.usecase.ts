import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { TicketAccess } from '../access/ticket-access';
import { buildMessageBody } from '../message-body/message-body';
import { recordAgentContact } from '../status/record-agent-contact';
import { AddMessageDto, MessageView } from './add-message.dto';
import { insertMessage } from './insert-message';

/** An agent's public reply or internal note. A first reply takes a new ticket to open. */
@Injectable()
export class AddMessageUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
  ) {}

  async execute(ticketId: string, command: AddMessageDto, agent: AuthenticatedAgent): Promise<MessageView> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.load(manager, ticketId, agent, { lock: true });
      if (ticket.status === 'closed') {
        throw new ConflictException('Ticket is closed; closed tickets are final (open a follow-up ticket)');
      }
      const actor = { kind: 'agent' as const, id: agent.id };
      const body = buildMessageBody(command.body, command.bodyFormat ?? 'text');
      const message = await insertMessage(manager, ticketId, command.kind, body, actor);
      if (command.kind === 'reply') {
        await recordAgentContact(manager, ticketId, ticket.status, actor, 'first_reply');
      } else {
        await manager.query(`UPDATE tickets SET updated_at = now() WHERE id = $1`, [ticketId]);
      }
      return {
        id: message.id,
        eventId: message.eventId,
        kind: command.kind,
        bodyHtml: body.html,
        bodyText: body.text,
        createdAt: message.at,
      };
    });
  }
}
