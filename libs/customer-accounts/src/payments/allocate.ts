import { ConflictException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { loadInvoices } from '../invoices/invoice-records';
import { AllocationDto } from './payment.dto';
import { planOldestDueFirst, PlannedAllocation } from './allocation-plan';

export interface AllocationTarget {
  accountId: string;
  paymentId: string;
  /** What the payment still has to give. */
  available: number;
  /** Allocations take effect from this moment (or the invoice's issue day, if later). */
  effectiveFrom: Date;
  agentId: string | null;
  timeZone: string;
}

function tooMuch(field: string, message: string): UnprocessableEntityException {
  return new UnprocessableEntityException({ message, details: [{ field, problems: [message] }] });
}

/**
 * Applies a payment to invoices, as requested or oldest due first. Invoice rows are locked
 * before their open amounts are read, so parallel allocations to one invoice cannot together
 * exceed it. Returns the allocations written.
 */
export async function allocatePayment(
  manager: EntityManager,
  target: AllocationTarget,
  requested: AllocationDto[] | undefined,
): Promise<(PlannedAllocation & { id: string })[]> {
  let plan: PlannedAllocation[];
  if (requested) {
    const merged = new Map<string, number>();
    for (const allocation of requested) {
      merged.set(allocation.invoiceId, (merged.get(allocation.invoiceId) ?? 0) + allocation.amount);
    }
    const invoices = new Map(
      (await loadInvoices(manager, [...merged.keys()], { lock: true })).map((invoice) => [
        invoice.id,
        invoice,
      ]),
    );
    for (const [invoiceId, amount] of merged) {
      const invoice = invoices.get(invoiceId);
      if (!invoice || invoice.accountId !== target.accountId) {
        throw tooMuch('allocations.invoiceId', `Invoice ${invoiceId} is not an invoice of this account`);
      }
      if (invoice.voided)
        throw new ConflictException(`Invoice ${invoice.number} is void and cannot take payments`);
      if (amount > invoice.openMinor) {
        throw tooMuch(
          'allocations.amount',
          `Allocation of ${amount} to invoice ${invoice.number} exceeds its open amount of ${invoice.openMinor}`,
        );
      }
    }
    const total = [...merged.values()].reduce((sum, amount) => sum + amount, 0);
    if (total > target.available) {
      throw tooMuch(
        'allocations',
        `Allocations add up to ${total}, more than the ${target.available} the payment has left`,
      );
    }
    plan = [...merged].map(([invoiceId, amount]) => ({ invoiceId, amount }));
  } else {
    const candidates = await manager.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE account_id = $1 AND voided_at IS NULL ORDER BY id FOR UPDATE`,
      [target.accountId],
    );
    const invoices = await loadInvoices(
      manager,
      candidates.map((row) => row.id),
    );
    plan = planOldestDueFirst(
      target.available,
      invoices.filter((invoice) => !invoice.disputed),
    );
  }
  if (plan.length === 0) return [];

  const rows = await manager.query<{ id: string; invoice_id: string }[]>(
    `INSERT INTO payment_allocations (payment_id, invoice_id, amount_minor, applied_at, allocated_by)
     SELECT $1, p.invoice_id, p.amount, greatest($4::timestamptz, (i.issue_date::timestamp AT TIME ZONE $5)), $6
       FROM unnest($2::uuid[], $3::bigint[]) AS p(invoice_id, amount)
       JOIN invoices i ON i.id = p.invoice_id
     RETURNING id, invoice_id`,
    [
      target.paymentId,
      plan.map((allocation) => allocation.invoiceId),
      plan.map((allocation) => allocation.amount),
      target.effectiveFrom,
      target.timeZone,
      target.agentId,
    ],
  );
  const ids = new Map(rows.map((row) => [row.invoice_id, row.id]));
  return plan.map((allocation) => ({ ...allocation, id: ids.get(allocation.invoiceId) ?? '' }));
}
