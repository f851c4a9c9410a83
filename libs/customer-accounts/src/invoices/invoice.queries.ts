import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LedgerQuery } from '../ledger/ledger.query';
import { minorUnits } from '../money/money';
import { INVOICE_STATUS_SQL, INVOICE_STATUSES, InvoiceStatus } from './invoice-status';
import { OPEN_MINOR_SQL } from './invoice-records';

export class InvoiceSummaryView {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty() number!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() issueDate!: string;
  @ApiProperty() dueDate!: string;
  @ApiProperty({ description: 'Minor units' }) total!: number;
  @ApiProperty({ description: 'Minor units still owed' }) open!: number;
  @ApiProperty({ enum: INVOICE_STATUSES }) status!: InvoiceStatus;
}

export class InvoiceView extends InvoiceSummaryView {
  @ApiProperty() lines!: {
    position: number;
    description: string;
    quantity: string;
    unitPrice: number;
    amount: number;
  }[];
  @ApiProperty() allocations!: {
    id: string;
    paymentId: string;
    amount: number;
    appliedAt: Date;
    removedAt: Date | null;
  }[];
  @ApiProperty() creditNotes!: { id: string; amount: number; status: string; reasonCode: string }[];
  @ApiProperty() disputes!: {
    id: string;
    reason: string;
    openedAt: Date;
    resolvedAt: Date | null;
    resolution: string | null;
  }[];
  @ApiPropertyOptional({ nullable: true }) voidReason!: string | null;
}

interface InvoiceRow {
  id: string;
  account_id: string;
  number: string;
  currency: string;
  issue_date: string;
  due_date: string;
  total_minor: string;
  open_minor: string;
  status: InvoiceStatus;
  void_reason: string | null;
}

@Injectable()
export class InvoiceQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerQuery,
  ) {}

  private select(where: string): string {
    return `SELECT i.id, i.account_id, i.number, i.currency, to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date,
                   to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.total_minor, x.open_minor, i.void_reason,
                   ${INVOICE_STATUS_SQL('$1::date')} AS status
              FROM invoices i
              CROSS JOIN LATERAL (SELECT ${OPEN_MINOR_SQL} AS open_minor) x
              LEFT JOIN invoice_disputes d ON d.invoice_id = i.id AND d.resolved_at IS NULL
             WHERE ${where}`;
  }

  async forAccount(accountId: string, limit = 500): Promise<InvoiceSummaryView[]> {
    const rows = await this.dataSource.query<InvoiceRow[]>(
      `${this.select('i.account_id = $2')} ORDER BY i.issue_date DESC, i.number DESC LIMIT ${limit}`,
      [this.ledger.today(), accountId],
    );
    return rows.map((row) => this.toSummary(row));
  }

  async view(invoiceId: string): Promise<InvoiceView> {
    const [row] = await this.dataSource.query<InvoiceRow[]>(this.select('i.id = $2'), [
      this.ledger.today(),
      invoiceId,
    ]);
    if (!row) throw new NotFoundException(`No invoice with id ${invoiceId}`);
    const [lines, allocations, creditNotes, disputes] = await Promise.all([
      this.dataSource.query<
        {
          position: number;
          description: string;
          quantity: string;
          unit_price_minor: string;
          amount_minor: string;
        }[]
      >(
        `SELECT position, description, quantity::text AS quantity, unit_price_minor, amount_minor
           FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
        [invoiceId],
      ),
      this.dataSource.query<
        { id: string; payment_id: string; amount_minor: string; applied_at: Date; removed_at: Date | null }[]
      >(
        `SELECT id, payment_id, amount_minor, applied_at, removed_at FROM payment_allocations
          WHERE invoice_id = $1 ORDER BY applied_at, id`,
        [invoiceId],
      ),
      this.dataSource.query<{ id: string; amount_minor: string; status: string; reason_code: string }[]>(
        `SELECT id, amount_minor, status, reason_code FROM adjustments
          WHERE invoice_id = $1 AND kind = 'credit_note' ORDER BY made_at`,
        [invoiceId],
      ),
      this.dataSource.query<
        { id: string; reason: string; opened_at: Date; resolved_at: Date | null; resolution: string | null }[]
      >(
        `SELECT id, reason, opened_at, resolved_at, resolution FROM invoice_disputes WHERE invoice_id = $1 ORDER BY opened_at`,
        [invoiceId],
      ),
    ]);
    return {
      ...this.toSummary(row),
      voidReason: row.void_reason,
      lines: lines.map((line) => ({
        position: line.position,
        description: line.description,
        quantity: line.quantity.replace(/\.?0+$/, ''),
        unitPrice: minorUnits(line.unit_price_minor),
        amount: minorUnits(line.amount_minor),
      })),
      allocations: allocations.map((allocation) => ({
        id: allocation.id,
        paymentId: allocation.payment_id,
        amount: minorUnits(allocation.amount_minor),
        appliedAt: allocation.applied_at,
        removedAt: allocation.removed_at,
      })),
      creditNotes: creditNotes.map((note) => ({
        id: note.id,
        amount: minorUnits(note.amount_minor),
        status: note.status,
        reasonCode: note.reason_code,
      })),
      disputes: disputes.map((dispute) => ({
        id: dispute.id,
        reason: dispute.reason,
        openedAt: dispute.opened_at,
        resolvedAt: dispute.resolved_at,
        resolution: dispute.resolution,
      })),
    };
  }

  private toSummary(row: InvoiceRow): InvoiceSummaryView {
    return {
      id: row.id,
      accountId: row.account_id,
      number: row.number,
      currency: row.currency,
      issueDate: row.issue_date,
      dueDate: row.due_date,
      total: minorUnits(row.total_minor),
      open: row.status === 'void' ? 0 : minorUnits(row.open_minor),
      status: row.status,
    };
  }
}
