import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { EntityManager } from 'typeorm';
import { Ticket } from '../ticket.entity';

/** Supervisors and admins see every ticket; an agent sees its teams' tickets and its own. */
export function seesAllTickets(agent: AuthenticatedAgent): boolean {
  return agent.role !== 'agent';
}

export function canSeeTicket(
  agent: AuthenticatedAgent,
  ticket: Pick<Ticket, 'assigneeId' | 'teamId'>,
): boolean {
  return (
    seesAllTickets(agent) ||
    ticket.assigneeId === agent.id ||
    (ticket.teamId !== null && agent.teamIds.includes(ticket.teamId))
  );
}

@Injectable()
export class TicketAccess {
  /**
   * Loads a ticket the agent may see, optionally locking it for the rest of the transaction
   * so concurrent changes to the same ticket apply one after the other.
   */
  async load(
    manager: EntityManager,
    ticketId: string,
    agent: AuthenticatedAgent,
    options: { lock?: boolean } = {},
  ): Promise<Ticket> {
    const ticket = await manager.getRepository(Ticket).findOne({
      where: { id: ticketId },
      lock: options.lock ? { mode: 'pessimistic_write' } : undefined,
    });
    if (!ticket) throw new NotFoundException(`No ticket with id ${ticketId}`);
    if (!canSeeTicket(agent, ticket)) {
      throw new ForbiddenException('Agents can only work tickets of their teams or assigned to them');
    }
    return ticket;
  }
}
