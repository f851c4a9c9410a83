import { TestAgent, TestApp } from '../support/test-app';
import { createAccount, createInvoice, line } from '../support/billing';
import { createTicket } from '../support/tickets';

/**
 * A worked example; every figure below was computed by hand (DESK_TIMEZONE is UTC in tests).
 *
 *   INV-1  issued 03-01, due 03-31   2 × 50.00                      = 100.00
 *   INV-2  issued 04-01, due 04-30   1 × 200.00 + 1.5 × 33.33 (49.995 → 50.00) = 250.00
 *   INV-3  issued 05-15, due 06-14   1 × 80.00                      =  80.00
 *   INV-4  issued 06-20, due 07-20   3 × 15.00                      =  45.00
 *   P1  150.00 received 04-10, oldest due first → INV-1 100.00, INV-2 50.00
 *   P2   30.00 received 06-25, 20.00 to INV-3, 10.00 left as credit
 *
 * As of 2026-06-30: invoiced 475.00, paid 180.00, balance 295.00.
 *   INV-2 open 200.00, 61 days past due → 61-90;  INV-3 open 60.00, 16 days → 1-30;
 *   INV-4 open 45.00, not yet due → current;  unapplied credit 10.00;
 *   45.00 + 60.00 + 200.00 − 10.00 = 295.00.
 */
