import { Command } from 'commander';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registerImportBillingCommand } from '../../apps/cli/src/commands/import-billing.command';
import { uniquePrefix } from '../support/history-import';
import { TestAgent, TestApp } from '../support/test-app';

const CSV = 'text/csv';
const ACCOUNTS_HEADER = 'number,name,currency,status,contact_email,contact_phone,contact_name,tax_id';
const INVOICES_HEADER =
  'account_number,invoice_number,issue_date,due_date,currency,description,quantity,unit_price';
const PAYMENTS_HEADER =
  'account_number,reference,amount,currency,method,received_at,invoice_number,allocated_amount';

/** A CSV body: the header, then one line per row. */
const csv = (header: string, rows: string[]): string => [header, ...rows].join('\r\n') + '\r\n';

describe('billing import (CSV files of the billing system)', () => {
  let testApp: TestApp;
  let admin: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    admin = await testApp.agent('admin');
  });

  afterAll(() => testApp.close());

  const send = (file: string, body: string, auth = admin.auth, contentType = CSV) =>
    testApp
      .http()
      .post(`/api/billing-import/${file}`)
      .set('Authorization', auth)
      .set('Content-Type', contentType)
      .send(body);

  const query = <T>(sql: string, params: unknown[]): Promise<T[]> => testApp.dataSource.query(sql, params);

  const accountId = async (number: string): Promise<string | undefined> =>
    (await query<{ id: string }>(`SELECT id FROM customer_accounts WHERE number = $1`, [number]))[0]?.id;

  /** Rows in every billing table that belong to these accounts. */
  const footprint = async (numbers: string[]) =>
    (
      await query<Record<string, number>>(
        `WITH a AS (SELECT id FROM customer_accounts WHERE number = ANY($1::text[]))
         SELECT (SELECT count(*)::int FROM a) AS accounts,
                (SELECT count(*)::int FROM account_contacts WHERE account_id IN (SELECT id FROM a)) AS contacts,
                (SELECT count(*)::int FROM invoices WHERE account_id IN (SELECT id FROM a)) AS invoices,
                (SELECT count(*)::int FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
                  WHERE i.account_id IN (SELECT id FROM a)) AS invoice_lines,
                (SELECT count(*)::int FROM payments WHERE account_id IN (SELECT id FROM a)) AS payments,
                (SELECT count(*)::int FROM payment_allocations x JOIN payments p ON p.id = x.payment_id
                  WHERE p.account_id IN (SELECT id FROM a)) AS allocations,
                (SELECT count(*)::int FROM billing_audit_log WHERE account_id IN (SELECT id FROM a)) AS audit_entries,
                (SELECT max(updated_at)::text FROM customer_accounts WHERE id IN (SELECT id FROM a)) AS last_update`,
        [numbers],
      )
    )[0];

  const allocationsOf = (number: string) =>
    query<{ reference: string; invoice: string; amount: number }>(
      `SELECT p.reference, i.number AS invoice, x.amount_minor::int AS amount
         FROM payment_allocations x JOIN payments p ON p.id = x.payment_id JOIN invoices i ON i.id = x.invoice_id
         JOIN customer_accounts c ON c.id = p.account_id
        WHERE c.number = $1 ORDER BY p.reference, i.number`,
      [number],
    );

  describe('a set of good files', () => {
    const p = uniquePrefix('imp');
    const [alpha, beta] = [`${p}-A`, `${p}-B`];
    const files = {
      accounts: csv(ACCOUNTS_HEADER, [
        `${alpha},Alpha GmbH,EUR,,AP@alpha.example,,Accounts payable,DE111`,
        `${alpha},Alpha GmbH,EUR,,,+49 30 1234 5678,Front desk,DE111`,
        `${beta},"Beta, ""The"" Ltd",GBP,suspended,,,,`,
      ]),
      invoices: csv(INVOICES_HEADER, [
        `${alpha},A-1,2025-01-01,2025-01-31,EUR,Seats,3,1999`,
        `${alpha},A-1,2025-01-01,2025-01-31,EUR,Loyalty discount,1,-997`,
        `${alpha},A-2,2025-02-01,2025-02-28,EUR,Usage,1.5,333`,
        `${alpha},A-3,2025-03-01,2025-03-31,EUR,"Support,\nweekends",2,4000`,
        `${beta},B-1,2025-01-15,2025-02-15,GBP,Consulting,1,20000`,
        `${beta},B-2,2025-02-15,2025-03-15,GBP,Consulting,1,10000`,
      ]),
      payments: csv(PAYMENTS_HEADER, [
        `${alpha},A-PAY-1,6000,EUR,bank_transfer,2025-03-05T10:00:00+01:00,A-3,5000`,
        `${alpha},A-PAY-1,6000,EUR,bank_transfer,2025-03-05T10:00:00+01:00,A-2,500`,
        `${alpha},A-PAY-2,1000,EUR,cash,2025-04-01,,`,
        `${beta},B-PAY-1,25000,GBP,card,2025-03-20T09:00:00Z,,`,
      ]),
    };
    const reports: Record<string, { status: number; body: Record<string, unknown> }> = {};

    beforeAll(async () => {
      for (const file of ['accounts', 'invoices', 'payments'] as const) {
        const reply = await send(file, files[file]);
        reports[file] = { status: reply.status, body: reply.body };
      }
    });

    it('reports each file imported: rows read and documents created', () => {
      expect(reports.accounts).toEqual({
        status: 200,
        body: {
          file: 'accounts',
          read: 3,
          created: 2,
          updated: 0,
          unchanged: 0,
          rejected: 0,
          errors: [],
          errorsNotListed: 0,
        },
      });
      expect(reports.invoices.body).toMatchObject({ read: 6, created: 5, rejected: 0 });
      expect(reports.payments.body).toMatchObject({ read: 4, created: 3, rejected: 0 });
    });

    it('creates the accounts with their contacts, and the invoices with their lines and totals', async () => {
      const accounts = await query<Record<string, unknown>>(
        `SELECT number, name, currency, status, tax_id,
                (SELECT json_agg(json_build_object('email', email, 'phone', phone, 'name', c.name) ORDER BY email NULLS LAST)
                   FROM account_contacts c WHERE c.account_id = a.id) AS contacts
           FROM customer_accounts a WHERE number = ANY($1::text[]) ORDER BY number`,
        [[alpha, beta]],
      );
      expect(accounts).toEqual([
        {
          number: alpha,
          name: 'Alpha GmbH',
          currency: 'EUR',
          status: 'active',
          tax_id: 'DE111',
          contacts: [
            { email: 'ap@alpha.example', phone: null, name: 'Accounts payable' },
            { email: null, phone: '+49 30 1234 5678', name: 'Front desk' },
          ],
        },
        {
          number: beta,
          name: 'Beta, "The" Ltd',
          currency: 'GBP',
          status: 'suspended',
          tax_id: null,
          contacts: null,
        },
      ]);
      const invoices = await query<Record<string, unknown>>(
        `SELECT i.number, i.total_minor::int AS total, to_char(i.due_date, 'YYYY-MM-DD') AS due,
                json_agg(json_build_object('description', l.description, 'amount', l.amount_minor) ORDER BY l.position) AS lines
           FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
          WHERE i.account_id = $1 GROUP BY i.id ORDER BY i.number`,
        [await accountId(alpha)],
      );
      expect(invoices).toEqual([
        {
          number: 'A-1',
          total: 5000,
          due: '2025-01-31',
          lines: [
            { description: 'Seats', amount: 5997 },
            { description: 'Loyalty discount', amount: -997 },
          ],
        },
        { number: 'A-2', total: 500, due: '2025-02-28', lines: [{ description: 'Usage', amount: 500 }] },
        {
          number: 'A-3',
          total: 8000,
          due: '2025-03-31',
          lines: [{ description: 'Support,\nweekends', amount: 8000 }],
        },
      ]);
    });

    it('allocates a payment as its rows say, even to a later invoice, leaving the rest as credit', async () => {
      const allocations = await allocationsOf(alpha);
      expect(allocations.filter((allocation) => allocation.reference === 'A-PAY-1')).toEqual([
        { reference: 'A-PAY-1', invoice: 'A-2', amount: 500 },
        { reference: 'A-PAY-1', invoice: 'A-3', amount: 5000 },
      ]);
    });

    it('allocates a payment without allocation columns to the oldest due invoices first', async () => {
      expect((await allocationsOf(alpha)).filter((allocation) => allocation.reference === 'A-PAY-2')).toEqual(
        [{ reference: 'A-PAY-2', invoice: 'A-1', amount: 1000 }],
      );
      expect(await allocationsOf(beta)).toEqual([
        { reference: 'B-PAY-1', invoice: 'B-1', amount: 20000 },
        { reference: 'B-PAY-1', invoice: 'B-2', amount: 5000 },
      ]);
    });

    it('leaves balances equal to the hand-computed figure', async () => {
      const position = async (number: string) =>
        (
          await testApp
            .http()
            .get(`/api/accounts/${await accountId(number)}`)
            .set('Authorization', admin.auth)
            .expect(200)
        ).body.position;
      // Alpha: invoiced 5000 + 500 + 8000, paid 6000 + 1000; 500 of A-PAY-1 is not allocated.
      expect(await position(alpha)).toMatchObject({
        currency: 'EUR',
        invoiced: 13500,
        paid: 7000,
        balance: 6500,
        unappliedCredit: 500,
      });
      // Beta: invoiced 20000 + 10000, paid 25000, all of it allocated.
      expect(await position(beta)).toMatchObject({
        currency: 'GBP',
        invoiced: 30000,
        paid: 25000,
        balance: 5000,
        unappliedCredit: 0,
      });
    });

    it('writes one audit entry per document created, as the system, and ties allocations to their payment’s', async () => {
      const entries = await query<{ action: string; n: number; actors: number }>(
        `SELECT action, count(*)::int AS n, count(actor_id)::int AS actors FROM billing_audit_log
          WHERE account_id IN (SELECT id FROM customer_accounts WHERE number = ANY($1::text[]))
          GROUP BY action ORDER BY action`,
        [[alpha, beta]],
      );
      expect(entries).toEqual([
        { action: 'account.created', n: 2, actors: 0 },
        { action: 'invoice.created', n: 5, actors: 0 },
        { action: 'payment.recorded', n: 3, actors: 0 },
      ]);
      const [recorded] = await query<{ after: Record<string, unknown>; untied: number }>(
        `SELECT l.after, (SELECT count(*)::int FROM payment_allocations x WHERE x.payment_id = p.id
                            AND x.audit_id IS DISTINCT FROM l.id) AS untied
           FROM payments p JOIN billing_audit_log l ON l.entity_id = p.id AND l.action = 'payment.recorded'
          WHERE p.reference = 'B-PAY-1' AND p.account_id = $1`,
        [await accountId(beta)],
      );
      expect(recorded.untied).toBe(0);
      expect(recorded.after).toMatchObject({
        amount: 25000,
        currency: 'GBP',
        method: 'card',
        reference: 'B-PAY-1',
        receivedAt: '2025-03-20T09:00:00.000Z',
        unallocated: 0,
      });
    });

    it('changes nothing when the same files are imported again, reporting every document unchanged', async () => {
      const before = await footprint([alpha, beta]);
      const again: Record<string, unknown>[] = [];
      for (const file of ['accounts', 'invoices', 'payments'] as const) {
        const reply = await send(file, files[file]).expect(200);
        again.push(reply.body);
      }
      expect(again).toEqual([
        {
          file: 'accounts',
          read: 3,
          created: 0,
          updated: 0,
          unchanged: 2,
          rejected: 0,
          errors: [],
          errorsNotListed: 0,
        },
        {
          file: 'invoices',
          read: 6,
          created: 0,
          updated: 0,
          unchanged: 5,
          rejected: 0,
          errors: [],
          errorsNotListed: 0,
        },
        {
          file: 'payments',
          read: 4,
          created: 0,
          updated: 0,
          unchanged: 3,
          rejected: 0,
          errors: [],
          errorsNotListed: 0,
        },
      ]);
      expect(await footprint([alpha, beta])).toEqual(before);
    });
  });

  describe('payments of one file on the same invoices', () => {
    it('allocates each payment against what the earlier ones left open, never beyond an invoice', async () => {
      const number = `${uniquePrefix('seq')}-A`;
      await send('accounts', csv(ACCOUNTS_HEADER, [`${number},Sequence Ltd,EUR,,,,,`])).expect(200);
      await send(
        'invoices',
        csv(INVOICES_HEADER, [
          `${number},S-1,2025-01-01,2025-01-31,EUR,First,1,1000`,
          `${number},S-2,2025-02-01,2025-02-28,EUR,Second,1,2000`,
        ]),
      ).expect(200);
      const reply = await send(
        'payments',
        csv(PAYMENTS_HEADER, [
          `${number},X-1,1500,EUR,card,2025-03-01,,`,
          `${number},X-2,2000,EUR,card,2025-03-02,,`,
          `${number},X-3,100,EUR,card,2025-03-03,S-1,100`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({ created: 2, rejected: 1 });
      expect(reply.body.errors).toEqual([
        {
          line: 4,
          reason: 'allocated_amount 100 exceeds the open amount of 0 of invoice "S-1" (over-allocation)',
        },
      ]);
      expect(await allocationsOf(number)).toEqual([
        { reference: 'X-1', invoice: 'S-1', amount: 1000 },
        { reference: 'X-1', invoice: 'S-2', amount: 500 },
        { reference: 'X-2', invoice: 'S-2', amount: 1500 },
      ]);
    });
  });

  describe('rejected rows', () => {
    const p = uniquePrefix('bad');
    const [good, other] = [`${p}-A`, `${p}-C`];

    it('reports bad account rows with their line numbers and reasons, and keeps the good ones', async () => {
      const reply = await send(
        'accounts',
        csv(ACCOUNTS_HEADER, [
          `${good},Good One,EUR,,,,,`,
          `${p}-B,Bad Currency,XYZ,,,,,`,
          `${other},Good Two,EUR,,,,,`,
          `${good},Good One,EUR,,,,,`,
          `${p}-D,Bad Mail,EUR,,not-an-email,,,`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message:
          '3 rows of the accounts file rejected; the other rows were imported and a corrected re-run is idempotent',
        file: 'accounts',
        read: 5,
        created: 2,
        rejected: 3,
      });
      expect(reply.body.errors).toEqual([
        { line: 3, reason: 'currency "XYZ" is not an ISO 4217 code like EUR' },
        {
          line: 5,
          reason: `account "${good}" already appeared at line 2: the rows of one document must be consecutive`,
        },
        { line: 6, reason: 'contact_email "not-an-email" is not an email address' },
      ]);
      expect(reply.body.details).toEqual(reply.body.errors);
      expect(await accountId(good)).toBeDefined();
      expect(await accountId(other)).toBeDefined();
      expect(await accountId(`${p}-B`)).toBeUndefined();
      expect(await accountId(`${p}-D`)).toBeUndefined();
    });

    it('reports bad invoice rows, refusing a whole invoice for one bad line, and keeps the good invoices', async () => {
      const reply = await send(
        'invoices',
        csv(INVOICES_HEADER, [
          `${good},I-1,2025-01-01,2025-01-31,EUR,Fine,1,1000`,
          `${p}-X,I-2,2025-01-01,2025-01-31,EUR,Unknown account,1,1000`,
          `${good},I-3,2025-01-01,2025-01-31,USD,Other currency,1,1000`,
          `${good},I-4,2025-02-30,2025-03-31,EUR,No such day,1,1000`,
          `${good},I-5,2025-02-01,2025-01-31,EUR,Due before issue,1,1000`,
          `${good},I-6,2025-01-01,2025-01-31,EUR,Decimal price,1,10.50`,
          `${good},I-7,2025-01-01,2025-01-31,EUR,Good line,1,500`,
          `${good},I-7,2025-01-01,2025-01-31,EUR,Bad line,-1,500`,
          `${other},I-8,2025-01-05,2025-02-05,EUR,Fine too,2,700`,
          `${good},I-1,2025-01-01,2025-01-31,EUR,Again,1,1000`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({ read: 10, created: 2, rejected: 8 });
      expect(reply.body.errors).toEqual([
        { line: 3, reason: `unknown account "${p}-X" (import it in the accounts file first)` },
        {
          line: 4,
          reason: `currency USD is not the currency of account "${good}" (EUR); mixed currencies are not allowed`,
        },
        { line: 5, reason: 'issue_date "2025-02-30" is not a date like 2026-11-30' },
        { line: 6, reason: 'due_date 2025-01-31 is before issue_date 2025-02-01' },
        { line: 7, reason: 'unit_price "10.50" must be a whole number of minor units (12000 = 120.00)' },
        { line: 8, reason: `rejected with the rest of invoice "I-7" of account "${good}" (see line 9)` },
        { line: 9, reason: 'quantity "-1" must be a positive decimal with at most 4 places' },
        {
          line: 11,
          reason: `invoice "I-1" of account "${good}" already appeared at line 2: the rows of one document must be consecutive`,
        },
      ]);
      const numbers = await query<{ number: string; total: number }>(
        `SELECT i.number, i.total_minor::int AS total FROM invoices i JOIN customer_accounts a ON a.id = i.account_id
          WHERE a.number = ANY($1::text[]) ORDER BY i.number`,
        [[good, other]],
      );
      expect(numbers).toEqual([
        { number: 'I-1', total: 1000 },
        { number: 'I-8', total: 1400 },
      ]);
    });

    it('reports bad payment rows: unknown invoice, over-allocation, bad amount, method and currency', async () => {
      const reply = await send(
        'payments',
        csv(PAYMENTS_HEADER, [
          `${good},P-1,1000,EUR,card,2025-02-01T00:00:00Z,I-9,500`,
          `${good},P-2,2000,EUR,card,2025-02-01T00:00:00Z,I-1,1500`,
          `${good},P-3,-5,EUR,card,2025-02-01T00:00:00Z,,`,
          `${good},P-4,100,EUR,paypal,2025-02-01T00:00:00Z,,`,
          `${good},P-5,100,GBP,card,2025-02-01T00:00:00Z,,`,
          `${other},P-6,1400,EUR,check,2025-02-10,I-8,1400`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({ read: 6, created: 1, rejected: 5 });
      expect(reply.body.errors).toEqual([
        { line: 2, reason: `unknown invoice "I-9" of account "${good}"` },
        {
          line: 3,
          reason: 'allocated_amount 1500 exceeds the open amount of 1000 of invoice "I-1" (over-allocation)',
        },
        { line: 4, reason: 'amount -5 must be positive' },
        {
          line: 5,
          reason:
            'method "paypal" must be one of card, bank_transfer, direct_debit, cash, check, wallet, other',
        },
        {
          line: 6,
          reason: `currency GBP is not the currency of account "${good}" (EUR); mixed currencies are not allowed`,
        },
      ]);
      expect(await allocationsOf(good)).toEqual([]);
      expect(await allocationsOf(other)).toEqual([{ reference: 'P-6', invoice: 'I-8', amount: 1400 }]);
    });

    it('refuses an invoice or payment already there with a different total, changing nothing', async () => {
      const before = await footprint([good, other]);
      const invoice = await send(
        'invoices',
        csv(INVOICES_HEADER, [`${good},I-1,2025-01-01,2025-01-31,EUR,Fine,1,1200`]),
      ).expect(422);
      expect(invoice.body.errors).toEqual([
        {
          line: 2,
          reason: `invoice "I-1" of account "${good}" exists with a different total: 1000, the file says 1200`,
        },
      ]);
      const payment = await send(
        'payments',
        csv(PAYMENTS_HEADER, [`${other},P-6,1500,EUR,check,2025-02-10,,`]),
      ).expect(422);
      expect(payment.body.errors).toEqual([
        {
          line: 2,
          reason: `payment "P-6" of account "${other}" exists with a different total: 1400, the file says 1500`,
        },
      ]);
      expect(await footprint([good, other])).toEqual(before);
    });

    it('refuses a line too large to compute with its line number, keeping the good invoices', async () => {
      const reply = await send(
        'invoices',
        csv(INVOICES_HEADER, [
          `${other},I-20,2025-01-05,2025-02-05,EUR,Fine,1,100`,
          `${other},I-21,2025-01-05,2025-02-05,EUR,Overflow,9999999999,10000000000000`,
          `${other},I-22,2025-01-05,2025-02-05,EUR,Fine too,1,200`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({ read: 3, created: 2, rejected: 1 });
      expect(reply.body.errors).toEqual([
        {
          line: 3,
          reason: 'quantity 9999999999 × unit_price 10000000000000 is more than 10000000000000 minor units',
        },
      ]);
      const numbers = await query<{ number: string }>(
        `SELECT i.number FROM invoices i JOIN customer_accounts a ON a.id = i.account_id
          WHERE a.number = $1 AND i.number LIKE 'I-2_' ORDER BY i.number`,
        [other],
      );
      expect(numbers.map((row) => row.number)).toEqual(['I-20', 'I-22']);
    });

    it('stops a file at broken quoting, keeping the rows before it', async () => {
      const reply = await send(
        'invoices',
        csv(INVOICES_HEADER, [
          `${other},I-10,2025-01-05,2025-02-05,EUR,Before,1,100`,
          `${other},I-11,2025-01-05,2025-02-05,EUR,"Broken"quote,1,100`,
          `${other},I-12,2025-01-05,2025-02-05,EUR,After,1,100`,
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({ read: 1, created: 1, rejected: 1 });
      expect(reply.body.errors).toEqual([
        { line: 3, reason: expect.stringMatching(/^not valid CSV: .*the rest of the file was not read$/) },
      ]);
    });
  });

  describe('existing accounts', () => {
    const number = `${uniquePrefix('upd')}-A`;

    beforeAll(async () => {
      await send('accounts', csv(ACCOUNTS_HEADER, [`${number},Old Name,EUR,,old@example.com,,,`])).expect(
        200,
      );
    });

    it('updates name, status and tax id, adds missing contacts, and audits it as the system', async () => {
      const reply = await send(
        'accounts',
        csv(ACCOUNTS_HEADER, [
          `${number},New Name,EUR,closed,OLD@example.com,,,TAX-9`,
          `${number},New Name,EUR,closed,new@example.com,,Billing,TAX-9`,
        ]),
      ).expect(200);
      expect(reply.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const [account] = await query<Record<string, unknown>>(
        `SELECT name, status, tax_id, (SELECT array_agg(email ORDER BY email) FROM account_contacts c WHERE c.account_id = a.id) AS emails
           FROM customer_accounts a WHERE number = $1`,
        [number],
      );
      expect(account).toEqual({
        name: 'New Name',
        status: 'closed',
        tax_id: 'TAX-9',
        emails: ['new@example.com', 'old@example.com'],
      });
      const [entry] = await query<{
        actor_id: string | null;
        before: Record<string, unknown>;
        after: Record<string, unknown>;
      }>(
        `SELECT actor_id, before, after FROM billing_audit_log WHERE account_id = $1 AND action = 'account.updated'`,
        [await accountId(number)],
      );
      expect(entry).toEqual({
        actor_id: null,
        before: {
          name: 'Old Name',
          status: 'active',
          taxId: null,
          contacts: [{ email: 'old@example.com', phone: null, name: null }],
        },
        after: {
          name: 'New Name',
          status: 'closed',
          taxId: 'TAX-9',
          contacts: [
            { email: 'old@example.com', phone: null, name: null },
            { email: 'new@example.com', phone: null, name: 'Billing' },
          ],
        },
      });
    });

    it('leaves an account alone when the file has it as it is, and refuses a currency change', async () => {
      const same = await send('accounts', csv(ACCOUNTS_HEADER, [`${number},New Name,EUR,,,,,`])).expect(200);
      expect(same.body).toMatchObject({ updated: 0, unchanged: 1 });
      const changed = await send('accounts', csv(ACCOUNTS_HEADER, [`${number},New Name,USD,,,,,`])).expect(
        422,
      );
      expect(changed.body.errors).toEqual([
        {
          line: 2,
          reason: `account "${number}" exists with currency EUR, the file says USD; an import does not change the currency of an account`,
        },
      ]);
      const [{ n }] = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM billing_audit_log WHERE account_id = $1 AND action = 'account.updated'`,
        [await accountId(number)],
      );
      expect(n).toBe(1);
    });
  });

  describe('the request', () => {
    const body = (number: string) => csv(ACCOUNTS_HEADER, [`${number},Someone,EUR,,,,,`]);

    it('needs a token, and the admin role (not agent, not supervisor), importing nothing otherwise', async () => {
      const number = `${uniquePrefix('auth')}-A`;
      await testApp
        .http()
        .post('/api/billing-import/accounts')
        .set('Content-Type', CSV)
        .send(body(number))
        .expect(401);
      for (const role of ['agent', 'supervisor'] as const) {
        const reply = await send('accounts', body(number), (await testApp.agent(role)).auth).expect(403);
        expect(reply.body.message).toBe('This action needs the role admin');
      }
      expect(await accountId(number)).toBeUndefined();
    });

    it('answers 415 to a body that is not text/csv', async () => {
      const reply = await testApp
        .http()
        .post('/api/billing-import/invoices')
        .set('Authorization', admin.auth)
        .send({ account_number: 'ACC-1' })
        .expect(415);
      expect(reply.body).toMatchObject({
        statusCode: 415,
        message: 'Send the invoices file as text/csv, not application/json',
      });
    });

    it('takes text/csv with a charset, and refuses a file with an unknown column', async () => {
      const number = `${uniquePrefix('charset')}-A`;
      await send('accounts', body(number), admin.auth, 'text/csv; charset=utf-8').expect(200);
      expect(await accountId(number)).toBeDefined();
      const reply = await send('accounts', 'number,name,currency,colour\nX,Y,EUR,red\n').expect(422);
      expect(reply.body.errors).toEqual([
        { line: 1, reason: expect.stringMatching(/^header: unknown column "colour"/) },
      ]);
    });
  });

  describe('with IMPORT_MAX_BYTES', () => {
    let limited: TestApp;
    let limitedAdmin: TestAgent;

    beforeAll(async () => {
      process.env.IMPORT_MAX_BYTES = '2048';
      try {
        limited = await TestApp.start();
      } finally {
        delete process.env.IMPORT_MAX_BYTES;
      }
      limitedAdmin = await limited.agent('admin');
    });

    afterAll(() => limited.close());

    it('answers 413 to a CSV body over the limit, importing nothing', async () => {
      const p = uniquePrefix('big');
      const rows = Array.from({ length: 60 }, (_, n) => `${p}-${n},Customer number ${n},EUR,,,,,`);
      const reply = await limited
        .http()
        .post('/api/billing-import/accounts')
        .set('Authorization', limitedAdmin.auth)
        .set('Content-Type', CSV)
        .send(csv(ACCOUNTS_HEADER, rows))
        .expect(413);
      expect(reply.body.message).toMatch(/exceeds IMPORT_MAX_BYTES \(2048 bytes\)/);
      expect(await accountId(`${p}-0`)).toBeUndefined();
    });
  });

  describe('ledgerdesk import-billing', () => {
    let directory: string;
    let output: string[];
    let errors: string[];

    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'ledgerdesk-billing-'));
    });

    afterAll(() => rm(directory, { recursive: true, force: true }));

    beforeEach(() => {
      output = [];
      errors = [];
      jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
      jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    });

    afterEach(() => {
      jest.restoreAllMocks();
      process.exitCode = undefined;
    });

    async function run(files: Record<string, string>): Promise<void> {
      const args: string[] = [];
      for (const [file, body] of Object.entries(files)) {
        const path = join(directory, `${uniquePrefix(file)}.csv`);
        await writeFile(path, body);
        args.push(`--${file}`, path);
      }
      const program = new Command('ledgerdesk').exitOverride();
      registerImportBillingCommand(program);
      await program.parseAsync(['node', 'ledgerdesk', 'import-billing', ...args]);
    }

    it('imports the files accounts first, prints the counts of each, and exits 0', async () => {
      const number = `${uniquePrefix('cli')}-A`;
      // Given in the "wrong" order on the command line: the invoices still find their account.
      await run({
        invoices: csv(INVOICES_HEADER, [`${number},C-1,2025-01-01,2025-01-31,EUR,Seats,2,1500`]),
        accounts: csv(ACCOUNTS_HEADER, [`${number},Cli Customer,EUR,,,,,`]),
      });
      expect(output.join('\n')).toMatch(/^accounts \(.*\)\n {2}rows read {3}1\n {2}created {5}1\n/);
      expect(output.join('\n')).toMatch(/invoices \(.*\)\n {2}rows read {3}1\n {2}created {5}1\n/);
      expect(errors).toEqual([]);
      expect(process.exitCode).toBeUndefined();
      const [invoice] = await query<{ total: number }>(
        `SELECT i.total_minor::int AS total FROM invoices i JOIN customer_accounts a ON a.id = i.account_id WHERE a.number = $1`,
        [number],
      );
      expect(invoice.total).toBe(3000);
    });

    it('lists rejected rows with their line numbers and exits 1', async () => {
      await run({
        payments: csv(PAYMENTS_HEADER, [`${uniquePrefix('cli')}-X,R-1,100,EUR,card,2025-01-01,,`]),
      });
      expect(errors.join('\n')).toMatch(
        /line 2: unknown account ".*-X" \(import it in the accounts file first\)/,
      );
      expect(process.exitCode).toBe(1);
    });
  });
});
