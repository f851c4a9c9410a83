import { planOldestDueFirst } from './allocation-plan';

const invoice = (id: string, dueDate: string, openMinor: number) => ({
  id,
  dueDate,
  issueDate: '2026-01-01',
  number: id,
  openMinor,
});

describe('planOldestDueFirst', () => {
  it('settles the oldest due invoices first and leaves the rest as credit', () => {
    const plan = planOldestDueFirst(25000, [
      invoice('late', '2026-03-01', 10000),
      invoice('oldest', '2026-01-31', 8000),
      invoice('newest', '2026-05-01', 20000),
    ]);
    expect(plan).toEqual([
      { invoiceId: 'oldest', amount: 8000 },
      { invoiceId: 'late', amount: 10000 },
      { invoiceId: 'newest', amount: 7000 },
    ]);
  });

  it('skips settled invoices and stops when the payment is used up', () => {
    expect(
      planOldestDueFirst(500, [invoice('paid', '2026-01-01', 0), invoice('open', '2026-02-01', 900)]),
    ).toEqual([{ invoiceId: 'open', amount: 500 }]);
  });

  it('plans nothing when no invoice is open', () => {
    expect(planOldestDueFirst(500, [])).toEqual([]);
  });
});
