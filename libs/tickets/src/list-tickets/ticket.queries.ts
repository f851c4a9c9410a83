import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { parseTicketNumber, formatTicketNumber } from '../ticket-number';
import { ticketSla } from '../sla/sla-state';
import { slaCondition } from '../sla/sla-filter';
import { TicketPage, TicketView } from '../ticket.view';
import { ExportTicketsQuery, ListTicketsQuery } from './list-tickets.query';
import { excludePlaceholders, restrictToVisible, SqlFilter } from './sql-filter';

interface TicketRow {
  id: string;
  number: string;
  external_key: string | null;
  subject: string;
  channel: TicketView['channel'];
  category: TicketView['category'];
  priority: TicketView['priority'];
  status: TicketView['status'];
  requester_email: string | null;
  requester_phone: string | null;
  requester_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  customer_account_id: string | null;
  team_name: string | null;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  solved_at: Date | null;
  closed_at: Date | null;
  first_responded_at: Date | null;
  first_response_due_at: Date;
  resolution_due_at: Date;
  resolution_paused_since: Date | null;
}

const SELECT_TICKETS = `
  SELECT t.id, t.number, t.external_key, t.subject, t.channel, t.category, t.priority, t.status,
         t.requester_email, t.requester_phone, t.requester_name, t.assignee_id, a.name AS assignee_name,
         t.team_id, tm.name AS team_name, t.customer_account_id, t.tags, t.created_at, t.updated_at, t.solved_at, t.closed_at,
         t.first_responded_at, t.first_response_due_at, t.resolution_due_at, t.resolution_paused_since
    FROM tickets t
    LEFT JOIN agents a ON a.id = t.assignee_id
    LEFT JOIN teams tm ON tm.id = t.team_id`;

/** Null when no SLA target runs (solved, closed): such tickets sort last either way. */
const SLA_DUE = 't.sla_due_at';

const SORT_COLUMNS: Record<string, string> = {
  createdAt: 't.created_at',
  updatedAt: 't.updated_at',
  number: 't.number',
  priority: `array_position(ARRAY['low','normal','high','urgent'], t.priority)`,
  status: `array_position(ARRAY['new','open','pending','on_hold','solved','closed'], t.status)`,
  slaDue: SLA_DUE,
  sla_due: SLA_DUE,
};

/** Tickets per query of an export. */
const EXPORT_CHUNK = 1000;

/** `ORDER BY` for a list sort (`-createdAt` by default); the id breaks ties, so pages never overlap. */
function orderBy(sort = '-createdAt'): string {
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[sort.replace(/^-/, '')];
  const direction = descending ? 'DESC' : 'ASC';
  return `ORDER BY ${column} ${direction}${column === SLA_DUE ? ' NULLS LAST' : ''}, t.id ${direction}`;
}

