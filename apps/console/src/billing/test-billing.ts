import type { BillingContext } from '../shared/api-types';

/** For component tests: an account owing US$1,234.00 with one overdue invoice, and what a test changes. */
export const testBilling = (overrides: Partial<BillingContext> = {}): BillingContext => ({
  account: { id: 'acc-1', number: 'AW-7007', name: 'Adventure Works', status: 'active', currency: 'USD' },
  balance: 123_400,
  overdue: 15_000,
  unappliedCredit: 0,
  aging: { current: 108_400, '1-30': 15_000, '31-60': 0, '61-90': 0, '90+': 0 },
  recentInvoices: [
    {
      id: 'inv-1',
      number: 'INV-1990',
      currency: 'USD',
      issueDate: '2026-09-26',
      dueDate: '2026-10-26',
      total: 15_000,
      open: 15_000,
      status: 'overdue',
    },
  ],
  recentPayments: [],
  openDisputes: [],
  ...overrides,
});
