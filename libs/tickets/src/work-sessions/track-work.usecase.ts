import { ConflictException, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { AppConfig, newRowId } from '@ledgerdesk/shared';
import { DataSource, EntityManager } from 'typeorm';
import { TicketAccess } from '../access/ticket-access';
import { appendTicketEvent } from '../event-log/append-ticket-event';
import { endWorkSessions } from './end-work-sessions';

export class WorkSessionView {
  @ApiProperty() id!: string;
  @ApiProperty() ticketId!: string;
  @ApiProperty() startedAt!: Date;
  @ApiProperty() lastHeartbeatAt!: Date;
  @ApiPropertyOptional({ nullable: true }) endedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, enum: ['stopped', 'idle'] }) endReason!: string | null;
}

interface SessionRow {
  id: string;
  ticket_id: string;
  started_at: Date;
  last_heartbeat_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

const toView = (row: SessionRow): WorkSessionView => ({
  id: row.id,
  ticketId: row.ticket_id,
  startedAt: row.started_at,
  lastHeartbeatAt: row.last_heartbeat_at,
  endedAt: row.ended_at,
  endReason: row.end_reason,
});

/**
 * Handling time from the console: `beat` starts a work session or keeps it alive; `stop` ends it.
 * A session without a heartbeat for WORK_SESSION_IDLE_SECONDS ends at its last heartbeat,
 * either here when the agent comes back or in the worker's sweep.
 */
@Injectable()
export class TrackWorkUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: TicketAccess,
    private readonly config: AppConfig,
  ) {}

  async beat(ticketId: string, agent: AuthenticatedAgent): Promise<WorkSessionView> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const ticket = await this.access.load(manager, ticketId, agent, { lock: true });
      if (ticket.status === 'closed') {
        // Closed is final: no handling time accrues on it. A session still open from before the
        // close ends now, and that is committed even though the heartbeat is refused.
        await endWorkSessions(manager, this.config.workSessionIdleSeconds, { agentId: agent.id, ticketId });
        return 'closed' as const;
      }
      const [alive] = await manager.query<[SessionRow[], number]>(
        `UPDATE work_sessions SET last_heartbeat_at = now()
          WHERE agent_id = $1 AND ticket_id = $2 AND ended_at IS NULL
            AND last_heartbeat_at >= now() - make_interval(secs => $3)
        RETURNING *`,
        [agent.id, ticketId, this.config.workSessionIdleSeconds],
      );
      if (alive[0]) return toView(alive[0]);

      await endWorkSessions(manager, this.config.workSessionIdleSeconds, { agentId: agent.id, ticketId });
      const [session] = await manager.query<SessionRow[]>(
        `INSERT INTO work_sessions (id, ticket_id, agent_id, started_at, last_heartbeat_at)
         VALUES ($1, $2, $3, now(), now()) RETURNING *`,
        [newRowId(), ticketId, agent.id],
      );
      await appendTicketEvent(manager, {
        ticketId,
        type: 'work.started',
        actor: { kind: 'agent', id: agent.id },
        payload: { sessionId: session.id, agentId: agent.id },
      });
      return toView(session);
    });
    if (outcome === 'closed') {
      throw new ConflictException(`Ticket ${ticketId} is closed: it takes no more handling time`);
    }
    return outcome;
  }

  async stop(ticketId: string, agent: AuthenticatedAgent): Promise<WorkSessionView | null> {
    return this.dataSource.transaction(async (manager) => {
      // Locked like `beat`: otherwise a heartbeat in flight holds the session row and the
      // SKIP LOCKED below would miss it, leaving the session open.
      await this.access.load(manager, ticketId, agent, { lock: true });
      return this.endOpenSession(manager, ticketId, agent);
    });
  }

  /**
   * Ends every session the agent has open, on whatever ticket (signing out), one ticket per
   * transaction. No access check: an agent may always end its own session, even on a ticket
   * it can no longer see.
   */
  async stopAll(agent: AuthenticatedAgent): Promise<WorkSessionView[]> {
    const open = await this.dataSource.query<{ ticket_id: string }[]>(
      `SELECT ticket_id FROM work_sessions WHERE agent_id = $1 AND ended_at IS NULL ORDER BY ticket_id`,
      [agent.id],
    );
    const ended: WorkSessionView[] = [];
    for (const { ticket_id: ticketId } of open) {
      const session = await this.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE`, [ticketId]);
        return this.endOpenSession(manager, ticketId, agent);
      });
      if (session) ended.push(session);
    }
    return ended;
  }

  private async endOpenSession(
    manager: EntityManager,
    ticketId: string,
    agent: AuthenticatedAgent,
  ): Promise<WorkSessionView | null> {
    const [ended] = await endWorkSessions(manager, this.config.workSessionIdleSeconds, {
      agentId: agent.id,
      ticketId,
    });
    if (!ended) return null;
    const [row] = await manager.query<SessionRow[]>(`SELECT * FROM work_sessions WHERE id = $1`, [ended.id]);
    return toView(row);
  }
}
