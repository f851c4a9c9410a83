import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { KpiFigures } from '@ledgerdesk/contracts';
import { DURATION_KINDS, DurationKind, emptySums, KpiSums, toFigures } from './kpi-figures';

/** Which rows to aggregate, and what one output row stands for. */
type Grouping = { by: 'agent'; agentIds?: string[] } | { by: 'day'; agentId: string } | { by: 'desk' };

export interface AgentKpis extends KpiFigures {
  agentId: string;
  email: string;
  name: string;
  billingActions: number;
  billingAccuracy: number | null;
}

export interface DailyKpis extends KpiFigures {
  day: string;
}

interface Source {
  key: string;
  daily: string;
  filter: string;
  contributionFilter: string;
  params: unknown[];
}

/** Reads the KPI tables: sums that add up over days, percentiles and distinct counts from the per-event facts. */
@Injectable()
export class KpiQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  get timeZone(): string {
    return this.config.deskTimeZone;
  }

  async agents(from: string, to: string, agentIds?: string[]): Promise<AgentKpis[]> {
    const sums = await this.sums(from, to, { by: 'agent', agentIds });
    const agents = await this.dataSource.query<{ id: string; email: string; name: string }[]>(
      `SELECT id, email, name FROM agents
        WHERE ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) AND (active OR id = ANY($2::uuid[]))
        ORDER BY name, id`,
      [agentIds ?? null, [...sums.keys()]],
    );
    const billing = await this.billing(from, to);
    return agents.map((agent) => {
      const actions = billing.get(agent.id) ?? { actions: 0, corrected: 0 };
      return {
        agentId: agent.id,
        email: agent.email,
        name: agent.name,
        ...toFigures(sums.get(agent.id) ?? emptySums()),
        billingActions: actions.actions,
        billingAccuracy: actions.actions === 0 ? null : 1 - actions.corrected / actions.actions,
      };
    });
  }

  async agentDaily(agentId: string, from: string, to: string): Promise<DailyKpis[]> {
    const sums = await this.sums(from, to, { by: 'day', agentId });
    const days = await this.dataSource.query<{ day: string }[]>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day FROM generate_series($1::date, $2::date, interval '1 day') AS d`,
      [from, to],
    );
    return days.map(({ day }) => ({ day, ...toFigures(sums.get(day) ?? emptySums()) }));
  }

  async desk(
    from: string,
    to: string,
  ): Promise<
    KpiFigures & {
      created: { channel: string; category: string; count: number }[];
      backlog: Record<string, number>;
    }
  > {
    const sums = (await this.sums(from, to, { by: 'desk' })).get('desk') ?? emptySums();
    const created = await this.dataSource.query<{ dimension: string; count: string }[]>(
      `SELECT dimension, sum(count) AS count FROM kpi_desk_daily
        WHERE kind = 'ticket_created' AND day BETWEEN $1 AND $2 GROUP BY dimension ORDER BY dimension`,
      [from, to],
    );
    const backlog = await this.dataSource.query<{ status: string; count: number }[]>(
      `SELECT status, count(*)::int AS count FROM tickets WHERE status <> 'closed' AND NOT placeholder GROUP BY status`,
    );
    return {
      ...toFigures(sums),
      created: created.map((row) => {
        const [channel, category] = row.dimension.split('|');
        return { channel, category, count: Number(row.count) };
      }),
      backlog: Object.fromEntries(backlog.map((row) => [row.status, row.count])),
    };
  }

  private source(grouping: Grouping, from: string, to: string): Source {
    switch (grouping.by) {
      case 'agent':
        return {
          key: 'agent_id::text',
          daily: 'kpi_agent_daily',
          filter: grouping.agentIds ? 'AND agent_id = ANY($3::uuid[])' : '',
          contributionFilter: grouping.agentIds
            ? 'AND agent_id = ANY($3::uuid[])'
            : 'AND agent_id IS NOT NULL',
          params: grouping.agentIds ? [from, to, grouping.agentIds] : [from, to],
        };
      case 'day':
        return {
          key: `to_char(day, 'YYYY-MM-DD')`,
          daily: 'kpi_agent_daily',
          filter: 'AND agent_id = $3',
          contributionFilter: 'AND agent_id = $3',
          params: [from, to, grouping.agentId],
        };
      case 'desk':
        return {
          key: `'desk'`,
          daily: 'kpi_desk_daily',
          filter: '',
          contributionFilter: '',
          params: [from, to],
        };
    }
  }

  private async sums(from: string, to: string, grouping: Grouping): Promise<Map<string, KpiSums>> {
    const source = this.source(grouping, from, to);
    const [totals, percentiles, handled] = await Promise.all([
      this.dataSource.query<{ k: string; kind: string; dimension: string; n: string; total: string }[]>(
        `SELECT ${source.key} AS k, kind, dimension, sum(count) AS n, sum(amount) AS total
           FROM ${source.daily} WHERE day BETWEEN $1 AND $2 ${source.filter}
          GROUP BY 1, kind, dimension`,
        source.params,
      ),
      this.dataSource.query<{ k: string; kind: DurationKind; median: number; p90: number }[]>(
        `SELECT ${source.key} AS k, kind,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY amount) AS median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY amount) AS p90
           FROM kpi_contributions
          WHERE kind IN (${DURATION_KINDS.map((kind) => `'${kind}'`).join(', ')})
            AND day BETWEEN $1 AND $2 ${source.contributionFilter}
          GROUP BY 1, kind`,
        source.params,
      ),
      this.dataSource.query<{ k: string; tickets: number }[]>(
        `SELECT ${source.key} AS k, count(DISTINCT ticket_id)::int AS tickets
           FROM kpi_contributions WHERE kind = 'handle' AND day BETWEEN $1 AND $2 ${source.contributionFilter}
          GROUP BY 1`,
        source.params,
      ),
    ]);
    const result = new Map<string, KpiSums>();
    const of = (key: string): KpiSums => {
      const sums = result.get(key) ?? emptySums();
      result.set(key, sums);
      return sums;
    };
    for (const row of totals) {
      const sums = of(row.k);
      const kind = row.kind === 'contact' ? `contact|${row.dimension}` : row.kind;
      sums.counts.set(kind, (sums.counts.get(kind) ?? 0) + Number(row.n));
      sums.amounts.set(kind, (sums.amounts.get(kind) ?? 0) + Number(row.total));
      if (row.kind === 'contact') {
        sums.counts.set('contact', (sums.counts.get('contact') ?? 0) + Number(row.n));
      }
    }
    for (const row of percentiles) {
      of(row.k).percentiles.set(row.kind, { median: Number(row.median), p90: Number(row.p90) });
    }
    for (const row of handled) of(row.k).handledTickets = row.tickets;
    return result;
  }

  private async billing(
    from: string,
    to: string,
  ): Promise<Map<string, { actions: number; corrected: number }>> {
    const rows = await this.dataSource.query<{ actor_id: string; actions: number; corrected: number }[]>(
      `SELECT l.actor_id, count(*)::int AS actions,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM billing_audit_log c WHERE c.corrects_id = l.id))::int AS corrected
         FROM billing_audit_log l
        WHERE l.actor_id IS NOT NULL AND (l.at AT TIME ZONE $3)::date BETWEEN $1 AND $2
        GROUP BY l.actor_id`,
      [from, to, this.config.deskTimeZone],
    );
    return new Map(rows.map((row) => [row.actor_id, { actions: row.actions, corrected: row.corrected }]));
  }
}