describe('balance, aging and statement (worked example)', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let accountId: string;
  const invoices: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
    accountId = (await createAccount(testApp, agent)).id;
    invoices.inv1 = await createInvoice(testApp, agent, accountId, {
      number: 'INV-1',
      issueDate: '2026-03-01',
      dueDate: '2026-03-31',
      lines: [line(5000, 2)],
    });
    invoices.inv2 = await createInvoice(testApp, agent, accountId, {
      number: 'INV-2',
      issueDate: '2026-04-01',
      dueDate: '2026-04-30',
      lines: [line(20000, 1), line(3333, '1.5', 'Overage')],
    });
    invoices.inv3 = await createInvoice(testApp, agent, accountId, {
      number: 'INV-3',
      issueDate: '2026-05-15',
      dueDate: '2026-06-14',
      lines: [line(8000)],
    });
    invoices.inv4 = await createInvoice(testApp, agent, accountId, {
      number: 'INV-4',
      issueDate: '2026-06-20',
      dueDate: '2026-07-20',
      lines: [line(1500, 3)],
    });
    await testApp
      .http()
      .post(`/api/accounts/${accountId}/payments`)
      .set('authorization', agent.auth)
      .send({ amount: 15000, method: 'bank_transfer', reference: 'P1', receivedAt: '2026-04-10T09:00:00Z' })
      .expect(201);
    await testApp
      .http()
      .post(`/api/accounts/${accountId}/payments`)
      .set('authorization', agent.auth)
      .send({
        amount: 3000,
        method: 'card',
        reference: 'P2',
        receivedAt: '2026-06-25T15:30:00Z',
        allocations: [{ invoiceId: invoices.inv3, amount: 2000 }],
      })
      .expect(201);
  });

  afterAll(() => testApp.close());

  const position = async (asOf: string) =>
    (
      await testApp
        .http()
        .get(`/api/accounts/${accountId}?asOf=${asOf}`)
        .set('authorization', agent.auth)
        .expect(200)
    ).body.position;

  it('rounds line amounts half away from zero in minor units', async () => {
    const invoice = await testApp
      .http()
      .get(`/api/invoices/${invoices.inv2}`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(invoice.body.total).toBe(25000);
    expect(invoice.body.lines.map((l: { amount: number }) => l.amount)).toEqual([20000, 5000]);
  });

  it('applies a payment without instructions to the oldest due invoices first', async () => {
    const payments = await testApp
      .http()
      .get(`/api/accounts/${accountId}/payments`)
      .set('authorization', agent.auth)
      .expect(200);
    const p1 = payments.body.find((p: { reference: string }) => p.reference === 'P1');
    expect(
      p1.allocations.map((a: { invoiceNumber: string; amount: number }) => [a.invoiceNumber, a.amount]),
    ).toEqual([
      ['INV-1', 10000],
      ['INV-2', 5000],
    ]);
    expect(p1.unallocated).toBe(0);
  });

  it('computes balance and aging as of 2026-06-30', async () => {
    expect(await position('2026-06-30')).toEqual({
      currency: 'EUR',
      asOf: '2026-06-30',
      invoiced: 47500,
      paid: 18000,
      credits: 0,
      debits: 0,
      balance: 29500,
      overdue: 26000,
      unappliedCredit: 1000,
      aging: { current: 4500, '1-30': 6000, '31-60': 0, '61-90': 20000, '90+': 0 },
    });
  });

  it('computes earlier dates from what existed then', async () => {
    expect(await position('2026-04-15')).toMatchObject({
      invoiced: 35000,
      paid: 15000,
      balance: 20000,
      unappliedCredit: 0,
      aging: { current: 20000, '1-30': 0, '31-60': 0, '61-90': 0, '90+': 0 },
    });
    expect(await position('2026-03-31')).toMatchObject({ balance: 10000, aging: { current: 10000 } });
  });

  it('derives invoice statuses', async () => {
    const list = await testApp
      .http()
      .get(`/api/accounts/${accountId}/invoices`)
      .set('authorization', agent.auth)
      .expect(200);
    const statuses = Object.fromEntries(
      list.body.map((i: { number: string; status: string }) => [i.number, i.status]),
    );
    expect(statuses).toEqual({ 'INV-1': 'paid', 'INV-2': 'overdue', 'INV-3': 'overdue', 'INV-4': 'overdue' });
  });

  it('builds a statement whose opening balance plus movements equals the closing balance', async () => {
    const statement = await testApp
      .http()
      .get(`/api/accounts/${accountId}/statement?from=2026-04-01&to=2026-06-30`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(statement.body.openingBalance).toBe(10000);
    expect(
      statement.body.lines.map((l: { date: string; kind: string; amount: number; balance: number }) => [
        l.date,
        l.kind,
        l.amount,
        l.balance,
      ]),
    ).toEqual([
      ['2026-04-01', 'invoice', 25000, 35000],
      ['2026-04-10', 'payment', -15000, 20000],
      ['2026-05-15', 'invoice', 8000, 28000],
      ['2026-06-20', 'invoice', 4500, 32500],
      ['2026-06-25', 'payment', -3000, 29500],
    ]);
    expect(statement.body.closingBalance).toBe(29500);
    expect(statement.body.closingBalance).toBe((await position('2026-06-30')).balance);
  });

  it('reconciles statements over any period, including today’s adjustments', async () => {
    await testApp
      .http()
      .post(`/api/accounts/${accountId}/adjustments`)
      .set('authorization', agent.auth)
      .send({ kind: 'credit_note', amount: 500, reasonCode: 'goodwill', invoiceId: invoices.inv2 })
      .expect(201);
    await testApp
      .http()
      .post(`/api/accounts/${accountId}/adjustments`)
      .set('authorization', agent.auth)
      .send({ kind: 'debit_note', amount: 2500, reasonCode: 'late_fee' })
      .expect(201);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC' }).format(new Date());
    const now = await position(today);
    // 475.00 − 180.00 − 5.00 credit + 25.00 late fee
    expect(now).toMatchObject({
      invoiced: 47500,
      paid: 18000,
      credits: 500,
      debits: 2500,
      balance: 31500,
      unappliedCredit: 1000,
    });
    const agingTotal = Object.values(now.aging as Record<string, number>).reduce(
      (sum, amount) => sum + amount,
      0,
    );
    expect(agingTotal - now.unappliedCredit).toBe(now.balance);
    expect(now.aging.current).toBe(2500); // the late fee is due today

    for (const [from, to] of [
      ['2026-01-01', today],
      ['2026-03-15', '2026-05-20'],
      ['2026-06-26', today],
    ]) {
      const statement = await testApp
        .http()
        .get(`/api/accounts/${accountId}/statement?from=${from}&to=${to}`)
        .set('authorization', agent.auth)
        .expect(200);
      const movements = statement.body.lines.reduce(
        (sum: number, l: { amount: number }) => sum + l.amount,
        0,
      );
      expect(statement.body.openingBalance + movements).toBe(statement.body.closingBalance);
      expect(statement.body.closingBalance).toBe((await position(to)).balance);
    }
  });

  it('includes the account in the desk-wide figures per currency', async () => {
    const summary = await testApp
      .http()
      .get('/api/billing/summary?asOf=2026-06-30')
      .set('authorization', agent.auth)
      .expect(200);
    const eur = summary.body.find((entry: { currency: string }) => entry.currency === 'EUR');
    expect(eur.invoiced).toBeGreaterThanOrEqual(47500);
    const agingTotal = Object.values(eur.aging as Record<string, number>).reduce(
      (sum, amount) => sum + amount,
      0,
    );
    expect(agingTotal - eur.unappliedCredit).toBe(eur.balance);
  });

  it('refuses a statement whose period ends before it starts', async () => {
    const response = await testApp
      .http()
      .get(`/api/accounts/${accountId}/statement?from=2026-06-01&to=2026-05-01`)
      .set('authorization', agent.auth)
      .expect(422);
    expect(response.body.message).toMatch(/to must not be before from/);
  });
});

