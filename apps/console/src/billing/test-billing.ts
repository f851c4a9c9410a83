import type { AdjustmentSummary, BillingContext } from '../shared/api-types';

/** For component tests: an account owing US$1,234.00 with one overdue invoice, and what a test changes. */
export const testBilling = (overrides: Partial<BillingContext> = {}): BillingContext => ({
  account: { id: 'acc-1', number: 'AW-7007', name: 'Adventure Works', status: 'active', currency: 'USD' },
  balance: 123_400,
  overdue: 15_000,
  unappliedCredit: 0,
  refundableCredit: 0,
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
  adjustments: [],
  openDisputes: [],
  ...overrides,
});

/** For component tests: a credit note of US$250.00 on INV-1990 waiting for approval, and what a test changes. */
export const testAdjustment = (overrides: Partial<AdjustmentSummary> = {}): AdjustmentSummary => ({
  id: 'adj-1',
  accountId: 'acc-1',
  accountNumber: 'AW-7007',
  accountName: 'Adventure Works',
  kind: 'credit_note',
  amount: 25_000,
  currency: 'USD',
  reasonCode: 'billing_error',
  memo: 'Setup fee charged twice',
  invoiceId: 'inv-1',
  invoiceNumber: 'INV-1990',
  status: 'pending_approval',
  madeBy: 'a2',
  madeByName: 'Grace',
  madeAt: '2026-11-24T15:00:00Z',
  ticketId: 't7',
  ticketNumber: 'LD-1007',
  decidedAt: null,
  decisionNote: null,
  reversedAt: null,
  reversalReason: null,
  ...overrides,
});
