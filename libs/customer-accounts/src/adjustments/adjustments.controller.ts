import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedAgent, CurrentAgent, Roles } from '@ledgerdesk/agents';
import { IsIn, IsOptional } from 'class-validator';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { loadAccount } from '../accounts/account-records';
import { ReasonDto } from '../invoices/invoice.dto';
import { minorUnits } from '../money/money';
import { ADJUSTMENT_KINDS, DecisionDto, MakeAdjustmentDto } from './adjustment.dto';
import { AdjustmentUseCases } from './adjustment.usecases';
import { IDEMPOTENCY_KEY_HEADER, readIdempotencyKey } from './idempotency-key';

const ADJUSTMENT_STATUSES = ['pending_approval', 'approved', 'rejected', 'reversed'] as const;

export class AdjustmentView {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty({ enum: ADJUSTMENT_KINDS }) kind!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() reasonCode!: string;
  @ApiPropertyOptional({ nullable: true }) memo!: string | null;
  @ApiPropertyOptional({ nullable: true }) invoiceId!: string | null;
  @ApiProperty({ enum: ADJUSTMENT_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true }) madeBy!: string | null;
  @ApiProperty() madeAt!: Date;
  @ApiPropertyOptional({ nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) decisionNote!: string | null;
  @ApiPropertyOptional({ nullable: true }) effectiveAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) reversedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) reversedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) reversalReason!: string | null;
}

export class AdjustmentFilter {
  @ApiPropertyOptional({ enum: ADJUSTMENT_STATUSES })
  @IsOptional()
  @IsIn(ADJUSTMENT_STATUSES, { message: `status must be one of ${ADJUSTMENT_STATUSES.join(', ')}` })
  status?: string;
}

const SELECT_ADJUSTMENTS = `
  SELECT ad.id, ad.account_id AS "accountId", a.number AS "accountNumber", ad.kind, ad.amount_minor AS amount,
         ad.currency, ad.reason_code AS "reasonCode", ad.memo, ad.invoice_id AS "invoiceId", ad.status,
         ad.made_by AS "madeBy", ad.made_at AS "madeAt", ad.decided_by AS "decidedBy", ad.decided_at AS "decidedAt",
         ad.decision_note AS "decisionNote", ad.effective_at AS "effectiveAt",
         ad.reversed_by AS "reversedBy", ad.reversed_at AS "reversedAt", ad.reversal_reason AS "reversalReason"
    FROM adjustments ad JOIN customer_accounts a ON a.id = ad.account_id`;

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller()
export class AdjustmentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adjustments: AdjustmentUseCases,
  ) {}

  @Get('accounts/:id/adjustments')
  @ApiOkResponse({ type: [AdjustmentView] })
  async forAccount(@Param('id', ParseIdPipe) accountId: string): Promise<AdjustmentView[]> {
    await loadAccount(this.dataSource.manager, accountId);
    return this.query(`WHERE ad.account_id = $1 ORDER BY ad.made_at DESC`, [accountId]);
  }

  @Get('adjustments')
  @ApiOkResponse({
    type: [AdjustmentView],
    description: 'The desk’s adjustments, e.g. ?status=pending_approval',
  })
  list(@Query() filter: AdjustmentFilter): Promise<AdjustmentView[]> {
    return this.query(`WHERE ($1::text IS NULL OR ad.status = $1) ORDER BY ad.made_at LIMIT 500`, [
      filter.status ?? null,
    ]);
  }

  @Post('accounts/:id/adjustments')
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description:
      'Unique per account: a retry with the same key and body answers the first adjustment; another body is a 422',
  })
  @ApiCreatedResponse({ type: AdjustmentView })
  async make(
    @Param('id', ParseIdPipe) accountId: string,
    @Body() body: MakeAdjustmentDto,
    @CurrentAgent() agent: AuthenticatedAgent,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<AdjustmentView> {
    const key = readIdempotencyKey(idempotencyKey);
    return this.one(await this.adjustments.make(accountId, body, agent, key));
  }

  @Post('adjustments/:id/approve')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AdjustmentView })
  async approve(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecisionDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.approve(id, body, agent);
    return this.one(id);
  }

  @Post('adjustments/:id/reject')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({ type: AdjustmentView })
  async reject(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: DecisionDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.reject(id, body, agent);
    return this.one(id);
  }

  @Post('adjustments/:id/reverse')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  @ApiOkResponse({
    type: AdjustmentView,
    description: 'An approved adjustment stops counting from now on; its making counts as corrected',
  })
  async reverse(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: ReasonDto,
    @CurrentAgent() agent: AuthenticatedAgent,
  ): Promise<AdjustmentView> {
    await this.adjustments.reverse(id, body, agent);
    return this.one(id);
  }

  private async one(id: string): Promise<AdjustmentView> {
    const [adjustment] = await this.query(`WHERE ad.id = $1`, [id]);
    if (!adjustment) throw new NotFoundException(`No adjustment with id ${id}`);
    return adjustment;
  }

  private async query(where: string, params: unknown[]): Promise<AdjustmentView[]> {
    const rows = await this.dataSource.query<(AdjustmentView & { amount: string })[]>(
      `${SELECT_ADJUSTMENTS} ${where}`,
      params,
    );
    return rows.map((row) => ({ ...row, amount: minorUnits(row.amount) }));
  }
}
