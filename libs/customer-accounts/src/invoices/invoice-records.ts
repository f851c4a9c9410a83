import { NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { minorUnits } from '../money/money';

export interface InvoiceRecord {
  id: string;
  accountId: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  totalMinor: number;
  openMinor: number;
  voided: boolean;
  disputed: boolean;
}

interface InvoiceRecordRow {
  id: string;
  account_id: string;
  number: string;
  currency: string;
  issue_date: string;
  due_date: string;
  total_minor: string;
  open_minor: string;
  voided: boolean;
  disputed: boolean;
}

/** Open amount today: total − live allocations − approved credit notes on the invoice. */
export const OPEN_MINOR_SQL = `i.total_minor
  - coalesce((SELECT sum(a.amount_minor) FROM payment_allocations a WHERE a.invoice_id = i.id AND a.removed_at IS NULL), 0)
  - coalesce((SELECT sum(c.amount_minor) FROM adjustments c
               WHERE c.invoice_id = i.id AND c.kind = 'credit_note' AND c.status = 'approved'), 0)`;

/**
 * Loads invoices with their open amount. With `lock`, the invoice rows are locked in id order
 * first, so concurrent allocations to the same invoice queue up instead of over-allocating.
 */
export async function loadInvoices(
  manager: EntityManager,
  invoiceIds: string[],
  options: { lock?: boolean } = {},
): Promise<InvoiceRecord[]> {
  if (invoiceIds.length === 0) return [];
  if (options.lock) {
    await manager.query(`SELECT id FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      invoiceIds,
    ]);
  }
  const rows = await manager.query<InvoiceRecordRow[]>(
    `SELECT i.id, i.account_id, i.number, i.currency, to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date,
            to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.total_minor, ${OPEN_MINOR_SQL} AS open_minor,
            i.voided_at IS NOT NULL AS voided,
            EXISTS (SELECT 1 FROM invoice_disputes d WHERE d.invoice_id = i.id AND d.resolved_at IS NULL) AS disputed
       FROM invoices i WHERE i.id = ANY($1::uuid[])`,
    [invoiceIds],
  );
  return rows.map((row) => ({
    id: row.id,
    accountId: row.account_id,
    number: row.number,
    currency: row.currency,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    totalMinor: minorUnits(row.total_minor),
    openMinor: minorUnits(row.open_minor),
    voided: row.voided,
    disputed: row.disputed,
  }));
}

export async function loadInvoice(
  manager: EntityManager,
  invoiceId: string,
  options: { lock?: boolean } = {},
): Promise<InvoiceRecord> {
  const [invoice] = await loadInvoices(manager, [invoiceId], options);
  if (!invoice) throw new NotFoundException(`No invoice with id ${invoiceId}`);
  return invoice;
}