describe('documents tied to an invoice not issued yet', () => {
  let testApp: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
  });

  afterAll(() => testApp.close());

  /** A calendar day `days` after today (DESK_TIMEZONE is UTC in tests). */
  const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const position = async (accountId: string, asOf: string) =>
    (
      await testApp
        .http()
        .get(`/api/accounts/${accountId}?asOf=${asOf}`)
        .set('authorization', agent.auth)
        .expect(200)
    ).body.position;
  const agingTotal = (p: { aging: Record<string, number> }): number =>
    Object.values(p.aging).reduce((sum, amount) => sum + amount, 0);
  const adjust = (accountId: string, body: Record<string, unknown>) =>
    testApp.http().post(`/api/accounts/${accountId}/adjustments`).set('authorization', agent.auth).send(body);
  const futureInvoice = (accountId: string, number: string) =>
    createInvoice(testApp, agent, accountId, {
      number,
      issueDate: day(10),
      dueDate: day(40),
      lines: [line(3000)],
    });

  it('counts a credit note on it from the invoice’s issue day: no credit, nothing to refund before', async () => {
    const { id } = await createAccount(testApp, agent);
    const invoiceId = await futureInvoice(id, 'F-1');
    const credit = await adjust(id, { kind: 'credit_note', amount: 3000, reasonCode: 'goodwill', invoiceId });
    expect(credit.status).toBe(201);
    expect(credit.body.status).toBe('approved');

    const today = await position(id, day(0));
    expect(today).toMatchObject({ balance: 0, credits: 0, unappliedCredit: 0 });
    expect(agingTotal(today) - today.unappliedCredit).toBe(today.balance);
    const refund = await adjust(id, { kind: 'refund', amount: 3000, reasonCode: 'overpayment' });
    expect(refund.status).toBe(422);
    expect(refund.body.message).toMatch(/credit balance of 0/);

    const issued = await position(id, day(10));
    expect(issued).toMatchObject({ invoiced: 3000, credits: 3000, balance: 0, unappliedCredit: 0 });
    expect(agingTotal(issued) - issued.unappliedCredit).toBe(issued.balance);

    const statement = await testApp
      .http()
      .get(`/api/accounts/${id}/statement?from=${day(-1)}&to=${day(12)}`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(statement.body.lines.map((l: { date: string; kind: string }) => [l.date, l.kind])).toEqual([
      [day(10), 'invoice'],
      [day(10), 'credit_note'],
    ]);
    for (const to of [day(0), day(9), day(10)]) {
      const part = await testApp
        .http()
        .get(`/api/accounts/${id}/statement?from=${day(-1)}&to=${to}`)
        .set('authorization', agent.auth)
        .expect(200);
      expect(part.body.closingBalance).toBe((await position(id, to)).balance);
    }
  });

  it('keeps a payment allocated to it out of what may be refunded', async () => {
    const { id } = await createAccount(testApp, agent);
    const invoiceId = await futureInvoice(id, 'F-2');
    await testApp
      .http()
      .post(`/api/accounts/${id}/payments`)
      .set('authorization', agent.auth)
      .send({ amount: 5000, method: 'card', reference: 'PRE-1', allocations: [{ invoiceId, amount: 3000 }] })
      .expect(201);
    const today = await position(id, day(0));
    expect(agingTotal(today) - today.unappliedCredit).toBe(today.balance);

    // A ticket of the account says what may be refunded, so the agent sees it before asking.
    const { number } = (await testApp.http().get(`/api/accounts/${id}`).set('authorization', agent.auth))
      .body;
    const ticket = await createTicket(testApp, agent, { subject: 'Refund the rest', account: number });
    const { billing } = (
      await testApp.http().get(`/api/tickets/${ticket.id}`).set('authorization', agent.auth).expect(200)
    ).body;
    expect(billing).toMatchObject({ balance: -5000, unappliedCredit: 5000, refundableCredit: 2000 });

    const tooMuch = await adjust(id, { kind: 'refund', amount: 2001, reasonCode: 'overpayment' });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.message).toMatch(/credit balance of 2000/);
    await adjust(id, { kind: 'refund', amount: 2000, reasonCode: 'overpayment' }).expect(201);
    const issued = await position(id, day(10));
    expect(issued).toMatchObject({ invoiced: 3000, paid: 5000, debits: 2000, balance: 0 });
  });
});
