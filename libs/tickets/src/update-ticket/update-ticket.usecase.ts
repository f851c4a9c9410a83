import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Optional,
  UnprocessableEntityException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource, EntityManager } from 'typeorm';
import { TicketAccess } from '../access/ticket-access';
import { CUSTOMER_ACCOUNT_RESOLVER, CustomerAccountResolver } from '../billing/billing-ports';
import { assertActiveAgent, assertTeamExists } from '../access/ticket-references';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { EventActor, TicketEventType } from '../event-log/ticket-event-type';
import { InvalidStatusTransition, statusChangeEvent } from '../status/status-transition';
import { Ticket } from '../ticket.entity';
import { UpdateTicketDto } from './update-ticket.dto';

const sameSet = (a: string[], b: string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Applies a PATCH: each changed aspect is one update and one event, all in one transaction. */
@Injectable()
export class UpdateTicketUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    @Optional() @Inject(CUSTOMER_ACCOUNT_RESOLVER) private readonly accounts?: CustomerAccountResolver,
  ) {}

  async execute(ticketId: string, command: UpdateTicketDto, agent: AuthenticatedAgent): Promise<void> {
    if (Object.values(command).every((value) => value === undefined)) {
      throw new BadRequestException(
        'Nothing to change: give status, priority, category, subject, assigneeId, teamId, accountId or tags',
      );
    }
    await this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.load(manager, ticketId, agent, { lock: true });
      if (ticket.status === 'closed') {
        throw new ConflictException(`Ticket is closed; closed tickets are final (open a follow-up ticket)`);
      }
      const actor: EventActor = { kind: 'agent', id: agent.id };
      const record = (type: TicketEventType, payload: Record<string, unknown>): Promise<unknown> =>
        appendTicketEvent(manager, { ticketId, type, actor, payload });

      if (command.subject !== undefined && command.subject.trim() !== ticket.subject) {
        await this.set(manager, ticketId, 'subject', command.subject.trim());
        await record('ticket.subject_changed', { from: ticket.subject, to: command.subject.trim() });
      }
      if (command.priority !== undefined && command.priority !== ticket.priority) {
        await this.set(manager, ticketId, 'priority', command.priority);
        await record('ticket.priority_changed', { from: ticket.priority, to: command.priority });
      }
      if (command.category !== undefined && command.category !== ticket.category) {
        await this.set(manager, ticketId, 'category', command.category);
        await record('ticket.category_changed', { from: ticket.category, to: command.category });
      }
      if (command.tags !== undefined) {
        const tags = [...new Set(command.tags)];
        if (!sameSet(tags, ticket.tags)) {
          await this.set(manager, ticketId, 'tags', tags);
          await record('ticket.tags_changed', {
            added: tags.filter((tag) => !ticket.tags.includes(tag)),
            removed: ticket.tags.filter((tag) => !tags.includes(tag)),
          });
        }
      }
      if (command.teamId !== undefined && command.teamId !== ticket.teamId) {
        if (command.teamId) await assertTeamExists(manager, command.teamId, 'teamId');
        await this.set(manager, ticketId, 'team_id', command.teamId);
        await record('ticket.team_changed', { teamId: command.teamId, previousTeamId: ticket.teamId });
      }
      if (command.accountId !== undefined && command.accountId !== ticket.customerAccountId) {
        if (command.accountId && !(await this.accounts?.exists(manager, command.accountId))) {
          throw new UnprocessableEntityException({
            message: `accountId: no customer account with id ${command.accountId}`,
            details: [{ field: 'accountId', problems: ['unknown account'] }],
          });
        }
        await this.set(manager, ticketId, 'customer_account_id', command.accountId);
        await record('ticket.account_linked', {
          accountId: command.accountId,
          previousAccountId: ticket.customerAccountId,
          reason: 'manual',
        });
      }
      let assigneeId = ticket.assigneeId;
      if (command.assigneeId !== undefined && command.assigneeId !== ticket.assigneeId) {
        if (command.assigneeId) await assertActiveAgent(manager, command.assigneeId, 'assigneeId');
        assigneeId = command.assigneeId;
        await this.set(manager, ticketId, 'assignee_id', assigneeId);
        await record('ticket.assigned', { agentId: assigneeId, previousAgentId: ticket.assigneeId });
      }
      if (command.status !== undefined) {
        await this.changeStatus(manager, ticket, command.status, assigneeId, agent, record);
      }
    });
  }

  private async changeStatus(
    manager: EntityManager,
    ticket: Ticket,
    status: Ticket['status'],
    assigneeId: string | null,
    agent: AuthenticatedAgent,
    record: (type: TicketEventType, payload: Record<string, unknown>) => Promise<unknown>,
  ): Promise<void> {
    let eventType: ReturnType<typeof statusChangeEvent>;
    try {
      eventType = statusChangeEvent(ticket.status, status);
    } catch (error) {
      if (error instanceof InvalidStatusTransition) throw new ConflictException(error.message);
      throw error;
    }
    if (!eventType) return;
    // A solved ticket always has an owner: whoever solves an unassigned ticket takes it.
    if (eventType === 'ticket.solved' && assigneeId === null) {
      await this.set(manager, ticket.id, 'assignee_id', agent.id);
      await record('ticket.assigned', { agentId: agent.id, previousAgentId: null, reason: 'solved' });
    }
    await manager.query(
      `UPDATE tickets SET status = $2, updated_at = now(),
              solved_at = CASE WHEN $2 = 'solved' THEN now() WHEN $2 = 'open' THEN NULL ELSE solved_at END,
              closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
        WHERE id = $1`,
      [ticket.id, status],
    );
    await record(eventType, { from: ticket.status, to: status });
  }

  private async set(manager: EntityManager, ticketId: string, column: string, value: unknown): Promise<void> {
    await manager.query(`UPDATE tickets SET ${column} = $2, updated_at = now() WHERE id = $1`, [
      ticketId,
      value,
    ]);
  }
}
