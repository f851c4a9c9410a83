export interface OpenInvoice {
  id: string;
  dueDate: string;
  issueDate: string;
  number: string;
  openMinor: number;
}

export interface PlannedAllocation {
  invoiceId: string;
  amount: number;
}

/** Oldest due first (then oldest issued, then number): how a payment without instructions is applied. */
export function planOldestDueFirst(amount: number, invoices: OpenInvoice[]): PlannedAllocation[] {
  const ordered = [...invoices]
    .filter((invoice) => invoice.openMinor > 0)
    .sort(
      (a, b) =>
        a.dueDate.localeCompare(b.dueDate) ||
        a.issueDate.localeCompare(b.issueDate) ||
        a.number.localeCompare(b.number),
    );
  const plan: PlannedAllocation[] = [];
  let remaining = amount;
  for (const invoice of ordered) {
    if (remaining <= 0) break;
    const applied = Math.min(remaining, invoice.openMinor);
    plan.push({ invoiceId: invoice.id, amount: applied });
    remaining -= applied;
  }
  return plan;
}
