import { assembleInvoice, invoiceKey, parseInvoiceRow } from './invoice-rows';

const fields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  account_number: 'ACC-1',
  invoice_number: 'INV-7',
  issue_date: '2026-01-01',
  due_date: '2026-01-31',
  currency: 'EUR',
  description: 'Pro plan, January',
  quantity: '1',
  unit_price: '12000',
  ...overrides,
});

const reasonOf = (overrides: Record<string, string>): string => {
  const parsed = parseInvoiceRow(fields(overrides));
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.value)}`);
  return parsed.reason;
};

const group = (rows: Record<string, string>[]) => ({
  key: 'ACC-1\u0000INV-7',
  label: 'invoice "INV-7" of account "ACC-1"',
  rows: rows.map((row, index) => ({ line: index + 2, value: parseInvoiceRow(fields(row)) })),
});

describe('parseInvoiceRow', () => {
  it('reads a line and computes its amount from a decimal quantity without float error', () => {
    expect(parseInvoiceRow(fields({ quantity: '1.5', unit_price: '333' }))).toEqual({
      ok: true,
      value: {
        accountNumber: 'ACC-1',
        invoiceNumber: 'INV-7',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        currency: 'EUR',
        description: 'Pro plan, January',
        quantity: '1.5',
        unitPrice: 333,
        amount: 500,
      },
    });
  });

  it('takes a negative unit price for a discount line', () => {
    expect(parseInvoiceRow(fields({ quantity: '2', unit_price: '-1000' }))).toMatchObject({
      ok: true,
      value: { amount: -2000 },
    });
  });

  it('refuses bad dates, a due date before the issue date and an unknown currency', () => {
    expect(reasonOf({ issue_date: '2026-02-30' })).toBe(
      'issue_date "2026-02-30" is not a date like 2026-11-30',
    );
    expect(reasonOf({ due_date: '31/01/2026' })).toBe('due_date "31/01/2026" is not a date like 2026-11-30');
    expect(reasonOf({ due_date: '2025-12-31' })).toBe('due_date 2025-12-31 is before issue_date 2026-01-01');
    expect(reasonOf({ currency: 'EURO' })).toBe('currency "EURO" is not an ISO 4217 code like EUR');
  });

  it('refuses amounts that are not whole minor units and bad quantities', () => {
    expect(reasonOf({ unit_price: '120.00' })).toBe(
      'unit_price "120.00" must be a whole number of minor units (12000 = 120.00)',
    );
    expect(reasonOf({ unit_price: '' })).toBe('unit_price must not be blank');
    expect(reasonOf({ unit_price: '99999999999999' })).toBe('unit_price 99999999999999 is too large');
    for (const quantity of ['0', '0.0000', '-1', '1.23456', 'two']) {
      expect(reasonOf({ quantity })).toBe(
        `quantity ${JSON.stringify(quantity)} must be a positive decimal with at most 4 places`,
      );
    }
  });

  it('refuses a line whose amount is beyond the largest amount taken, instead of failing the file', () => {
    expect(reasonOf({ quantity: '9999999999', unit_price: '10000000000000' })).toBe(
      'quantity 9999999999 × unit_price 10000000000000 is more than 10000000000000 minor units',
    );
    expect(reasonOf({ quantity: '2', unit_price: '-10000000000000' })).toBe(
      'quantity 2 × unit_price -10000000000000 is more than 10000000000000 minor units',
    );
  });

  it('refuses a blank description and a malformed invoice number', () => {
    expect(reasonOf({ description: '' })).toBe('description must not be blank');
    expect(reasonOf({ invoice_number: 'INV 7' })).toBe(
      'invoice_number "INV 7" must be 1-64 letters, digits, . _ / -',
    );
  });
});

describe('invoiceKey', () => {
  it('keys rows by account and invoice number', () => {
    expect(invoiceKey(fields())).toEqual({
      key: 'ACC-1\u0000INV-7',
      label: 'invoice "INV-7" of account "ACC-1"',
    });
    expect(invoiceKey(fields({ invoice_number: ' ' }))).toBeUndefined();
  });
});

describe('assembleInvoice', () => {
  it('makes one invoice of its rows, lines in file order, totalled', () => {
    const assembled = assembleInvoice(
      group([
        { description: 'Seats', quantity: '3', unit_price: '1999' },
        { description: 'Discount', quantity: '1', unit_price: '-997' },
      ]),
    );
    expect(assembled).toEqual({
      ok: true,
      document: {
        lines: [2, 3],
        label: 'invoice "INV-7" of account "ACC-1"',
        accountNumber: 'ACC-1',
        number: 'INV-7',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        currency: 'EUR',
        items: [
          { position: 1, description: 'Seats', quantity: '3', unitPrice: 1999, amount: 5997 },
          { position: 2, description: 'Discount', quantity: '1', unitPrice: -997, amount: -997 },
        ],
        total: 5000,
      },
    });
  });

  it('refuses an invoice whose rows disagree on dates or currency (mixed currencies)', () => {
    const assembled = assembleInvoice(group([{}, { currency: 'USD' }]));
    expect(assembled).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'rejected with the rest of invoice "INV-7" of account "ACC-1" (see line 3)' },
        {
          line: 3,
          reason:
            'currency USD differs from line 2 (EUR): the rows of an invoice repeat its dates and currency',
        },
      ],
    });
  });

  it('refuses an invoice whose lines add up to a negative total, on every row', () => {
    const assembled = assembleInvoice(group([{ unit_price: '100' }, { unit_price: '-500' }]));
    const reason =
      'the lines of invoice "INV-7" of account "ACC-1" add up to -400, a negative total (raise a credit note instead)';
    expect(assembled).toEqual({
      ok: false,
      errors: [
        { line: 2, reason },
        { line: 3, reason },
      ],
    });
  });

  it('refuses the whole invoice when one line is bad', () => {
    const assembled = assembleInvoice(group([{}, { quantity: '1.23456' }, {}]));
    expect(assembled.ok).toBe(false);
    expect(!assembled.ok && assembled.errors.map((error) => error.line)).toEqual([2, 3, 4]);
  });
});
