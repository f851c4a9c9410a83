export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'overdue', 'void', 'disputed'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface InvoiceStanding {
  totalMinor: number;
  openMinor: number;
  dueDate: string;
  voided: boolean;
  disputed: boolean;
}

/**
 * Derived, never stored: void and an open dispute win; then paid when nothing is open; then
 * overdue when past due (even if partly paid); then partially paid; else open.
 */
export function invoiceStatus(invoice: InvoiceStanding, today: string): InvoiceStatus {
  if (invoice.voided) return 'void';
  if (invoice.disputed) return 'disputed';
  if (invoice.openMinor <= 0) return 'paid';
  if (invoice.dueDate < today) return 'overdue';
  if (invoice.openMinor < invoice.totalMinor) return 'partially_paid';
  return 'open';
}

/** The same rule in SQL, over columns named as in the invoice queries. */
export const INVOICE_STATUS_SQL = (today: string): string => `CASE
  WHEN i.voided_at IS NOT NULL THEN 'void'
  WHEN d.id IS NOT NULL THEN 'disputed'
  WHEN open_minor <= 0 THEN 'paid'
  WHEN i.due_date < ${today} THEN 'overdue'
  WHEN open_minor < i.total_minor THEN 'partially_paid'
  ELSE 'open' END`;
