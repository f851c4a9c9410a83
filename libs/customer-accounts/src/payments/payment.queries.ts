import { Injectable, NotFoundException } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { minorUnits } from '../money/money';
import { PAYMENT_METHODS, PaymentMethod } from './payment.dto';

export class AllocationView {
  @ApiProperty() id!: string;
  @ApiProperty() invoiceId!: string;
  @ApiProperty() invoiceNumber!: string;
  @ApiProperty() amount!: number;
  @ApiProperty() appliedAt!: Date;
  @ApiPropertyOptional({ nullable: true }) removedAt!: Date | null;
}

export class PaymentView {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'Minor units' }) amount!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ enum: PAYMENT_METHODS }) method!: PaymentMethod;
  @ApiProperty() reference!: string;
  @ApiProperty() receivedAt!: Date;
  @ApiProperty({ description: 'Allocated to invoices now' }) allocated!: number;
  @ApiProperty({ description: 'Kept as account credit' }) unallocated!: number;
  @ApiPropertyOptional({ nullable: true }) reversedAt!: Date | null;
  @ApiPropertyOptional({ nullable: true }) reversalReason!: string | null;
  @ApiProperty({ type: [AllocationView] }) allocations!: AllocationView[];
}

interface PaymentRow {
  id: string;
  account_id: string;
  amount_minor: string;
  currency: string;
  method: PaymentMethod;
  reference: string;
  received_at: Date;
  reversed_at: Date | null;
  reversal_reason: string | null;
  allocations: {
    id: string;
    invoiceId: string;
    invoiceNumber: string;
    amount: number;
    appliedAt: string;
    removedAt: string | null;
  }[];
}

@Injectable()
export class PaymentQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private select(where: string, limit = ''): string {
    return `SELECT p.id, p.account_id, p.amount_minor, p.currency, p.method, p.reference, p.received_at,
                   p.reversed_at, p.reversal_reason,
                   coalesce((SELECT json_agg(json_build_object('id', a.id, 'invoiceId', a.invoice_id, 'invoiceNumber', i.number,
                                       'amount', a.amount_minor, 'appliedAt', a.applied_at, 'removedAt', a.removed_at)
                                      ORDER BY a.applied_at, i.due_date, i.number, a.id)
                               FROM payment_allocations a JOIN invoices i ON i.id = a.invoice_id
                              WHERE a.payment_id = p.id), '[]') AS allocations
              FROM payments p WHERE ${where} ORDER BY p.received_at DESC, p.id DESC ${limit}`;
  }

  async forAccount(accountId: string, limit = 500): Promise<PaymentView[]> {
    const rows = await this.dataSource.query<PaymentRow[]>(
      this.select('p.account_id = $1', `LIMIT ${limit}`),
      [accountId],
    );
    return rows.map((row) => this.toView(row));
  }

  async view(paymentId: string): Promise<PaymentView> {
    const [row] = await this.dataSource.query<PaymentRow[]>(this.select('p.id = $1'), [paymentId]);
    if (!row) throw new NotFoundException(`No payment with id ${paymentId}`);
    return this.toView(row);
  }

  private toView(row: PaymentRow): PaymentView {
    const allocations = row.allocations.map((allocation) => ({
      ...allocation,
      amount: minorUnits(allocation.amount),
      appliedAt: new Date(allocation.appliedAt),
      removedAt: allocation.removedAt ? new Date(allocation.removedAt) : null,
    }));
    const amount = minorUnits(row.amount_minor);
    const allocated = allocations.filter((a) => !a.removedAt).reduce((sum, a) => sum + a.amount, 0);
    return {
      id: row.id,
      accountId: row.account_id,
      amount,
      currency: row.currency,
      method: row.method,
      reference: row.reference,
      receivedAt: row.received_at,
      allocated,
      unallocated: row.reversed_at ? 0 : amount - allocated,
      reversedAt: row.reversed_at,
      reversalReason: row.reversal_reason,
      allocations,
    };
  }
}
