import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsCalendarDate, ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { loadAccount } from '../accounts/account-records';
import { AsOfQuery } from './as-of.query';
import { LedgerPosition, LedgerQuery } from './ledger.query';
import { Statement, StatementQuery } from './statement.query';

export class StatementPeriod {
  @ApiProperty({ example: '2026-11-01' })
  @IsCalendarDate('2026-11-01')
  from!: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate('2026-11-30')
  to!: string;
}

export class AuditEntryView {
  @ApiProperty() id!: string;
  @ApiProperty() at!: Date;
  @ApiProperty() actorId!: string | null;
  @ApiProperty() actorName!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty() ticketId!: string | null;
  @ApiProperty() correctsId!: string | null;
  @ApiProperty() correctedById!: string | null;
  @ApiProperty() before!: unknown;
  @ApiProperty() after!: unknown;
}

@ApiTags('customer accounts')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerQuery,
    private readonly statements: StatementQuery,
  ) {}

  @Get('accounts/:id/statement')
  @ApiOkResponse({ type: Statement })
  statement(@Param('id', ParseIdPipe) id: string, @Query() period: StatementPeriod): Promise<Statement> {
    return this.statements.statement(id, period.from, period.to);
  }

  @Get('accounts/:id/audit')
  @ApiOkResponse({ type: [AuditEntryView] })
  async audit(@Param('id', ParseIdPipe) id: string): Promise<AuditEntryView[]> {
    await loadAccount(this.dataSource.manager, id);
    return this.dataSource.query<AuditEntryView[]>(
      `SELECT l.id, l.at, l.actor_id AS "actorId", a.name AS "actorName", l.action, l.entity_type AS "entityType",
              l.entity_id AS "entityId", l.ticket_id AS "ticketId", l.corrects_id AS "correctsId",
              (SELECT min(c.id) FROM billing_audit_log c WHERE c.corrects_id = l.id) AS "correctedById",
              l.before, l.after
         FROM billing_audit_log l LEFT JOIN agents a ON a.id = l.actor_id
        WHERE l.account_id = $1 ORDER BY l.id DESC LIMIT 1000`,
      [id],
    );
  }

  @Get('billing/summary')
  @ApiOkResponse({
    type: [LedgerPosition],
    description: 'The whole desk’s balance and aging, one entry per currency',
  })
  summary(@Query() query: AsOfQuery): Promise<LedgerPosition[]> {
    return this.ledger.positions(query.asOf ?? this.ledger.today(), null);
  }
}
