import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { minorUnits } from '../money/money';
import { ADJUSTMENT_KINDS } from './adjustment.dto';

export const ADJUSTMENT_STATUSES = ['pending_approval', 'approved', 'rejected', 'reversed'] as const;

export class AdjustmentView {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() accountNumber!: string;
  @ApiProperty() accountName!: string;
  @ApiProperty({ enum: ADJUSTMENT_KINDS }) kind!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() currency!: string;
  @ApiProperty() reasonCode!: string;
  @ApiPropertyOptional({ nullable: true }) memo!: string | null;
  @ApiPropertyOptional({ nullable: true }) invoiceId!: string | null;
  @ApiPropertyOptional({ nullable: true }) invoiceNumber!: string | null;
  @ApiProperty({ enum: ADJUSTMENT_STATUSES }) status!: string;
  @ApiPropertyOptional({ nullable: true }) madeBy!: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'The name of the agent who made it' })
  madeByName!: string | null;
  @ApiProperty() madeAt!: Date;
  @ApiPropertyOptional({ nullable: true, description: 'The ticket it was made from' })
  ticketId!: string | null;
  @ApiPropertyOptional({ nullable: true }) ticketNumber!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) decidedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) decisionNote!: string | null;
  @ApiPropertyOptional({ nullable: true }) effectiveAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) reversedBy!: string | null;
  @ApiPropertyOptional({ nullable: true }) reversedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) reversalReason!: string | null;
}

const SELECT_ADJUSTMENTS = `
  SELECT ad.id, ad.account_id AS "accountId", a.number AS "accountNumber", a.name AS "accountName", ad.kind,
         ad.amount_minor AS amount, ad.currency, ad.reason_code AS "reasonCode", ad.memo,
         ad.invoice_id AS "invoiceId", i.number AS "invoiceNumber", ad.status,
         ad.made_by AS "madeBy", maker.name AS "madeByName", ad.made_at AS "madeAt",
         made.ticket_id AS "ticketId", $1 || '-' || t.number AS "ticketNumber",
         ad.decided_by AS "decidedBy", ad.decided_at AS "decidedAt", ad.decision_note AS "decisionNote",
         ad.effective_at AS "effectiveAt", ad.reversed_by AS "reversedBy", ad.reversed_at AS "reversedAt",
         ad.reversal_reason AS "reversalReason"
    FROM adjustments ad
    JOIN customer_accounts a ON a.id = ad.account_id
    LEFT JOIN invoices i ON i.id = ad.invoice_id
    LEFT JOIN agents maker ON maker.id = ad.made_by
    LEFT JOIN LATERAL (SELECT l.ticket_id FROM billing_audit_log l
                        WHERE l.entity_id = ad.id AND l.action = 'adjustment.made' LIMIT 1) made ON true
    LEFT JOIN tickets t ON t.id = made.ticket_id`;

/** Adjustments as the API and the ticket's billing context show them. */
@Injectable()
export class AdjustmentQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  forAccount(accountId: string): Promise<AdjustmentView[]> {
    return this.query(`WHERE ad.account_id = $2 ORDER BY ad.made_at DESC, ad.id`, [accountId]);
  }

  /** What a ticket shows: every adjustment still waiting for a decision, then the latest others. */
  forTicketContext(accountId: string, recent: number): Promise<AdjustmentView[]> {
    return this.query(
      `WHERE ad.id IN (SELECT id FROM adjustments WHERE account_id = $2 AND status = 'pending_approval'
                       UNION ALL
                       (SELECT id FROM adjustments WHERE account_id = $2 AND status <> 'pending_approval'
                         ORDER BY made_at DESC, id LIMIT $3))
       ORDER BY ad.status <> 'pending_approval', ad.made_at DESC, ad.id`,
      [accountId, recent],
    );
  }

  /** The desk's adjustments, oldest first (a queue to work through), optionally of one status. */
  list(status: string | undefined, limit: number): Promise<AdjustmentView[]> {
    return this.query(`WHERE ($2::text IS NULL OR ad.status = $2) ORDER BY ad.made_at, ad.id LIMIT $3`, [
      status ?? null,
      limit,
    ]);
  }

  async one(id: string): Promise<AdjustmentView> {
    const [adjustment] = await this.query(`WHERE ad.id = $2`, [id]);
    if (!adjustment) throw new NotFoundException(`No adjustment with id ${id}`);
    return adjustment;
  }

  /** `where` numbers its parameters from $2: $1 is the ticket number prefix. */
  private async query(where: string, params: unknown[]): Promise<AdjustmentView[]> {
    const rows = await this.dataSource.query<(AdjustmentView & { amount: string })[]>(
      `${SELECT_ADJUSTMENTS} ${where}`,
      [this.config.ticketNumberPrefix, ...params],
    );
    return rows.map((row) => ({ ...row, amount: minorUnits(row.amount) }));
  }
}
