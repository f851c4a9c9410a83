import {
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Headers,
  Param,
  Query,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { IsCalendarDate, ParseIdPipe } from '@ledgerdesk/shared';
import { TicketAccess } from '@ledgerdesk/tickets';
import { DataSource } from 'typeorm';
import { AgentKpiTargets } from '../targets/kpi-target.dto';
import { KpiTargetsQuery } from '../targets/kpi-targets.query';
import { agentKpisCsv } from './agent-kpis-csv';
import { AgentKpis, DailyKpis, KpiQueries } from './kpi.queries';
import { TicketKpiExplanation, TicketKpiExplanationQuery } from './ticket-kpi-explanation';

const MAX_DAYS = 3 * 366;

export class KpiPeriod {
  @ApiProperty({ example: '2026-11-01', description: 'First day, inclusive, in DESK_TIMEZONE' })
  @IsCalendarDate('2026-11-01')
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day, inclusive' })
  @IsCalendarDate('2026-11-30')
  to!: string;
}

interface ReplyLike {
  header(name: string, value: string): unknown;
}

/** from and to are real dates (the DTO checks them); here they must make a period. */
function checkPeriod(period: KpiPeriod): void {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days < 0)
    throw new UnprocessableEntityException({
      message: 'to must not be before from',
      details: [{ field: 'to', problems: ['before from'] }],
    });
  if (days > MAX_DAYS)
    throw new UnprocessableEntityException({
      message: `A period is at most ${MAX_DAYS} days: to must be within ${MAX_DAYS} days after from`,
      details: [{ field: 'to', problems: [`more than ${MAX_DAYS} days after from`] }],
    });
}

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('kpis')
export class KpiController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: KpiQueries,
    private readonly explanations: TicketKpiExplanationQuery,
    private readonly tickets: TicketAccess,
    private readonly targets: KpiTargetsQuery,
  ) {}

  @Get('agents')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    description:
      'Per-agent scorecard for the period; agents see only their own row. `targets`: per agent id, per KPI, `{ target, direction, met }`',
  })
  async agents(
    @Query() period: KpiPeriod,
    @CurrentAgent() agent: AuthenticatedAgent,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: ReplyLike,
  ): Promise<
    { from: string; to: string; timezone: string; agents: AgentKpis[]; targets?: AgentKpiTargets } | string
  > {
    checkPeriod(period);
    const agents = await this.queries.agents(
      period.from,
      period.to,
      agent.role === 'agent' ? [agent.id] : undefined,
    );
    if (accept?.includes('text/csv')) {
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename="agent-kpis-${period.from}-${period.to}.csv"`,
      );
      return agentKpisCsv(agents);
    }
    const targets = await this.targets.forAgents(agents);
    return { from: period.from, to: period.to, timezone: this.queries.timeZone, agents, targets };
  }

  @Get('agents/:id/daily')
  @ApiOkResponse({ description: 'One row per day of the period' })
  async daily(
    @Param('id', ParseIdPipe) agentId: string,
    @Query() period: KpiPeriod,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<{ agentId: string; from: string; to: string; timezone: string; days: DailyKpis[] }> {
    checkPeriod(period);
    if (agent.role === 'agent' && agent.id !== agentId) {
      throw new ForbiddenException('Agents can read only their own KPIs');
    }
    const [known] = await this.dataSource.query<unknown[]>(`SELECT 1 FROM agents WHERE id = $1`, [agentId]);
    if (!known) throw new NotFoundException(`No agent with id ${agentId}`);
    const days = await this.queries.agentDaily(agentId, period.from, period.to);
    return { agentId, from: period.from, to: period.to, timezone: this.queries.timeZone, days };
  }

  @Get('desk')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({
    description: 'Desk-wide KPIs for the period, tickets created by channel and category, current backlog',
  })
  async desk(@Query() period: KpiPeriod): Promise<Record<string, unknown>> {
    checkPeriod(period);
    return {
      from: period.from,
      to: period.to,
      timezone: this.queries.timeZone,
      ...(await this.queries.desk(period.from, period.to)),
    };
  }

  @Get('tickets/:id')
  @ApiOkResponse({ description: 'The ticket’s facts and every contribution with the event it came from' })
  async ticket(
    @Param('id', ParseIdPipe) ticketId: string,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<TicketKpiExplanation> {
    await this.tickets.load(this.dataSource.manager, ticketId, agent);
    return this.explanations.explain(ticketId);
  }
}
