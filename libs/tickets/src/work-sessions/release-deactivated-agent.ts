import { Injectable, OnModuleInit } from '@nestjs/common';
import { AgentDeactivationSteps } from '@ledgerdesk/agents';
import { AppConfig } from '@ledgerdesk/shared';
import { EntityManager } from 'typeorm';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { endWorkSessions } from './end-work-sessions';

/**
 * When an agent is deactivated, in the same transaction: their open work sessions end, and their
 * open tickets (not solved or closed) become unassigned — each with a `ticket.assigned` event
 * (`agentId` null, `previousAgentId` them) by the admin who deactivated them, so the timeline,
 * the Unassigned view and the live queue show it. Solved tickets keep their solver.
 */
@Injectable()
export class ReleaseDeactivatedAgent implements OnModuleInit {
  constructor(
    private readonly steps: AgentDeactivationSteps,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.steps.register((manager, deactivated) => this.release(manager, deactivated));
  }

  async release(
    manager: EntityManager,
    { agentId, actorId }: { agentId: string; actorId: string },
  ): Promise<void> {
    // The tickets first, in id order, as every ticket change locks them: a heartbeat on one of
    // them waits for this transaction, and no session row is skipped as locked.
    const locked = await manager.query<{ id: string; assigned: boolean }[]>(
      `SELECT id, assignee_id = $1 AND status NOT IN ('solved', 'closed') AS assigned
         FROM tickets
        WHERE (assignee_id = $1 AND status NOT IN ('solved', 'closed'))
           OR id IN (SELECT ticket_id FROM work_sessions WHERE agent_id = $1 AND ended_at IS NULL)
        ORDER BY id FOR UPDATE`,
      [agentId],
    );
    for (const { id: ticketId } of locked) {
      await endWorkSessions(manager, this.config.workSessionIdleSeconds, { agentId, ticketId });
    }
    for (const { id: ticketId } of locked.filter((ticket) => ticket.assigned)) {
      await manager.query(`UPDATE tickets SET assignee_id = NULL, updated_at = now() WHERE id = $1`, [
        ticketId,
      ]);
      await appendTicketEvent(manager, {
        ticketId,
        type: 'ticket.assigned',
        actor: { kind: 'agent', id: actorId },
        payload: { agentId: null, previousAgentId: agentId, reason: 'deactivated' },
      });
    }
  }
}
