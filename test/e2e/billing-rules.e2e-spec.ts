import { TestAgent, TestApp } from '../support/test-app';
import { createAccount, createInvoice, line } from '../support/billing';
import type { Response } from 'supertest';
import { expectApiError, expectFieldError, UUID_NOBODY_HAS } from '../support/tickets';

describe('billing rules', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let supervisor: TestAgent;
  let otherSupervisor: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
    supervisor = await testApp.agent('supervisor');
    otherSupervisor = await testApp.agent('supervisor');
  });

  afterAll(() => testApp.close());

  const count = async (table: string, accountId: string): Promise<number> => {
    const [row] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1`,
      [accountId],
    );
    return row.n;
  };
  const balanceOf = async (accountId: string): Promise<number> =>
    (await testApp.http().get(`/api/accounts/${accountId}`).set('authorization', agent.auth).expect(200)).body
      .position.balance;

  describe('accounts', () => {
    it('needs a token and names bad fields', async () => {
      await testApp.http().get('/api/accounts').expect(401);
      const response = await testApp
        .http()
        .post('/api/accounts')
        .set('authorization', agent.auth)
        .send({ number: 'has space', name: '', currency: 'EUR', contacts: [{ email: 'nope' }] })
        .expect(400);
      const fields = response.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['number', 'name', 'contacts.0.email']));
    });

    it('refuses an unknown currency and a duplicate number', async () => {
      const bad = await testApp
        .http()
        .post('/api/accounts')
        .set('authorization', agent.auth)
        .send({ number: 'ACC-XYZ-1', name: 'X', currency: 'XYZ', contacts: [] })
        .expect(422);
      expect(bad.body.message).toMatch(/XYZ is not an ISO 4217/);
      const account = await createAccount(testApp, agent);
      const duplicate = await testApp
        .http()
        .post('/api/accounts')
        .set('authorization', agent.auth)
        .send({ number: account.number, name: 'Again', currency: 'EUR', contacts: [] })
        .expect(409);
      expect(duplicate.body.message).toMatch(/already exists/);
    });

    it('finds accounts by number, name and contact, and records updates in the audit log', async () => {
      const account = await createAccount(testApp, agent, {
        name: 'Zebra Logistics GmbH',
        contacts: [{ email: 'AP@zebra-logistics.example', phone: '+49 30 1234 5678', name: 'AP' }],
      });
      for (const q of [account.number, 'zebra logis', 'ap@zebra-logistics.example', '30 1234 5678']) {
        const found = await testApp
          .http()
          .get('/api/accounts')
          .query({ q })
          .set('authorization', agent.auth)
          .expect(200);
        expect(found.body.items.map((a: { id: string }) => a.id)).toContain(account.id);
      }
      await testApp
        .http()
        .patch(`/api/accounts/${account.id}`)
        .set('authorization', agent.auth)
        .send({ status: 'suspended', notes: 'Payment plan agreed' })
        .expect(200);
      const audit = await testApp
        .http()
        .get(`/api/accounts/${account.id}/audit`)
        .set('authorization', agent.auth)
        .expect(200);
      expect(audit.body[0]).toMatchObject({
        action: 'account.updated',
        actorId: agent.id,
        before: { status: 'active', notes: null },
        after: { status: 'suspended', notes: 'Payment plan agreed' },
      });
    });

    it('answers 404 for an unknown account and 400 for a malformed id', async () => {
      await testApp
        .http()
        .get('/api/accounts/00000000-0000-4000-8000-000000000000')
        .set('authorization', agent.auth)
        .expect(404);
      await testApp.http().get('/api/accounts/not-a-uuid').set('authorization', agent.auth).expect(400);
    });
  });

  describe('invoices', () => {
    it('refuses duplicate numbers, bad dates, wrong currency and negative totals, writing nothing', async () => {
      const { id } = await createAccount(testApp, agent);
      await createInvoice(testApp, agent, id, {
        number: 'D-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(100)],
      });
      const post = (body: Record<string, unknown>) =>
        testApp.http().post(`/api/accounts/${id}/invoices`).set('authorization', agent.auth).send(body);
      const base = { number: 'D-2', issueDate: '2026-02-01', dueDate: '2026-02-28', lines: [line(100)] };
      expect((await post({ ...base, number: 'D-1' })).status).toBe(409);
      expect((await post({ ...base, dueDate: '2026-01-01' })).body.message).toMatch(
        /dueDate must not be before issueDate/,
      );
      expect((await post({ ...base, currency: 'USD' })).body.message).toMatch(/mixed currencies/);
      expect((await post({ ...base, lines: [line(-500)] })).status).toBe(422);
      expect((await post({ ...base, lines: [line(10.5)] })).status).toBe(400);
      expect((await post({ ...base, lines: [] })).status).toBe(400);
      expect(await count('invoices', id)).toBe(1);
    });

    it('refuses a zero quantity, a line beyond the largest amount and a total above it, naming the field', async () => {
      const { id } = await createAccount(testApp, agent);
      const post = (lines: ReturnType<typeof line>[]) =>
        testApp
          .http()
          .post(`/api/accounts/${id}/invoices`)
          .set('authorization', agent.auth)
          .send({ number: 'BIG-1', issueDate: '2026-02-01', dueDate: '2026-02-28', lines });
      for (const quantity of ['0', '0.0000', 0]) {
        expectFieldError(await post([line(100), line(100, quantity)]), 'lines.1.quantity');
      }
      const overflow = await post([line(1e13, '9999999999')]);
      expectApiError(overflow, 422, 'lines.0.quantity');
      expect(overflow.body.details).toEqual([
        {
          field: 'lines.0.quantity',
          problems: [expect.stringMatching(/more than 10000000000000 minor units/)],
        },
      ]);
      expectApiError(await post([line(1e13, '2')]), 422, 'lines.0.quantity');
      const tooLarge = await post([line(6e12), line(6e12)]);
      expectApiError(tooLarge, 422, 'add up to an amount too large');
      expect(tooLarge.body.details).toEqual([
        { field: 'lines', problems: ['add up to an amount too large'] },
      ]);
      expectApiError(await post([line(1e13), line(1)]), 422, 'add up to an amount too large');
      expect(await count('invoices', id)).toBe(0);
      // The largest amount itself is taken.
      await post([line(1e13)]).expect(201);
    });

    it('voids only unpaid invoices, and only supervisors may', async () => {
      const { id } = await createAccount(testApp, agent);
      const invoiceId = await createInvoice(testApp, agent, id, {
        number: 'V-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(10000)],
      });
      await testApp
        .http()
        .post(`/api/invoices/${invoiceId}/void`)
        .set('authorization', agent.auth)
        .send({ reason: 'x' })
        .expect(403);
      await testApp
        .http()
        .post(`/api/accounts/${id}/payments`)
        .set('authorization', agent.auth)
        .send({ amount: 1000, method: 'card', reference: 'V-P' })
        .expect(201);
      const refused = await testApp
        .http()
        .post(`/api/invoices/${invoiceId}/void`)
        .set('authorization', supervisor.auth)
        .send({ reason: 'Issued twice' })
        .expect(409);
      expect(refused.body.message).toMatch(/remove the allocations/);
      const other = await createInvoice(testApp, agent, id, {
        number: 'V-2',
        issueDate: '2026-02-01',
        dueDate: '2026-02-28',
        lines: [line(700)],
      });
      const voided = await testApp
        .http()
        .post(`/api/invoices/${other}/void`)
        .set('authorization', supervisor.auth)
        .send({ reason: 'Issued twice' })
        .expect(200);
      expect(voided.body).toMatchObject({ status: 'void', open: 0, voidReason: 'Issued twice' });
      expect(await balanceOf(id)).toBe(10000 - 1000);
    });

    it('opens and resolves a dispute, one at a time', async () => {
      const { id } = await createAccount(testApp, agent);
      const invoiceId = await createInvoice(testApp, agent, id, {
        number: 'X-1',
        issueDate: '2026-01-01',
        dueDate: '2030-01-31',
        lines: [line(900)],
      });
      const disputed = await testApp
        .http()
        .post(`/api/invoices/${invoiceId}/dispute`)
        .set('authorization', agent.auth)
        .send({ reason: 'Never received the goods' })
        .expect(200);
      expect(disputed.body.status).toBe('disputed');
      await testApp
        .http()
        .post(`/api/invoices/${invoiceId}/dispute`)
        .set('authorization', agent.auth)
        .send({ reason: 'again' })
        .expect(409);
      const resolved = await testApp
        .http()
        .post(`/api/invoices/${invoiceId}/resolve-dispute`)
        .set('authorization', agent.auth)
        .send({ resolution: 'Proof of delivery sent' })
        .expect(200);
      expect(resolved.body.status).toBe('open');
      expect(resolved.body.disputes[0]).toMatchObject({
        reason: 'Never received the goods',
        resolution: 'Proof of delivery sent',
      });
    });
  });

  describe('impossible calendar dates', () => {
    it('refuses 2026-02-30 with a 400 naming the field, on invoices and as-of queries', async () => {
      const { id } = await createAccount(testApp, agent);
      const invoice = await testApp
        .http()
        .post(`/api/accounts/${id}/invoices`)
        .set('authorization', agent.auth)
        .send({ number: 'FEB-30', issueDate: '2026-02-30', dueDate: '2026-03-31', lines: [line(100)] });
      expectFieldError(invoice, 'issueDate');
      const due = await testApp
        .http()
        .post(`/api/accounts/${id}/invoices`)
        .set('authorization', agent.auth)
        .send({ number: 'FEB-30', issueDate: '2026-02-01', dueDate: '2026-02-30', lines: [line(100)] });
      expectFieldError(due, 'dueDate');
      expect(await count('invoices', id)).toBe(0);

      const get = (path: string, query: Record<string, string>) =>
        testApp.http().get(path).query(query).set('authorization', agent.auth);
      expectFieldError(await get(`/api/accounts/${id}`, { asOf: '2026-02-30' }), 'asOf');
      expectFieldError(await get('/api/billing/summary', { asOf: '2026-02-30' }), 'asOf');
      const statement = `/api/accounts/${id}/statement`;
      expectFieldError(await get(statement, { from: '2026-02-30', to: '2026-03-01' }), 'from');
      expectFieldError(await get(statement, { from: '2026-02-01', to: '2026-02-30' }), 'to');
      await get(statement, { from: '2024-02-29', to: '2024-03-01' }).expect(200);
    });
  });

  describe('closed and suspended accounts', () => {
    it('refuses payments and adjustments on a closed account as it refuses invoices, writing nothing', async () => {
      const { id, number } = await createAccount(testApp, agent);
      const invoiceId = await createInvoice(testApp, agent, id, {
        number: 'CL-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(50000)],
      });
      const post = (path: string, body: Record<string, unknown>) =>
        testApp.http().post(`/api/accounts/${id}/${path}`).set('authorization', agent.auth).send(body);
      const pending = await post('adjustments', {
        kind: 'credit_note',
        amount: 20000,
        reasonCode: 'goodwill',
        invoiceId,
      }).expect(201);
      expect(pending.body.status).toBe('pending_approval');
      await testApp
        .http()
        .patch(`/api/accounts/${id}`)
        .set('authorization', agent.auth)
        .send({ status: 'closed' })
        .expect(200);
      const before = { payments: await count('payments', id), adjustments: await count('adjustments', id) };

      const closed = `Account ${number} is closed`;
      expectApiError(
        await post('payments', { amount: 100, method: 'card', reference: 'CL-PAY' }),
        409,
        closed,
      );
      for (const kind of ['credit_note', 'debit_note', 'refund']) {
        expectApiError(await post('adjustments', { kind, amount: 100, reasonCode: 'other' }), 409, closed);
      }
      const approval = await testApp
        .http()
        .post(`/api/adjustments/${pending.body.id}/approve`)
        .set('authorization', supervisor.auth)
        .send({});
      expectApiError(approval, 409, closed);
      expect({ payments: await count('payments', id), adjustments: await count('adjustments', id) }).toEqual(
        before,
      );
      // Rejecting what waits is still possible: it changes no balance.
      await testApp
        .http()
        .post(`/api/adjustments/${pending.body.id}/reject`)
        .set('authorization', supervisor.auth)
        .send({})
        .expect(200);
    });

    it('takes payments and adjustments on a suspended account, as it takes invoices', async () => {
      const { id } = await createAccount(testApp, agent);
      await testApp
        .http()
        .patch(`/api/accounts/${id}`)
        .set('authorization', agent.auth)
        .send({ status: 'suspended' })
        .expect(200);
      await createInvoice(testApp, agent, id, {
        number: 'SU-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(5000)],
      });
      const post = (path: string, body: Record<string, unknown>) =>
        testApp.http().post(`/api/accounts/${id}/${path}`).set('authorization', agent.auth).send(body);
      await post('payments', { amount: 1000, method: 'card', reference: 'SU-PAY' }).expect(201);
      await post('adjustments', { kind: 'debit_note', amount: 100, reasonCode: 'late_fee' }).expect(201);
    });
  });

  describe('unknown ids in the body', () => {
    it('answers 422 naming ticketId or invoiceId, writing nothing', async () => {
      const { id } = await createAccount(testApp, agent);
      const invoiceId = await createInvoice(testApp, agent, id, {
        number: 'U-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(3000)],
      });
      const post = (path: string, body: Record<string, unknown>) =>
        testApp.http().post(`/api/accounts/${id}/${path}`).set('authorization', agent.auth).send(body);
      const expectUnknown = (response: Response, field: string) => {
        expectApiError(response, 422, UUID_NOBODY_HAS);
        expect(response.body.details).toEqual([{ field, problems: [expect.any(String)] }]);
      };

      const payment = { amount: 100, method: 'card', reference: 'U-PAY', ticketId: UUID_NOBODY_HAS };
      expectUnknown(await post('payments', payment), 'ticketId');
      const credit = { kind: 'credit_note', amount: 100, reasonCode: 'goodwill' };
      expectUnknown(await post('adjustments', { ...credit, invoiceId: UUID_NOBODY_HAS }), 'invoiceId');
      expectUnknown(await post('adjustments', { ...credit, ticketId: UUID_NOBODY_HAS }), 'ticketId');
      const invoice = { number: 'U-2', issueDate: '2026-01-01', dueDate: '2026-01-31', lines: [line(1)] };
      expectUnknown(await post('invoices', { ...invoice, ticketId: UUID_NOBODY_HAS }), 'ticketId');
      expectUnknown(
        await testApp
          .http()
          .post(`/api/invoices/${invoiceId}/dispute`)
          .set('authorization', agent.auth)
          .send({ reason: 'Wrong', ticketId: UUID_NOBODY_HAS }),
        'ticketId',
      );
      expect(await count('payments', id)).toBe(0);
      expect(await count('adjustments', id)).toBe(0);
      expect(await count('invoices', id)).toBe(1);
      // An unknown id in the path stays a 404.
      await testApp
        .http()
        .post(`/api/accounts/${UUID_NOBODY_HAS}/payments`)
        .set('authorization', agent.auth)
        .send({ amount: 100, method: 'card', reference: 'U-PAY' })
        .expect(404);
    });
  });

  describe('payments and allocations', () => {
    let accountId: string;
    let invoiceA: string;
    let invoiceB: string;

    beforeAll(async () => {
      accountId = (await createAccount(testApp, agent)).id;
      invoiceA = await createInvoice(testApp, agent, accountId, {
        number: 'A',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(10000)],
      });
      invoiceB = await createInvoice(testApp, agent, accountId, {
        number: 'B',
        issueDate: '2026-02-01',
        dueDate: '2026-02-28',
        lines: [line(5000)],
      });
    });

    const pay = (body: Record<string, unknown>, who: TestAgent = agent) =>
      testApp.http().post(`/api/accounts/${accountId}/payments`).set('authorization', who.auth).send(body);

    it('refuses zero, negative and fractional amounts', async () => {
      for (const amount of [0, -100, 10.5, '100']) {
        const response = await pay({ amount, method: 'card', reference: `bad-${String(amount)}` });
        expect(response.status).toBe(400);
        expect(response.body.details[0].field).toBe('amount');
      }
    });

    it('refuses an amount beyond the largest it takes, saying so in minor units', async () => {
      const response = await pay({ amount: 1e13 + 1, method: 'card', reference: 'too-large' });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([
        {
          field: 'amount',
          problems: [
            'amount must be at most 10000000000000 minor units (100,000,000,000.00 in a two-decimal currency)',
          ],
        },
      ]);
    });

    it('refuses allocations beyond the payment or beyond what is open, writing nothing', async () => {
      const before = await count('payments', accountId);
      const beyondPayment = await pay({
        amount: 3000,
        method: 'card',
        reference: 'over-1',
        allocations: [
          { invoiceId: invoiceA, amount: 2000 },
          { invoiceId: invoiceB, amount: 2000 },
        ],
      });
      expect(beyondPayment.status).toBe(422);
      expect(beyondPayment.body.message).toMatch(/add up to 4000, more than the 3000/);
      const beyondInvoice = await pay({
        amount: 9000,
        method: 'card',
        reference: 'over-2',
        allocations: [{ invoiceId: invoiceB, amount: 6000 }],
      });
      expect(beyondInvoice.status).toBe(422);
      expect(beyondInvoice.body.message).toMatch(/exceeds its open amount of 5000/);
      expect(await count('payments', accountId)).toBe(before);
    });

    it('refuses another account’s invoice and a currency other than the account’s', async () => {
      const other = await createAccount(testApp, agent);
      const foreign = await createInvoice(testApp, agent, other.id, {
        number: 'F',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(100)],
      });
      expect(
        (
          await pay({
            amount: 100,
            method: 'card',
            reference: 'f-1',
            allocations: [{ invoiceId: foreign, amount: 100 }],
          })
        ).status,
      ).toBe(422);
      const usd = await pay({ amount: 100, method: 'card', reference: 'f-2', currency: 'USD' });
      expect(usd.status).toBe(422);
      expect(usd.body.message).toMatch(/does not match the account currency EUR/);
    });

    it('keeps the unallocated remainder as credit and refuses a repeated reference', async () => {
      const payment = await pay({
        amount: 12000,
        method: 'bank_transfer',
        reference: 'keep-credit',
        allocations: [{ invoiceId: invoiceB, amount: 1000 }],
      }).expect(201);
      expect(payment.body).toMatchObject({ amount: 12000, allocated: 1000, unallocated: 11000 });
      const again = await pay({ amount: 12000, method: 'bank_transfer', reference: 'keep-credit' }).expect(
        409,
      );
      expect(again.body.details.paymentId).toBe(payment.body.id);
      // Later: the rest goes oldest due first (A: 10000, then B's remaining 4000 can take 1000).
      const allocated = await testApp
        .http()
        .post(`/api/payments/${payment.body.id}/allocations`)
        .set('authorization', agent.auth)
        .send({})
        .expect(200);
      expect(allocated.body.unallocated).toBe(0);
      const all = allocated.body.allocations
        .map((a: { invoiceNumber: string; amount: number }) => [a.invoiceNumber, a.amount])
        .sort();
      expect(all).toEqual([
        ['A', 10000],
        ['B', 1000],
        ['B', 1000],
      ]);
    });

    it('trims the reference, so a retry with stray spaces is the same payment', async () => {
      const first = await pay({ amount: 100, method: 'bank_transfer', reference: 'WIRE-777 ' }).expect(201);
      expect(first.body.reference).toBe('WIRE-777');
      for (const reference of ['WIRE-777', ' WIRE-777\t']) {
        const again = await pay({ amount: 100, method: 'bank_transfer', reference });
        expectApiError(again, 409, 'WIRE-777');
        expect(again.body.details.paymentId).toBe(first.body.id);
      }
      // A reference stored untrimmed before this rule still counts as the same one.
      await testApp.dataSource.query(
        `INSERT INTO payments (account_id, amount_minor, currency, method, reference, received_at)
         VALUES ($1, 100, 'EUR', 'cash', ' LEGACY-1 ', now())`,
        [accountId],
      );
      expectApiError(await pay({ amount: 100, method: 'cash', reference: 'LEGACY-1' }), 409, 'LEGACY-1');
      expectFieldError(await pay({ amount: 100, method: 'cash', reference: '   ' }), 'reference');
      const [{ n }] = await testApp.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM payments WHERE account_id = $1 AND btrim(reference) IN ('WIRE-777', 'LEGACY-1')`,
        [accountId],
      );
      expect(n).toBe(2);
    });

    it('never over-allocates an invoice under parallel requests', async () => {
      const invoiceId = await createInvoice(testApp, agent, accountId, {
        number: 'RACE',
        issueDate: '2026-03-01',
        dueDate: '2026-03-31',
        lines: [line(10000)],
      });
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          pay({
            amount: 4000,
            method: 'card',
            reference: `race-${index}`,
            allocations: [{ invoiceId, amount: 4000 }],
          }),
        ),
      );
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([201, 201, 422, 422, 422, 422]);
      const invoice = await testApp
        .http()
        .get(`/api/invoices/${invoiceId}`)
        .set('authorization', agent.auth)
        .expect(200);
      expect(invoice.body.open).toBe(2000);
      const [{ allocated }] = await testApp.dataSource.query<{ allocated: string }[]>(
        `SELECT sum(amount_minor) AS allocated FROM payment_allocations WHERE invoice_id = $1 AND removed_at IS NULL`,
        [invoiceId],
      );
      expect(Number(allocated)).toBe(8000);
    });

    it('reverses a payment (supervisors only), releasing its allocations and correcting the maker’s action', async () => {
      const invoiceId = await createInvoice(testApp, agent, accountId, {
        number: 'BOUNCE',
        issueDate: '2026-04-01',
        dueDate: '2026-04-30',
        lines: [line(700)],
      });
      const payment = await pay({
        amount: 700,
        method: 'check',
        reference: 'bounced',
        allocations: [{ invoiceId, amount: 700 }],
      }).expect(201);
      await testApp
        .http()
        .post(`/api/payments/${payment.body.id}/reverse`)
        .set('authorization', agent.auth)
        .send({ reason: 'x' })
        .expect(403);
      const reversed = await testApp
        .http()
        .post(`/api/payments/${payment.body.id}/reverse`)
        .set('authorization', supervisor.auth)
        .send({ reason: 'Check bounced' })
        .expect(200);
      expect(reversed.body).toMatchObject({ allocated: 0, unallocated: 0, reversalReason: 'Check bounced' });
      const invoice = await testApp
        .http()
        .get(`/api/invoices/${invoiceId}`)
        .set('authorization', agent.auth)
        .expect(200);
      expect(invoice.body.open).toBe(700);
      const audit = await testApp
        .http()
        .get(`/api/accounts/${accountId}/audit`)
        .set('authorization', agent.auth)
        .expect(200);
      const recorded = audit.body.find(
        (e: { action: string; entityId: string }) =>
          e.action === 'payment.recorded' && e.entityId === payment.body.id,
      );
      const reversal = audit.body.find(
        (e: { action: string; entityId: string }) =>
          e.action === 'payment.reversed' && e.entityId === payment.body.id,
      );
      expect(reversal.correctsId).toBe(recorded.id);
      expect(recorded.correctedById).toBe(reversal.id);
    });
  });

  describe('adjustments under maker–checker', () => {
    it('applies small adjustments at once and holds large ones for another supervisor', async () => {
      const { id } = await createAccount(testApp, agent);
      await createInvoice(testApp, agent, id, {
        number: 'M-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(50000)],
      });
      const make = (who: TestAgent, amount: number) =>
        testApp
          .http()
          .post(`/api/accounts/${id}/adjustments`)
          .set('authorization', who.auth)
          .send({ kind: 'credit_note', amount, reasonCode: 'goodwill' });

      const small = await make(agent, 10000).expect(201);
      expect(small.body.status).toBe('approved');
      expect(await balanceOf(id)).toBe(40000);

      const large = await make(agent, 15000).expect(201);
      expect(large.body.status).toBe('pending_approval');
      expect(await balanceOf(id)).toBe(40000);
      await testApp
        .http()
        .post(`/api/adjustments/${large.body.id}/approve`)
        .set('authorization', agent.auth)
        .send({})
        .expect(403);

      const own = await make(supervisor, 20000).expect(201);
      const selfApproval = await testApp
        .http()
        .post(`/api/adjustments/${own.body.id}/approve`)
        .set('authorization', supervisor.auth)
        .send({})
        .expect(403);
      expect(selfApproval.body.message).toMatch(/your own adjustment/);

      const approved = await testApp
        .http()
        .post(`/api/adjustments/${large.body.id}/approve`)
        .set('authorization', supervisor.auth)
        .send({ note: 'Agreed with account manager' })
        .expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: supervisor.id });
      expect(await balanceOf(id)).toBe(25000);
      await testApp
        .http()
        .post(`/api/adjustments/${large.body.id}/reject`)
        .set('authorization', otherSupervisor.auth)
        .send({})
        .expect(409);

      const rejected = await testApp
        .http()
        .post(`/api/adjustments/${own.body.id}/reject`)
        .set('authorization', otherSupervisor.auth)
        .send({ note: 'Not justified' })
        .expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', effectiveAt: null });
      expect(await balanceOf(id)).toBe(25000);
      const pending = await testApp
        .http()
        .get('/api/adjustments?status=pending_approval')
        .set('authorization', supervisor.auth)
        .expect(200);
      expect(pending.body.map((a: { id: string }) => a.id)).not.toContain(own.body.id);
    });

    describe('with an Idempotency-Key', () => {
      const adjust = (accountId: string, key: string | undefined, body: Record<string, unknown>) => {
        const request = testApp
          .http()
          .post(`/api/accounts/${accountId}/adjustments`)
          .set('authorization', agent.auth);
        return (key === undefined ? request : request.set('Idempotency-Key', key)).send(body);
      };
      const debit = { kind: 'debit_note', amount: 700, reasonCode: 'late_fee', memo: 'Late fee' };

      it('makes one adjustment for parallel identical requests and answers each with it', async () => {
        const { id } = await createAccount(testApp, agent);
        const answers = await Promise.all([1, 2, 3].map(() => adjust(id, 'k-123', debit)));
        expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
        expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
        expect(answers[0].body).toMatchObject({ kind: 'debit_note', amount: 700, status: 'approved' });
        expect(await count('adjustments', id)).toBe(1);
        const [{ n }] = await testApp.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM billing_audit_log WHERE account_id = $1 AND action = 'adjustment.made'`,
          [id],
        );
        expect(n).toBe(1);
        expect(await balanceOf(id)).toBe(700);
        // A later retry gets the first result too; another key is another adjustment.
        expect((await adjust(id, 'k-123', debit).expect(201)).body.id).toBe(answers[0].body.id);
        await adjust(id, 'k-124', debit).expect(201);
        await adjust(id, undefined, debit).expect(201);
        expect(await count('adjustments', id)).toBe(3);
      });

      it('refuses the same key with another body, naming the key, writing nothing', async () => {
        const { id } = await createAccount(testApp, agent);
        await adjust(id, 'k-200', debit).expect(201);
        for (const other of [
          { ...debit, amount: 701 },
          { ...debit, memo: 'Other' },
          { ...debit, kind: 'credit_note' },
        ]) {
          const answer = await adjust(id, 'k-200', other);
          expectApiError(answer, 422, 'Idempotency-Key');
          expect(answer.body.details).toEqual([{ field: 'Idempotency-Key', problems: [expect.any(String)] }]);
        }
        expect(await count('adjustments', id)).toBe(1);
        // The key is the account's: the same key on another account is another request.
        const other = await createAccount(testApp, agent);
        await adjust(other.id, 'k-200', { ...debit, amount: 701 }).expect(201);
      });

      it('refuses a blank or overlong key with a 400 naming it', async () => {
        const { id } = await createAccount(testApp, agent);
        for (const key of ['   ', 'x'.repeat(256)]) {
          const answer = await adjust(id, key, debit);
          expectApiError(answer, 400, 'Idempotency-Key');
          expect(answer.body.details[0].field).toBe('Idempotency-Key');
        }
        expect(await count('adjustments', id)).toBe(0);
      });
    });

    it('keeps a credit note within its invoice and a refund within the account’s credit', async () => {
      const { id } = await createAccount(testApp, agent);
      const invoiceId = await createInvoice(testApp, agent, id, {
        number: 'C-1',
        issueDate: '2026-01-01',
        dueDate: '2026-01-31',
        lines: [line(3000)],
      });
      const adjust = (body: Record<string, unknown>) =>
        testApp.http().post(`/api/accounts/${id}/adjustments`).set('authorization', agent.auth).send(body);
      expect(
        (await adjust({ kind: 'credit_note', amount: 3500, reasonCode: 'billing_error', invoiceId })).status,
      ).toBe(422);
      expect((await adjust({ kind: 'refund', amount: 100, reasonCode: 'overpayment' })).body.message).toMatch(
        /credit balance of 0/,
      );
      await testApp
        .http()
        .post(`/api/accounts/${id}/payments`)
        .set('authorization', agent.auth)
        .send({ amount: 5000, method: 'card', reference: 'overpay' })
        .expect(201);
      const refund = await adjust({ kind: 'refund', amount: 2000, reasonCode: 'overpayment' }).expect(201);
      expect(refund.body.status).toBe('approved');
      expect(await balanceOf(id)).toBe(0);
      expect((await adjust({ kind: 'credit_note', amount: 0, reasonCode: 'goodwill' })).status).toBe(400);
      expect((await adjust({ kind: 'gift', amount: 10, reasonCode: 'goodwill' })).status).toBe(400);
    });

    describe('reversal', () => {
      const reverse = (id: string, who: TestAgent, body: Record<string, unknown>) =>
        testApp.http().post(`/api/adjustments/${id}/reverse`).set('authorization', who.auth).send(body);

      it('reverses an approved credit note (supervisors only), so its invoice can be voided and the maker’s action counts as corrected', async () => {
        const { id } = await createAccount(testApp, agent);
        const invoiceId = await createInvoice(testApp, agent, id, {
          number: 'R-1',
          issueDate: '2026-01-01',
          dueDate: '2026-01-31',
          lines: [line(10000)],
        });
        const credit = await testApp
          .http()
          .post(`/api/accounts/${id}/adjustments`)
          .set('authorization', agent.auth)
          .send({ kind: 'credit_note', amount: 3000, reasonCode: 'billing_error', invoiceId })
          .expect(201);
        expect(credit.body.status).toBe('approved');
        const refused = await testApp
          .http()
          .post(`/api/invoices/${invoiceId}/void`)
          .set('authorization', supervisor.auth)
          .send({ reason: 'Issued twice' })
          .expect(409);
        expect(refused.body.message).toMatch(/reverse the credit notes/);

        expectApiError(await reverse(credit.body.id, agent, { reason: 'x' }), 403);
        expectFieldError(await reverse(credit.body.id, supervisor, {}), 'reason');
        expectFieldError(await reverse(credit.body.id, supervisor, { reason: '   ' }), 'reason');
        expectApiError(await reverse(UUID_NOBODY_HAS, supervisor, { reason: 'x' }), 404);
        expect(await balanceOf(id)).toBe(7000);

        const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(new Date());
        const reversed = await reverse(credit.body.id, supervisor, { reason: 'Credited in error' }).expect(
          200,
        );
        expect(reversed.body).toMatchObject({
          status: 'reversed',
          reversedBy: supervisor.id,
          reversalReason: 'Credited in error',
          amount: 3000,
        });
        expect(reversed.body.reversedAt).toEqual(expect.any(String));
        expect(await balanceOf(id)).toBe(10000);
        const invoice = await testApp
          .http()
          .get(`/api/invoices/${invoiceId}`)
          .set('authorization', agent.auth)
          .expect(200);
        expect(invoice.body.open).toBe(10000);
        const account = await testApp
          .http()
          .get(`/api/accounts/${id}?asOf=${today}`)
          .set('authorization', agent.auth)
          .expect(200);
        expect(account.body.position).toMatchObject({ credits: 0, balance: 10000 });
        expect(account.body.position.aging['90+']).toBe(10000);

        const again = await reverse(credit.body.id, otherSupervisor, { reason: 'again' });
        expectApiError(again, 409, /already reversed/);

        const audit = await testApp
          .http()
          .get(`/api/accounts/${id}/audit`)
          .set('authorization', agent.auth)
          .expect(200);
        const made = audit.body.find(
          (e: { action: string; entityId: string }) =>
            e.action === 'adjustment.made' && e.entityId === credit.body.id,
        );
        const reversal = audit.body.find(
          (e: { action: string; entityId: string }) =>
            e.action === 'adjustment.reversed' && e.entityId === credit.body.id,
        );
        expect(reversal).toMatchObject({ correctsId: made.id, actorId: supervisor.id });
        // The entry says what was reversed, so a ticket's timeline can show it.
        expect(reversal.after).toMatchObject({ status: 'reversed', kind: 'credit_note', currency: 'EUR' });
        expect(reversal.after.amount).toBe(credit.body.amount);
        expect(made.correctedById).toBe(reversal.id);

        // The statement keeps the credit note and shows its reversal as a line of its own.
        const statement = await testApp
          .http()
          .get(`/api/accounts/${id}/statement?from=2026-01-01&to=${today}`)
          .set('authorization', agent.auth)
          .expect(200);
        expect(
          statement.body.lines.map((l: { date: string; kind: string; amount: number; balance: number }) => [
            l.date,
            l.kind,
            l.amount,
            l.balance,
          ]),
        ).toEqual([
          ['2026-01-01', 'invoice', 10000, 10000],
          [today, 'credit_note', -3000, 7000],
          [today, 'credit_note_reversal', 3000, 10000],
        ]);
        expect(statement.body.closingBalance).toBe(10000);

        const voided = await testApp
          .http()
          .post(`/api/invoices/${invoiceId}/void`)
          .set('authorization', supervisor.auth)
          .send({ reason: 'Issued twice' })
          .expect(200);
        expect(voided.body).toMatchObject({ status: 'void', voidReason: 'Issued twice' });
        expect(await balanceOf(id)).toBe(0);
      });

      it('reverses an approved debit note, and refuses pending and rejected adjustments naming their status', async () => {
        const { id } = await createAccount(testApp, agent);
        const make = (amount: number) =>
          testApp
            .http()
            .post(`/api/accounts/${id}/adjustments`)
            .set('authorization', agent.auth)
            .send({ kind: 'debit_note', amount, reasonCode: 'late_fee' })
            .expect(201);
        const fee = await make(700);
        const pending = await make(15000);
        const rejected = await make(20000);
        await testApp
          .http()
          .post(`/api/adjustments/${rejected.body.id}/reject`)
          .set('authorization', supervisor.auth)
          .send({})
          .expect(200);
        expect(await balanceOf(id)).toBe(700);

        expectApiError(await reverse(pending.body.id, supervisor, { reason: 'x' }), 409, 'pending_approval');
        expectApiError(await reverse(rejected.body.id, supervisor, { reason: 'x' }), 409, 'rejected');
        await reverse(fee.body.id, supervisor, { reason: 'Fee waived' }).expect(200);
        expect(await balanceOf(id)).toBe(0);
        // A reversed adjustment is no longer waiting for, or open to, a decision.
        await testApp
          .http()
          .post(`/api/adjustments/${fee.body.id}/approve`)
          .set('authorization', otherSupervisor.auth)
          .send({})
          .expect(409);
        const listed = await testApp
          .http()
          .get('/api/adjustments?status=reversed')
          .set('authorization', supervisor.auth)
          .expect(200);
        expect(listed.body.map((a: { id: string }) => a.id)).toContain(fee.body.id);
      });
    });
  });
});
