import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deskDay, KpiQueries } from '@ledgerdesk/kpi';
import { AppConfig } from '@ledgerdesk/shared';
import { SlaBreachQuery } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { QueueMetricsMessage, UNSOLVED_STATUSES } from '@ledgerdesk/contracts';

interface OpenGroupRow {
  status: string | null;
  channel: string | null;
  priority: string | null;
  team_id: string | null;
  team_name: string | null;
  grouped_by: 'status' | 'channel' | 'priority' | 'team' | 'all';
  count: number;
  unassigned: number;
}

/**
 * Computes `queue.metrics` with a handful of set-based statements, whatever the number of
 * tickets: open tickets by status/channel/priority/team (one GROUPING SETS scan), the customer
 * waiting longest, the tickets at SLA risk (SlaBreachQuery), agents with their open work
 * sessions, and today's desk KPIs read through
 * the KPI API's own queries (`KpiQueries.desk`).
 */
@Injectable()
export class QueueMetricsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly kpis: KpiQueries,
    private readonly sla: SlaBreachQuery,
  ) {}

  async compute(): Promise<QueueMetricsMessage> {
    const at = new Date();
    const [open, oldestWaiting, sla, agents, today] = await Promise.all([
      this.openTickets(),
      this.oldestWaiting(at),
      this.sla.atRisk(),
      this.agents(),
      this.today(at),
    ]);
    return { at, ...open, oldestWaiting, sla, agents, today };
  }

  private async openTickets(): Promise<Pick<QueueMetricsMessage, 'open' | 'unassigned'>> {
    const rows = await this.dataSource.query<OpenGroupRow[]>(
      `SELECT t.status, t.channel, t.priority, t.team_id, tm.name AS team_name,
              CASE grouping(t.status, t.channel, t.priority, t.team_id)
                WHEN 7 THEN 'status' WHEN 11 THEN 'channel' WHEN 13 THEN 'priority' WHEN 14 THEN 'team' ELSE 'all'
              END AS grouped_by,
              count(*)::int AS count, count(*) FILTER (WHERE t.assignee_id IS NULL)::int AS unassigned
         FROM tickets t LEFT JOIN teams tm ON tm.id = t.team_id
        WHERE t.status = ANY($1::text[]) AND NOT t.placeholder
        GROUP BY GROUPING SETS ((t.status), (t.channel), (t.priority), (t.team_id, tm.name), ())`,
      [UNSOLVED_STATUSES],
    );
    const result: Pick<QueueMetricsMessage, 'open' | 'unassigned'> = {
      open: { total: 0, byStatus: {}, byChannel: {}, byPriority: {}, byTeam: [] },
      unassigned: 0,
    };
    for (const row of rows) {
      if (row.grouped_by === 'all') {
        result.open.total = row.count;
        result.unassigned = row.unassigned;
      } else if (row.grouped_by === 'status' && row.status) result.open.byStatus[row.status] = row.count;
      else if (row.grouped_by === 'channel' && row.channel) result.open.byChannel[row.channel] = row.count;
      else if (row.grouped_by === 'priority' && row.priority)
        result.open.byPriority[row.priority] = row.count;
      else if (row.grouped_by === 'team')
        result.open.byTeam.push({ teamId: row.team_id, name: row.team_name, count: row.count });
    }
    result.open.byTeam.sort((a, b) => b.count - a.count || (a.name ?? '').localeCompare(b.name ?? ''));
    return result;
  }

  /**
   * The customer waiting longest for the desk: among new/open tickets, the earliest customer
   * message not yet followed by an agent's public reply or call.
   */
  private async oldestWaiting(now: Date): Promise<QueueMetricsMessage['oldestWaiting']> {
    const [row] = await this.dataSource.query<
      { ticket_id: string; number: string; subject: string; waiting_since: Date }[]
    >(
      `WITH waiting AS (SELECT id, number, subject FROM tickets WHERE status IN ('new', 'open') AND NOT placeholder),
       answered AS (
         SELECT e.ticket_id, max(e.at) AS at
           FROM ticket_events e JOIN waiting w ON w.id = e.ticket_id
          WHERE e.type = 'call' OR (e.type = 'message' AND e.actor_kind = 'agent' AND e.payload->>'visibility' = 'public')
          GROUP BY e.ticket_id
       )
       SELECT w.id AS ticket_id, $1 || '-' || w.number AS number, w.subject, min(e.at) AS waiting_since
         FROM waiting w
         JOIN ticket_events e ON e.ticket_id = w.id AND e.type = 'message' AND e.actor_kind = 'customer'
         LEFT JOIN answered a ON a.ticket_id = w.id
        WHERE a.at IS NULL OR e.at > a.at
        GROUP BY w.id, w.number, w.subject
        ORDER BY waiting_since, w.number
        LIMIT 1`,
      [this.config.ticketNumberPrefix],
    );
    if (!row) return null;
    return {
      ticketId: row.ticket_id,
      number: row.number,
      subject: row.subject,
      waitingSince: row.waiting_since,
      waitingSeconds: Math.max(0, Math.round((now.getTime() - row.waiting_since.getTime()) / 1000)),
    };
  }

  /** Active agents by name with their presence and open work sessions. */
  private async agents(): Promise<QueueMetricsMessage['agents']> {
    const rows = await this.dataSource.query<
      {
        id: string;
        name: string;
        presence: string;
        ticket_id: string | null;
        number: string | null;
        subject: string | null;
        since: Date | null;
      }[]
    >(
      `SELECT a.id, a.name, a.presence, t.id AS ticket_id, $1 || '-' || t.number AS number, t.subject, w.started_at AS since
         FROM agents a
         LEFT JOIN work_sessions w ON w.agent_id = a.id AND w.ended_at IS NULL
         LEFT JOIN tickets t ON t.id = w.ticket_id
        WHERE a.active
        ORDER BY a.name, a.id, w.started_at`,
      [this.config.ticketNumberPrefix],
    );
    const agents = new Map<string, QueueMetricsMessage['agents'][number]>();
    for (const row of rows) {
      let agent = agents.get(row.id);
      if (!agent) {
        agent = { agentId: row.id, name: row.name, presence: row.presence, workingOn: [] };
        agents.set(row.id, agent);
      }
      if (row.ticket_id && row.number && row.subject !== null && row.since) {
        agent.workingOn.push({
          ticketId: row.ticket_id,
          number: row.number,
          subject: row.subject,
          since: row.since,
        });
      }
    }
    return [...agents.values()];
  }

  private async today(now: Date): Promise<QueueMetricsMessage['today']> {
    const timezone = this.config.deskTimeZone;
    const date = deskDay(timezone)(now);
    const desk = await this.kpis.desk(date, date);
    return {
      date,
      timezone,
      created: desk.created.reduce((sum, row) => sum + row.count, 0),
      resolved: desk.resolved,
      fcrRate: desk.fcrRate,
      ahtSeconds: desk.ahtSeconds,
      frtMedianSeconds: desk.frtMedianSeconds,
      frtBusinessMedianSeconds: desk.frtBusinessMedianSeconds,
      csatScore: desk.csatScore,
      csatResponses: desk.csatResponses,
    };
  }
}
