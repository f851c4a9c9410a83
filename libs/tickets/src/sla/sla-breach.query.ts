import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { excludePlaceholders, restrictToVisible, SqlFilter } from '../list-tickets/sql-filter';
import { Priority, SlaAtRisk, SlaTargetName, SlaTicketRef } from '@ledgerdesk/contracts';
import { formatTicketNumber } from '../ticket-number';
import { SlaFilter, slaCondition } from './sla-filter';

interface AtRiskRow {
  id: string;
  number: string;
  subject: string;
  priority: Priority;
  assignee_id: string | null;
  team_id: string | null;
  sla_due_at: Date;
  target: SlaTargetName;
  breached: boolean;
}

export const SLA_AT_RISK_DEFAULT_LIMIT = 50;

/**
 * Tickets breaching or about to breach their SLA targets, for dashboards and the
 * "breaching soon" inbox. Reads the indexed `tickets.sla_due_at`, one statement per call.
 */
@Injectable()
export class SlaBreachQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** At most `limit` (default 50) tickets in each list; `visibleTo` limits them to what that agent may see. */
  async atRisk(options: { limit?: number; visibleTo?: AuthenticatedAgent } = {}): Promise<SlaAtRisk> {
    const limit = Math.max(1, Math.min(Math.trunc(options.limit ?? SLA_AT_RISK_DEFAULT_LIMIT), 1000));
    const visible = new SqlFilter();
    excludePlaceholders(visible);
    restrictToVisible(visible, options.visibleTo);
    let window: string | undefined;
    const windowParam = (): string => (window ??= visible.param(this.config.slaDueSoonMinutes));
    const part = (filter: SlaFilter): string => `
      (SELECT t.id, t.number, t.subject, t.priority, t.assignee_id, t.team_id, t.sla_due_at,
              CASE WHEN t.first_responded_at IS NULL AND t.first_response_due_at = t.sla_due_at
                   THEN 'first_response' ELSE 'resolution' END AS target,
              ${filter === 'breached'} AS breached
         FROM tickets t
        WHERE ${[slaCondition(filter, windowParam), ...visible.conditions].join(' AND ')}
        ORDER BY t.sla_due_at, t.id
        LIMIT ${limit})`;
    const rows: AtRiskRow[] = await this.dataSource.query(
      `${part('breached')} UNION ALL ${part('due_soon')}`,
      visible.params,
    );
    const [counts] = await this.dataSource.query<{ breached: number; due_soon: number }[]>(
      `SELECT count(*) FILTER (WHERE ${slaCondition('breached', windowParam)})::int AS breached,
              count(*) FILTER (WHERE ${slaCondition('due_soon', windowParam)})::int AS due_soon
         FROM tickets t
        WHERE ${[slaCondition('at_risk', windowParam), ...visible.conditions].join(' AND ')}`,
      visible.params,
    );
    const refs = (breached: boolean): SlaTicketRef[] =>
      rows
        .filter((row) => row.breached === breached)
        .map((row) => ({
          ticketId: row.id,
          number: formatTicketNumber(this.config.ticketNumberPrefix, row.number),
          subject: row.subject,
          priority: row.priority,
          assigneeId: row.assignee_id,
          teamId: row.team_id,
          dueAt: row.sla_due_at,
          target: row.target,
        }));
    return {
      breached: refs(true),
      dueSoon: refs(false),
      breachedCount: counts.breached,
      dueSoonCount: counts.due_soon,
    };
  }

  /** How many tickets the agent sees are breached or due soon (= `GET /api/tickets?sla=at_risk` total). */
  async countAtRisk(visibleTo: AuthenticatedAgent): Promise<number> {
    const filter = this.atRiskFilter(visibleTo);
    const [{ count }] = await this.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tickets t ${filter.where}`,
      filter.params,
    );
    return count;
  }

  private atRiskFilter(visibleTo: AuthenticatedAgent | undefined): SqlFilter {
    const filter = new SqlFilter();
    filter.add((p) => slaCondition('at_risk', () => p(this.config.slaDueSoonMinutes)));
    excludePlaceholders(filter);
    restrictToVisible(filter, visibleTo);
    return filter;
  }
}