/** Read side of tickets: the view of one ticket, the filtered, paginated listing and its export. */
@Injectable()
export class TicketQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async view(ticketId: string): Promise<TicketView> {
    const rows: TicketRow[] = await this.dataSource.query(`${SELECT_TICKETS} WHERE t.id = $1`, [ticketId]);
    if (!rows[0]) throw new NotFoundException(`No ticket with id ${ticketId}`);
    return this.toView(rows[0]);
  }

  async list(query: ListTicketsQuery, agent: AuthenticatedAgent): Promise<TicketPage> {
    const filter = this.filterFor(query, agent);
    const offset = (query.page - 1) * query.pageSize;
    const total = await this.count(filter);
    const rows: TicketRow[] = await this.dataSource.query(
      `${SELECT_TICKETS} ${filter.where} ${orderBy(query.sort)} LIMIT ${query.pageSize} OFFSET ${offset}`,
      filter.params,
    );
    return { items: rows.map((row) => this.toView(row)), total, page: query.page, pageSize: query.pageSize };
  }

  /**
   * Every ticket the list would show for these filters, in its order, EXPORT_CHUNK at a time from
   * one snapshot (a read-only repeatable-read transaction, opened when the first chunk is read and
   * closed when the last one was, or when the reader stops), for the CSV export. Refused with a
   * 400 naming the count when more than TICKET_EXPORT_MAX_ROWS match: the agent narrows the filters.
   */
  async exportable(
    query: ExportTicketsQuery,
    agent: AuthenticatedAgent,
  ): Promise<AsyncGenerator<TicketView[]>> {
    const filter = this.filterFor(query, agent);
    const total = await this.count(filter);
    const limit = this.config.ticketExportMaxRows;
    if (total > limit) {
      throw new BadRequestException(
        `${total.toLocaleString('en-US')} tickets match; an export holds at most ` +
          `${limit.toLocaleString('en-US')}: narrow the filters (status, team, assignee, search)`,
      );
    }
    const runner = this.dataSource.createQueryRunner();
    const toView = (row: TicketRow): TicketView => this.toView(row);
    return (async function* (): AsyncGenerator<TicketView[]> {
      try {
        await runner.startTransaction('REPEATABLE READ');
        await runner.query('SET TRANSACTION READ ONLY');
        // At most the limit, even when tickets arrived since the count.
        for (let offset = 0; offset < limit; offset += EXPORT_CHUNK) {
          const rows = (await runner.query(
            `${SELECT_TICKETS} ${filter.where} ${orderBy(query.sort)}
             LIMIT ${Math.min(EXPORT_CHUNK, limit - offset)} OFFSET ${offset}`,
            filter.params,
          )) as TicketRow[];
          if (rows.length > 0) yield rows.map(toView);
          if (rows.length < EXPORT_CHUNK) break;
        }
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    })();
  }

  private async count(filter: SqlFilter): Promise<number> {
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM tickets t ${filter.where}`,
      filter.params,
    );
    return total;
  }

  private filterFor(query: ExportTicketsQuery, agent: AuthenticatedAgent): SqlFilter {
    const filter = new SqlFilter();
    excludePlaceholders(filter);
    restrictToVisible(filter, agent);
    if (query.status?.length) filter.add((p) => `t.status = ANY(${p(query.status)}::text[])`);
    if (query.channel?.length) filter.add((p) => `t.channel = ANY(${p(query.channel)}::text[])`);
    if (query.category?.length) filter.add((p) => `t.category = ANY(${p(query.category)}::text[])`);
    if (query.priority?.length) filter.add((p) => `t.priority = ANY(${p(query.priority)}::text[])`);
    if (query.assignee === 'none') filter.add(() => 't.assignee_id IS NULL');
    else if (query.assignee) {
      const assignee = query.assignee === 'me' ? agent.id : query.assignee;
      filter.add((p) => `t.assignee_id = ${p(assignee)}`);
    }
    if (query.team === 'none') filter.add(() => 't.team_id IS NULL');
    else if (query.team === 'mine') filter.add((p) => `t.team_id = ANY(${p(agent.teamIds)}::uuid[])`);
    else if (query.team) filter.add((p) => `t.team_id = ${p(query.team)}`);
    if (query.account === 'none') filter.add(() => 't.customer_account_id IS NULL');
    else if (query.account) filter.add((p) => `t.customer_account_id = ${p(query.account)}`);
    const requester = query.requester?.trim();
    if (requester) {
      filter.add(
        (p) => `(t.requester_email = ${p(requester.toLowerCase())} OR t.requester_phone = ${p(requester)})`,
      );
    }
    if (query.sla) {
      const sla = query.sla;
      filter.add((p) => slaCondition(sla, () => p(this.config.slaDueSoonMinutes)));
    }
    if (query.tag) filter.add((p) => `t.tags @> ARRAY[${p(query.tag)}]::text[]`);
    const search = query.q?.trim();
    if (search) {
      const number = parseTicketNumber(search);
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      filter.add((p) => {
        const text = `(t.subject ILIKE ${p(pattern)} OR (coalesce(t.requester_email, '') || ' ' || coalesce(t.requester_name, '') || ' ' || coalesce(t.requester_phone, '')) ILIKE ${p(pattern)})`;
        return number === undefined ? text : `(t.number = ${p(number)} OR ${text})`;
      });
    }

    return filter;
  }

  private toView(row: TicketRow): TicketView {
    return {
      id: row.id,
      number: formatTicketNumber(this.config.ticketNumberPrefix, row.number),
      externalKey: row.external_key,
      subject: row.subject,
      channel: row.channel,
      category: row.category,
      priority: row.priority,
      status: row.status,
      requester: { email: row.requester_email, phone: row.requester_phone, name: row.requester_name },
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
      team: row.team_id ? { id: row.team_id, name: row.team_name ?? '' } : null,
      accountId: row.customer_account_id,
      tags: row.tags,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      solvedAt: row.solved_at,
      closedAt: row.closed_at,
      sla: ticketSla(
        {
          status: row.status,
          firstResponseDueAt: row.first_response_due_at,
          resolutionDueAt: row.resolution_due_at,
          firstRespondedAt: row.first_responded_at,
          solvedAt: row.solved_at,
          closedAt: row.closed_at,
          resolutionPausedSince: row.resolution_paused_since,
        },
        new Date(),
        this.config.slaDueSoonMinutes,
      ),
    };
  }
}
