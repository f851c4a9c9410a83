import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource, EntityManager } from 'typeorm';
import { minorUnits } from '../money/money';
import { AGING_BUCKET_SQL, AGING_BUCKETS, AgingBucket } from './aging';

export class AgingView {
  @ApiProperty() current!: number;
  @ApiProperty({ name: '1-30' }) '1-30'!: number;
  @ApiProperty({ name: '31-60' }) '31-60'!: number;
  @ApiProperty({ name: '61-90' }) '61-90'!: number;
  @ApiProperty({ name: '90+' }) '90+'!: number;
}

/** An account's (or the desk's, per currency) position on a date, in minor units. */
export class LedgerPosition {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: '2026-11-25' }) asOf!: string;
  @ApiProperty({ description: 'invoiced − paid − credits + debits' }) balance!: number;
  @ApiProperty() invoiced!: number;
  @ApiProperty() paid!: number;
  @ApiProperty({ description: 'Approved credit notes' }) credits!: number;
  @ApiProperty({ description: 'Approved debit notes and refunds' }) debits!: number;
  @ApiProperty({ description: 'Open charges past their due date' }) overdue!: number;
  @ApiProperty({ description: 'Payments not allocated + credit notes not on an invoice' })
  unappliedCredit!: number;
  @ApiProperty({
    type: AgingView,
    description: 'Open charges by days past due; their sum − unappliedCredit = balance',
  })
  aging!: AgingView;
}

interface PositionRow {
  currency: string;
  invoiced: string;
  paid: string;
  credits: string;
  debits: string;
  unapplied: string;
  bucket_current: string;
  'bucket_1-30': string;
  'bucket_31-60': string;
  'bucket_61-90': string;
  'bucket_90+': string;
}

/**
 * Positions as of the end of a calendar day in DESK_TIMEZONE, all in one statement: a document
 * counts once it exists by then (issued, received, approved) and until it is voided, reversed or
 * removed by then. What is tied to an invoice counts once that invoice is issued: an allocation
 * from its `applied_at` (never before the issue day), an adjustment from the issue day.
 */
export const POSITION_SQL = `
  WITH params AS (
    SELECT $1::date AS as_of, (($1::date + 1)::timestamp AT TIME ZONE $2) AS cutoff
  ), scope AS (
    SELECT id, currency FROM customer_accounts WHERE $3::uuid IS NULL OR id = $3::uuid
  ), active_allocations AS (
    SELECT pa.invoice_id, pa.payment_id, pa.amount_minor
      FROM payment_allocations pa, params p
     WHERE pa.applied_at < p.cutoff AND (pa.removed_at IS NULL OR pa.removed_at >= p.cutoff)
  ), approved AS (
    -- An adjustment on an invoice counts from the invoice's issue day at the earliest: a credit
    -- note on an invoice not issued yet is no credit (nothing is owed yet that it could reduce).
    -- A reversed one counts until its reversal, as a reversed payment does.
    SELECT ad.account_id, ad.currency, ad.kind, ad.amount_minor, ad.invoice_id,
           greatest((ad.effective_at AT TIME ZONE $2)::date, i.issue_date) AS effective_date
      FROM adjustments ad JOIN scope ON scope.id = ad.account_id
      LEFT JOIN invoices i ON i.id = ad.invoice_id, params p
     WHERE ad.status IN ('approved', 'reversed') AND ad.effective_at < p.cutoff
       AND (ad.reversed_at IS NULL OR ad.reversed_at >= p.cutoff)
       AND (i.issue_date IS NULL OR i.issue_date <= p.as_of)
  ), invoice_positions AS (
    SELECT i.currency, i.total_minor, p.as_of - i.due_date AS days_past_due,
           i.total_minor
             - coalesce((SELECT sum(a.amount_minor) FROM active_allocations a WHERE a.invoice_id = i.id), 0)
             - coalesce((SELECT sum(c.amount_minor) FROM approved c WHERE c.invoice_id = i.id AND c.kind = 'credit_note'), 0)
             AS open_minor
      FROM invoices i JOIN scope ON scope.id = i.account_id, params p
     WHERE i.issue_date <= p.as_of AND (i.voided_at IS NULL OR i.voided_at >= p.cutoff)
  ), payment_positions AS (
    SELECT py.currency, py.amount_minor,
           py.amount_minor - coalesce((SELECT sum(a.amount_minor) FROM active_allocations a WHERE a.payment_id = py.id), 0)
             AS unallocated
      FROM payments py JOIN scope ON scope.id = py.account_id, params p
     WHERE py.received_at < p.cutoff AND (py.reversed_at IS NULL OR py.reversed_at >= p.cutoff)
  ), charges AS (
    SELECT currency, open_minor AS amount, ${AGING_BUCKET_SQL('days_past_due')} AS bucket
      FROM invoice_positions WHERE open_minor > 0
    UNION ALL
    SELECT approved.currency, amount_minor, ${AGING_BUCKET_SQL('p.as_of - effective_date')}
      FROM approved, params p WHERE kind IN ('debit_note', 'refund')
  ), currencies AS (
    SELECT DISTINCT currency FROM scope
  )
  SELECT c.currency,
         (SELECT coalesce(sum(total_minor), 0) FROM invoice_positions x WHERE x.currency = c.currency) AS invoiced,
         (SELECT coalesce(sum(amount_minor), 0) FROM payment_positions x WHERE x.currency = c.currency) AS paid,
         (SELECT coalesce(sum(amount_minor), 0) FROM approved x WHERE x.currency = c.currency AND kind = 'credit_note') AS credits,
         (SELECT coalesce(sum(amount_minor), 0) FROM approved x WHERE x.currency = c.currency AND kind <> 'credit_note') AS debits,
         (SELECT coalesce(sum(unallocated), 0) FROM payment_positions x WHERE x.currency = c.currency)
           + (SELECT coalesce(sum(amount_minor), 0) FROM approved x
               WHERE x.currency = c.currency AND kind = 'credit_note' AND invoice_id IS NULL) AS unapplied,
         ${AGING_BUCKETS.map(
           (bucket) =>
             `(SELECT coalesce(sum(amount), 0) FROM charges x WHERE x.currency = c.currency AND bucket = '${bucket}') AS "bucket_${bucket}"`,
         ).join(',\n         ')}
    FROM currencies c
   ORDER BY c.currency`;

