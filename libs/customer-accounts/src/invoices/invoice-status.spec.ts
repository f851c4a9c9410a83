import { agingBucket } from '../ledger/aging';
import { invoiceStatus } from './invoice-status';

const base = { totalMinor: 10000, openMinor: 10000, dueDate: '2026-11-30', voided: false, disputed: false };

describe('invoiceStatus', () => {
  it('is open before the due date with nothing paid', () => {
    expect(invoiceStatus(base, '2026-11-30')).toBe('open');
  });

  it('is partially paid before the due date with part paid', () => {
    expect(invoiceStatus({ ...base, openMinor: 4000 }, '2026-11-01')).toBe('partially_paid');
  });

  it('is overdue after the due date while anything is open', () => {
    expect(invoiceStatus({ ...base, openMinor: 4000 }, '2026-12-01')).toBe('overdue');
  });

  it('is paid when nothing is open, whatever the date', () => {
    expect(invoiceStatus({ ...base, openMinor: 0 }, '2027-06-01')).toBe('paid');
  });

  it('lets void and dispute win', () => {
    expect(invoiceStatus({ ...base, voided: true, disputed: true }, '2026-11-01')).toBe('void');
    expect(invoiceStatus({ ...base, disputed: true, openMinor: 0 }, '2026-11-01')).toBe('disputed');
  });
});

describe('agingBucket', () => {
  it.each([
    [-5, 'current'],
    [0, 'current'],
    [1, '1-30'],
    [30, '1-30'],
    [31, '31-60'],
    [60, '31-60'],
    [61, '61-90'],
    [90, '61-90'],
    [91, '90+'],
  ])('puts %i days past due in %s', (days, bucket) => {
    expect(agingBucket(days)).toBe(bucket);
  });
});
