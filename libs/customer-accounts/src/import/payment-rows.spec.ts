import { assemblePayment, ImportClock, parsePaymentRow, paymentKey } from './payment-rows';

const clock: ImportClock = { nowMs: Date.parse('2026-03-01T12:00:00Z'), today: '2026-03-01' };

const fields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  account_number: 'ACC-1',
  reference: 'PAY-1',
  amount: '15000',
  currency: 'EUR',
  method: 'bank_transfer',
  received_at: '2026-02-10T09:30:00+01:00',
  invoice_number: '',
  allocated_amount: '',
  ...overrides,
});

const reasonOf = (overrides: Record<string, string>): string => {
  const parsed = parsePaymentRow(fields(overrides), clock);
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.value)}`);
  return parsed.reason;
};

const group = (rows: Record<string, string>[]) => ({
  key: 'ACC-1\u0000PAY-1',
  label: 'payment "PAY-1" of account "ACC-1"',
  rows: rows.map((row, index) => ({ line: index + 2, value: parsePaymentRow(fields(row), clock) })),
});

describe('parsePaymentRow', () => {
  it('reads a payment without allocation, its moment normalised to UTC', () => {
    expect(parsePaymentRow(fields(), clock)).toEqual({
      ok: true,
      value: {
        accountNumber: 'ACC-1',
        reference: 'PAY-1',
        amount: 15000,
        currency: 'EUR',
        method: 'bank_transfer',
        receivedAt: { kind: 'instant', iso: '2026-02-10T08:30:00.000Z' },
      },
    });
  });

  it('reads a calendar date as received_at, and an allocation', () => {
    expect(
      parsePaymentRow(
        fields({ received_at: '2026-03-01', invoice_number: 'INV-7', allocated_amount: '5000' }),
        clock,
      ),
    ).toMatchObject({
      ok: true,
      value: {
        receivedAt: { kind: 'date', date: '2026-03-01' },
        allocation: { invoiceNumber: 'INV-7', amount: 5000 },
      },
    });
  });

  it('refuses amounts that are negative, zero or not whole minor units', () => {
    expect(reasonOf({ amount: '-100' })).toBe('amount -100 must be positive');
    expect(reasonOf({ amount: '0' })).toBe('amount 0 must be positive');
    expect(reasonOf({ amount: '150.00' })).toBe(
      'amount "150.00" must be a whole number of minor units (12000 = 120.00)',
    );
    expect(reasonOf({ invoice_number: 'INV-7', allocated_amount: '-5' })).toBe(
      'allocated_amount -5 must be positive',
    );
  });

  it('refuses a bad method, currency or moment, and one in the future', () => {
    expect(reasonOf({ method: 'bitcoin' })).toBe(
      'method "bitcoin" must be one of card, bank_transfer, direct_debit, cash, check, wallet, other',
    );
    expect(reasonOf({ currency: 'XYZ' })).toBe('currency "XYZ" is not an ISO 4217 code like EUR');
    expect(reasonOf({ received_at: '2026-02-10 09:30' })).toBe(
      'received_at "2026-02-10 09:30" has no UTC offset (end it with Z or ±hh:mm) or a date like 2026-11-30',
    );
    expect(reasonOf({ received_at: '2026-02-30' })).toMatch(
      /^received_at "2026-02-30" is not an ISO 8601 timestamp/,
    );
    expect(reasonOf({ received_at: '2026-03-02' })).toBe('received_at 2026-03-02 is in the future');
    expect(reasonOf({ received_at: '2026-03-01T13:00:00Z' })).toBe(
      'received_at 2026-03-01T13:00:00Z is in the future',
    );
  });

  it('refuses an allocation with only one of its two columns', () => {
    expect(reasonOf({ invoice_number: 'INV-7' })).toBe(
      'invoice_number and allocated_amount go together: give both or neither',
    );
    expect(reasonOf({ allocated_amount: '100' })).toBe(
      'invoice_number and allocated_amount go together: give both or neither',
    );
  });
});

describe('paymentKey', () => {
  it('keys rows by account and reference', () => {
    expect(paymentKey(fields())).toEqual({
      key: 'ACC-1\u0000PAY-1',
      label: 'payment "PAY-1" of account "ACC-1"',
    });
    expect(paymentKey(fields({ reference: '' }))).toBeUndefined();
  });
});

describe('assemblePayment', () => {
  it('leaves a single row without allocation to be allocated oldest due first', () => {
    const assembled = assemblePayment(group([{}]));
    expect(assembled).toMatchObject({
      ok: true,
      document: { amount: 15000, allocations: undefined, lines: [2] },
    });
  });

  it('spreads a payment over the invoices of its rows', () => {
    const assembled = assemblePayment(
      group([
        { invoice_number: 'INV-1', allocated_amount: '10000' },
        { invoice_number: 'INV-2', allocated_amount: '4000' },
      ]),
    );
    expect(assembled).toMatchObject({
      ok: true,
      document: {
        amount: 15000,
        allocations: [
          { line: 2, invoiceNumber: 'INV-1', amount: 10000 },
          { line: 3, invoiceNumber: 'INV-2', amount: 4000 },
        ],
      },
    });
  });

  it('refuses allocations that add up to more than the amount (over-allocation)', () => {
    const assembled = assemblePayment(
      group([
        { invoice_number: 'INV-1', allocated_amount: '10000' },
        { invoice_number: 'INV-2', allocated_amount: '6000' },
      ]),
    );
    expect(assembled).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'rejected with the rest of payment "PAY-1" of account "ACC-1" (see line 3)' },
        {
          line: 3,
          reason: 'the allocations add up to 16000, more than the amount of 15000 (over-allocation)',
        },
      ],
    });
  });

  it('refuses rows that change the amount, allocate an invoice twice or leave the allocation out', () => {
    const reasons = (rows: Record<string, string>[]) => {
      const assembled = assemblePayment(group(rows));
      return assembled.ok ? [] : assembled.errors.map((error) => error.reason);
    };
    expect(
      reasons([
        { invoice_number: 'INV-1', allocated_amount: '100' },
        { invoice_number: 'INV-2', allocated_amount: '100', amount: '16000' },
      ])[1],
    ).toBe(
      'amount 16000 differs from line 2 (15000): the rows of a payment repeat its amount, currency, method and received_at',
    );
    expect(
      reasons([
        { invoice_number: 'INV-1', allocated_amount: '100' },
        { invoice_number: 'INV-1', allocated_amount: '100' },
      ])[1],
    ).toBe('invoice "INV-1" is already allocated on line 2');
    expect(reasons([{ invoice_number: 'INV-1', allocated_amount: '100' }, {}])[1]).toBe(
      'a payment on several rows needs invoice_number and allocated_amount on each',
    );
  });
});