@Injectable()
export class LedgerQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Today's date in the desk's time zone, as YYYY-MM-DD. */
  today(): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.config.deskTimeZone }).format(new Date());
  }

  async positions(
    asOf: string,
    accountId: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LedgerPosition[]> {
    const rows = await manager.query<PositionRow[]>(POSITION_SQL, [
      asOf,
      this.config.deskTimeZone,
      accountId,
    ]);
    return rows.map((row) => {
      const aging = Object.fromEntries(
        AGING_BUCKETS.map((bucket) => [bucket, minorUnits(row[`bucket_${bucket}` as keyof PositionRow])]),
      ) as Record<AgingBucket, number>;
      const invoiced = minorUnits(row.invoiced);
      const paid = minorUnits(row.paid);
      const credits = minorUnits(row.credits);
      const debits = minorUnits(row.debits);
      return {
        currency: row.currency,
        asOf,
        balance: invoiced - paid - credits + debits,
        invoiced,
        paid,
        credits,
        debits,
        overdue: aging['1-30'] + aging['31-60'] + aging['61-90'] + aging['90+'],
        unappliedCredit: minorUnits(row.unapplied),
        aging,
      };
    });
  }

  async accountPosition(accountId: string, asOf: string, manager?: EntityManager): Promise<LedgerPosition> {
    const [position] = await this.positions(asOf, accountId, manager);
    return position;
  }

  /**
   * What may be refunded today: the account's credit balance less what its payments are already
   * allocated to invoices not issued yet. Until the invoice is issued such an allocation does not
   * apply, so the payment shows as unapplied credit, but that money is spoken for. `today`: the
   * account's position as of today, when the caller has it already.
   */
  async refundableCredit(
    accountId: string,
    manager: EntityManager = this.dataSource.manager,
    today?: LedgerPosition,
  ): Promise<number> {
    const day = today?.asOf ?? this.today();
    const [position, reserved] = await Promise.all([
      today ?? this.accountPosition(accountId, day, manager),
      this.reservedAfter(accountId, day, manager),
    ]);
    return Math.max(0, -position.balance - reserved);
  }

  /** What the account's payments are allocated to invoices issued after `day`. */
  private async reservedAfter(accountId: string, day: string, manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ reserved: string }[]>(
      `SELECT coalesce(sum(pa.amount_minor), 0) AS reserved
         FROM payment_allocations pa JOIN payments py ON py.id = pa.payment_id
        WHERE py.account_id = $1 AND py.reversed_at IS NULL AND pa.removed_at IS NULL
          AND pa.applied_at >= (($2::date + 1)::timestamp AT TIME ZONE $3)`,
      [accountId, day, this.config.deskTimeZone],
    );
    return minorUnits(row.reserved);
  }
}
