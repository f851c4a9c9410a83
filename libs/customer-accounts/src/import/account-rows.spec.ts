import { accountKey, assembleAccount, contactKeys, parseAccountRow } from './account-rows';

const fields = (overrides: Record<string, string> = {}): Record<string, string> => ({
  number: 'ACC-1',
  name: 'Northwind Traders',
  currency: 'EUR',
  status: '',
  contact_email: '',
  contact_phone: '',
  contact_name: '',
  tax_id: '',
  ...overrides,
});

const reasonOf = (overrides: Record<string, string>): string => {
  const parsed = parseAccountRow(fields(overrides));
  if (parsed.ok) throw new Error(`expected a rejection, got ${JSON.stringify(parsed.value)}`);
  return parsed.reason;
};

const group = (rows: Record<string, string>[]) => ({
  key: 'ACC-1',
  label: 'account "ACC-1"',
  rows: rows.map((row, index) => ({ line: index + 2, value: parseAccountRow(fields(row)) })),
});

describe('parseAccountRow', () => {
  it('reads an account with blank optional fields left out', () => {
    expect(parseAccountRow(fields({ name: '  Northwind Traders ' }))).toEqual({
      ok: true,
      value: {
        number: 'ACC-1',
        name: 'Northwind Traders',
        currency: 'EUR',
        status: undefined,
        taxId: undefined,
      },
    });
  });

  it('reads status, tax id and a contact with a lower-cased email', () => {
    expect(
      parseAccountRow(
        fields({
          status: 'suspended',
          tax_id: 'DE123456789',
          contact_email: 'AP@Northwind.example',
          contact_phone: '+49 30 1234 5678',
          contact_name: 'Accounts payable',
        }),
      ),
    ).toEqual({
      ok: true,
      value: expect.objectContaining({
        status: 'suspended',
        taxId: 'DE123456789',
        contact: { email: 'ap@northwind.example', phone: '+49 30 1234 5678', name: 'Accounts payable' },
      }),
    });
  });

  it('names the bad field', () => {
    expect(reasonOf({ number: 'ACC 1' })).toBe('number "ACC 1" must be 1-64 letters, digits, . _ / -');
    expect(reasonOf({ name: ' ' })).toBe('name must not be blank');
    expect(reasonOf({ currency: 'XYZ' })).toBe('currency "XYZ" is not an ISO 4217 code like EUR');
    expect(reasonOf({ currency: 'eur' })).toBe('currency "eur" is not an ISO 4217 code like EUR');
    expect(reasonOf({ status: 'gone' })).toBe('status "gone" must be one of active, suspended, closed');
    expect(reasonOf({ contact_email: 'nope' })).toBe('contact_email "nope" is not an email address');
    expect(reasonOf({ contact_phone: 'call me' })).toBe('contact_phone "call me" is not a phone number');
    expect(reasonOf({ contact_name: 'Pat' })).toBe('contact_name needs a contact_email or contact_phone');
    expect(reasonOf({ tax_id: 'x'.repeat(51) })).toBe('tax_id is longer than 50 characters');
  });
});

describe('accountKey', () => {
  it('keys rows by the trimmed number, and not at all without one', () => {
    expect(accountKey(fields({ number: ' ACC-1 ' }))).toEqual({ key: 'ACC-1', label: 'account "ACC-1"' });
    expect(accountKey(fields({ number: '' }))).toBeUndefined();
  });
});

describe('assembleAccount', () => {
  it('collects one contact per row, a contact given twice (by email or phone digits) once', () => {
    const assembled = assembleAccount(
      group([
        { contact_email: 'ap@northwind.example' },
        { contact_phone: '+44 20 7946 0958', contact_name: 'Front desk' },
        { contact_email: 'AP@northwind.example', contact_name: 'again' },
        { contact_phone: '(44) 20-7946-0958' },
        {},
      ]),
    );
    expect(assembled).toEqual({
      ok: true,
      document: {
        lines: [2, 3, 4, 5, 6],
        label: 'account "ACC-1"',
        number: 'ACC-1',
        name: 'Northwind Traders',
        currency: 'EUR',
        status: undefined,
        taxId: undefined,
        contacts: [
          { email: 'ap@northwind.example', phone: null, name: null },
          { email: null, phone: '+44 20 7946 0958', name: 'Front desk' },
        ],
      },
    });
  });

  it('refuses the account when a row does not repeat its fields', () => {
    expect(assembleAccount(group([{}, { name: 'Northwind Ltd' }, {}]))).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'rejected with the rest of account "ACC-1" (see line 3)' },
        {
          line: 3,
          reason:
            'name "Northwind Ltd" differs from line 2 ("Northwind Traders"): the rows of an account repeat its fields',
        },
        { line: 4, reason: 'rejected with the rest of account "ACC-1" (see line 3)' },
      ],
    });
  });

  it('refuses the whole account when one of its rows is bad', () => {
    const assembled = assembleAccount(group([{}, { contact_email: 'broken' }]));
    expect(assembled).toEqual({
      ok: false,
      errors: [
        { line: 2, reason: 'rejected with the rest of account "ACC-1" (see line 3)' },
        { line: 3, reason: 'contact_email "broken" is not an email address' },
      ],
    });
  });
});

describe('contactKeys', () => {
  it('matches contacts by email in any case and by phone digits', () => {
    expect(contactKeys({ email: 'AP@X.example', phone: '+1 (555) 010-0' })).toEqual([
      'email:ap@x.example',
      'phone:15550100',
    ]);
    expect(contactKeys({ email: null, phone: null })).toEqual([]);
  });
});
