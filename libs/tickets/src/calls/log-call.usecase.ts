import { newRowId } from '@ledgerdesk/shared';
import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { DataSource } from 'typeorm';
import { TicketAccess } from '../access/ticket-access';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { recordAgentContact } from '../status/record-agent-contact';
import { CallView, LogCallDto } from './log-call.dto';

const CLOCK_SKEW_MS = 60_000;
const MAX_CALL_MS = 12 * 60 * 60 * 1000;

function invalid(field: string, problem: string): UnprocessableEntityException {
  return new UnprocessableEntityException({
    message: `${field} ${problem}`,
    details: [{ field, problems: [problem] }],
  });
}

/**
 * Records a finished phone call by the calling agent. The `call` event is stamped with the
 * call's start so handle time lands on the day the call happened.
 */
@Injectable()
export class LogCallUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
  ) {}

  async execute(ticketId: string, command: LogCallDto, agent: AuthenticatedAgent): Promise<CallView> {
    const startedAt = new Date(command.startedAt);
    const endedAt = new Date(command.endedAt);
    const holdSeconds = command.holdSeconds ?? 0;
    const wrapUpSeconds = command.wrapUpSeconds ?? 0;
    if (endedAt < startedAt) throw invalid('endedAt', 'must not be before startedAt');
    if (endedAt.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalid('endedAt', 'must not be in the future');
    if (endedAt.getTime() - startedAt.getTime() > MAX_CALL_MS)
      throw invalid('endedAt', 'a call cannot last more than 12 hours');
    if (holdSeconds * 1000 > endedAt.getTime() - startedAt.getTime()) {
      throw invalid('holdSeconds', 'cannot exceed the call duration (hold is part of the call)');
    }

    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.load(manager, ticketId, agent, { lock: true });
      if (ticket.status === 'closed') {
        throw new ConflictException('Ticket is closed; closed tickets are final (open a follow-up ticket)');
      }
      const actor = { kind: 'agent' as const, id: agent.id };
      const id = newRowId();
      const event = await appendTicketEvent(manager, {
        ticketId,
        type: 'call',
        actor,
        at: startedAt,
        payload: {
          callId: id,
          agentId: agent.id,
          direction: command.direction,
          endedAt: endedAt.toISOString(),
          holdSeconds,
          wrapUpSeconds,
          outcome: command.outcome ?? null,
        },
      });
      await manager.query(
        `INSERT INTO ticket_calls (id, ticket_id, event_id, agent_id, direction, started_at, ended_at,
                                   hold_seconds, wrap_up_seconds, outcome, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          id,
          ticketId,
          event.id,
          agent.id,
          command.direction,
          startedAt,
          endedAt,
          holdSeconds,
          wrapUpSeconds,
          command.outcome ?? null,
          command.notes ?? null,
        ],
      );
      await recordAgentContact(manager, ticketId, ticket.status, actor, 'first_call');
      return {
        id,
        eventId: event.id,
        agentId: agent.id,
        direction: command.direction,
        startedAt,
        endedAt,
        holdSeconds,
        wrapUpSeconds,
        outcome: command.outcome ?? null,
        notes: command.notes ?? null,
      };
    });
  }
}
