import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { canSeeTicket, SlaBreachQuery } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { QueueCountsMessage, UNSOLVED_STATUSES } from '@ledgerdesk/contracts';

/** Tickets at SLA risk read at once; beyond that each agent's count is asked for separately. */
const AT_RISK_READ = 1000;

/**
 * The inbox view counts of many agents in two statements: the open tickets are first reduced to
 * counts per (assignee, team, status), then each agent sums the groups its views include; the
 * tickets at SLA risk (SlaBreachQuery) are read once and counted per agent by visibility.
 */
@Injectable()
export class QueueCountsQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sla: SlaBreachQuery,
  ) {}

  async forAgents(agents: AuthenticatedAgent[]): Promise<Map<string, QueueCountsMessage['views']>> {
    if (agents.length === 0) return new Map();
    const [views, breachingSoon] = await Promise.all([this.views(agents), this.breachingSoon(agents)]);
    return new Map(
      agents.map((agent) => [
        agent.id,
        {
          ...(views.get(agent.id) ?? { mine: 0, unassigned: 0, team: 0, all: 0, pending: 0 }),
          breachingSoon: breachingSoon.get(agent.id) ?? 0,
        },
      ]),
    );
  }

  private async breachingSoon(agents: AuthenticatedAgent[]): Promise<Map<string, number>> {
    const { breached, dueSoon } = await this.sla.atRisk({ limit: AT_RISK_READ });
    if (breached.length === AT_RISK_READ || dueSoon.length === AT_RISK_READ) {
      const counts = await Promise.all(agents.map((agent) => this.sla.countAtRisk(agent)));
      return new Map(agents.map((agent, index) => [agent.id, counts[index]]));
    }
    const atRisk = [...breached, ...dueSoon];
    return new Map(
      agents.map((agent) => [agent.id, atRisk.filter((ticket) => canSeeTicket(agent, ticket)).length]),
    );
  }

  private async views(
    agents: AuthenticatedAgent[],
  ): Promise<Map<string, Omit<QueueCountsMessage['views'], 'breachingSoon'>>> {
    const viewers = agents.map((agent) => ({
      agent_id: agent.id,
      team_ids: agent.teamIds,
      sees_all: agent.role !== 'agent',
    }));
    const rows = await this.dataSource.query<
      { agent_id: string; mine: number; unassigned: number; team: number; all: number; pending: number }[]
    >(
      `WITH open_groups AS (
         SELECT assignee_id, team_id, status, count(*)::int AS n
           FROM tickets WHERE status = ANY($2::text[]) AND NOT placeholder
          GROUP BY assignee_id, team_id, status
       ), viewers AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS v(agent_id uuid, team_ids uuid[], sees_all boolean)
       )
       SELECT v.agent_id,
              coalesce(sum(g.n) FILTER (WHERE g.assignee_id = v.agent_id), 0)::int AS mine,
              coalesce(sum(g.n) FILTER (WHERE g.assignee_id IS NULL
                                          AND (v.sees_all OR g.team_id = ANY(v.team_ids))), 0)::int AS unassigned,
              coalesce(sum(g.n) FILTER (WHERE g.team_id = ANY(v.team_ids)), 0)::int AS team,
              coalesce(sum(g.n) FILTER (WHERE v.sees_all OR g.assignee_id = v.agent_id
                                          OR g.team_id = ANY(v.team_ids)), 0)::int AS "all",
              coalesce(sum(g.n) FILTER (WHERE g.status = 'pending'
                                          AND (g.assignee_id = v.agent_id OR g.team_id = ANY(v.team_ids))), 0)::int AS pending
         FROM viewers v LEFT JOIN open_groups g ON true
        GROUP BY v.agent_id`,
      [JSON.stringify(viewers), UNSOLVED_STATUSES],
    );
    return new Map(
      rows.map((row) => [
        row.agent_id,
        { mine: row.mine, unassigned: row.unassigned, team: row.team, all: row.all, pending: row.pending },
      ]),
    );
  }
}
