import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { loadAccount } from '../accounts/account-records';
import { minorUnits } from '../money/money';
import { LedgerQuery } from './ledger.query';

export class StatementLine {
  @ApiProperty({ example: '2026-11-03' }) date!: string;
  @ApiProperty({
    enum: [
      'invoice',
      'invoice_void',
      'payment',
      'payment_reversal',
      'credit_note',
      'debit_note',
      'refund',
      'credit_note_reversal',
      'debit_note_reversal',
      'refund_reversal',
    ],
  })
  kind!: string;
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'INV-2031' }) reference!: string;
  @ApiProperty({ description: 'Signed minor units: + owed by the customer, − in the customer’s favour' })
  amount!: number;
  @ApiProperty({ description: 'Balance after this line' }) balance!: number;
}

export class Statement {
  @ApiProperty() accountId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ description: 'Balance at the end of the day before `from`' }) openingBalance!: number;
  @ApiProperty({ type: [StatementLine] }) lines!: StatementLine[];
  @ApiProperty({ description: 'openingBalance + the lines; equals the balance as of `to`' })
  closingBalance!: number;
}

/** Dates are calendar days in DESK_TIMEZONE; a document moves the balance on the day it takes effect. */
const MOVEMENTS_SQL = `
  WITH docs AS (
    SELECT i.id, i.number, i.total_minor, i.issue_date, (i.voided_at AT TIME ZONE $4)::date AS void_date, i.created_at
      FROM invoices i WHERE i.account_id = $1
  ), adjustment_docs AS (
    -- On an invoice: from its issue day at the earliest, as the balance counts it.
    SELECT ad.id, ad.kind, ad.reason_code, ad.effective_at, ad.reversed_at,
           greatest((ad.effective_at AT TIME ZONE $4)::date, i.issue_date) AS date,
           (ad.reversed_at AT TIME ZONE $4)::date AS reversal_date,
           CASE WHEN ad.kind = 'credit_note' THEN -ad.amount_minor ELSE ad.amount_minor END AS amount
      FROM adjustments ad LEFT JOIN invoices i ON i.id = ad.invoice_id
     WHERE ad.account_id = $1 AND ad.status IN ('approved', 'reversed')
  ), movements AS (
    SELECT issue_date AS date, 'invoice' AS kind, id, number AS reference, total_minor AS amount, created_at AS seq
      FROM docs WHERE void_date IS NULL OR void_date > issue_date
    UNION ALL
    SELECT void_date, 'invoice_void', id, number, -total_minor, created_at
      FROM docs WHERE void_date > issue_date
    UNION ALL
    SELECT (p.received_at AT TIME ZONE $4)::date, 'payment', p.id, p.reference, -p.amount_minor, p.received_at
      FROM payments p WHERE p.account_id = $1
    UNION ALL
    SELECT (p.reversed_at AT TIME ZONE $4)::date, 'payment_reversal', p.id, p.reference, p.amount_minor, p.reversed_at
      FROM payments p WHERE p.account_id = $1 AND p.reversed_at IS NOT NULL
    UNION ALL
    -- Reversed before it took effect (a credit note on an invoice not issued yet): neither line.
    SELECT date, kind, id, reason_code, amount, effective_at
      FROM adjustment_docs WHERE reversal_date IS NULL OR reversal_date >= date
    UNION ALL
    SELECT reversal_date, kind || '_reversal', id, reason_code, -amount, reversed_at
      FROM adjustment_docs WHERE reversal_date >= date
  )
  SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, id, reference, amount
    FROM movements WHERE date BETWEEN $2::date AND $3::date
   ORDER BY date, seq, id`;

@Injectable()
export class StatementQuery {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerQuery,
    private readonly config: AppConfig,
  ) {}

  async statement(accountId: string, from: string, to: string): Promise<Statement> {
    if (to < from) {
      throw new UnprocessableEntityException({
        message: 'to must not be before from',
        details: [{ field: 'to', problems: ['before from'] }],
      });
    }
    const account = await loadAccount(this.dataSource.manager, accountId);
    const [{ day_before }] = await this.dataSource.query<{ day_before: string }[]>(
      `SELECT to_char($1::date - 1, 'YYYY-MM-DD') AS day_before`,
      [from],
    );
    const opening = await this.ledger.accountPosition(accountId, day_before);
    const rows = await this.dataSource.query<Omit<StatementLine, 'balance'>[]>(MOVEMENTS_SQL, [
      accountId,
      from,
      to,
      this.config.deskTimeZone,
    ]);
    let balance = opening.balance;
    const lines = rows.map((row) => {
      const amount = minorUnits(row.amount);
      balance += amount;
      return { ...row, amount, balance };
    });
    return {
      accountId,
      currency: account.currency,
      from,
      to,
      openingBalance: opening.balance,
      lines,
      closingBalance: balance,
    };
  }
}
