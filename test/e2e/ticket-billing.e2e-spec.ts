import { randomUUID } from 'node:crypto';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createAccount, createInvoice, line } from '../support/billing';

describe('tickets and billing', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent', [uniqueTeam()]);
    outsider = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  const openTicket = (body: Record<string, unknown>, who: TestAgent = agent) =>
    testApp
      .http()
      .post('/api/tickets')
      .set('authorization', who.auth)
      .send({ channel: 'email', subject: 'Why was I charged twice?', body: 'See my statement', ...body });

  const eventsOf = async (ticketId: string) =>
    (await testApp.http().get(`/api/tickets/${ticketId}/events`).set('authorization', agent.auth).expect(200))
      .body as {
      type: string;
      payload: Record<string, unknown>;
    }[];

  it('links a ticket to the account named by number, and refuses an unknown number', async () => {
    const account = await createAccount(testApp, agent);
    const ticket = await openTicket({
      account: account.number,
      requester: { email: 'x@customer.example' },
    }).expect(201);
    expect(ticket.body.accountId).toBe(account.id);
    const created = (await eventsOf(ticket.body.id)).find((event) => event.type === 'ticket.created');
    expect(created?.payload.accountId).toBe(account.id);

    const [{ n: before }] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tickets`,
    );
    const unknown = await openTicket({
      account: 'NO-SUCH-ACCOUNT',
      requester: { email: 'x@customer.example' },
    }).expect(422);
    expect(unknown.body.message).toMatch(/no customer account with number NO-SUCH-ACCOUNT/);
    const [{ n: after }] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM tickets`,
    );
    expect(after).toBe(before);
  });

  it('links a ticket through a contact’s email or phone, unless two accounts share it', async () => {
    const email = `ap-${randomUUID().slice(0, 6)}@northwind.example`;
    const phone = `+44 20 ${Math.floor(1000 + Math.random() * 8999)} ${Math.floor(1000 + Math.random() * 8999)}`;
    const account = await createAccount(testApp, agent, { contacts: [{ email, name: 'AP' }, { phone }] });
    const byEmail = await openTicket({ requester: { email: email.toUpperCase() } }).expect(201);
    expect(byEmail.body.accountId).toBe(account.id);
    const byPhone = await openTicket({
      channel: 'phone',
      requester: { phone: phone.replace(/ /g, '') },
    }).expect(201);
    expect(byPhone.body.accountId).toBe(account.id);

    const shared = `shared-${randomUUID().slice(0, 6)}@group.example`;
    await createAccount(testApp, agent, { contacts: [{ email: shared }] });
    await createAccount(testApp, agent, { contacts: [{ email: shared }] });
    const ambiguous = await openTicket({ requester: { email: shared } }).expect(201);
    expect(ambiguous.body.accountId).toBeNull();
  });

  it('shows the account’s billing context on the ticket', async () => {
    const account = await createAccount(testApp, agent);
    for (let month = 1; month <= 6; month += 1) {
      const mm = String(month).padStart(2, '0');
      await createInvoice(testApp, agent, account.id, {
        number: `CTX-${month}`,
        issueDate: `2026-${mm}-01`,
        dueDate: `2026-${mm}-15`,
        lines: [line(1000 * month)],
      });
    }
    const disputedId = (
      await testApp
        .http()
        .get(`/api/accounts/${account.id}/invoices`)
        .set('authorization', agent.auth)
        .expect(200)
    ).body.find((invoice: { number: string }) => invoice.number === 'CTX-6').id;
    await testApp
      .http()
      .post(`/api/invoices/${disputedId}/dispute`)
      .set('authorization', agent.auth)
      .send({ reason: 'Charged twice' })
      .expect(200);
    await testApp
      .http()
      .post(`/api/accounts/${account.id}/payments`)
      .set('authorization', agent.auth)
      .send({ amount: 2500, method: 'card', reference: 'CTX-P', receivedAt: '2026-03-01T10:00:00Z' })
      .expect(201);

    const ticket = await openTicket({
      account: account.number,
      requester: { email: 'ctx@customer.example' },
    }).expect(201);
    const detail = await testApp
      .http()
      .get(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .expect(200);
    const billing = detail.body.billing;
    // 10+20+30+40+50+60 = 210.00 invoiced, 25.00 paid to CTX-1 (10.00) and CTX-2 (15.00 of 20.00)
    expect(billing.account).toMatchObject({ id: account.id, number: account.number, currency: 'EUR' });
    expect(billing.balance).toBe(21000 - 2500);
    // Every due date is in the past, so all that is open is overdue (the disputed invoice too).
    expect(billing.overdue).toBe(21000 - 2500);
    expect(billing.recentInvoices.map((invoice: { number: string }) => invoice.number)).toEqual([
      'CTX-6',
      'CTX-5',
      'CTX-4',
      'CTX-3',
      'CTX-2',
    ]);
    expect(billing.recentPayments).toHaveLength(1);
    expect(billing.openDisputes).toEqual([{ invoiceId: disputedId, number: 'CTX-6', open: 6000 }]);
  });

  it('shows every adjustment waiting for approval on the ticket, then the latest others, with who made them', async () => {
    const account = await createAccount(testApp, agent);
    const invoiceId = await createInvoice(testApp, agent, account.id, {
      number: 'ADJ-CTX-1',
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(900_000)],
    });
    const adjust = async (amount: number, extra: Record<string, unknown> = {}) =>
      (
        await testApp
          .http()
          .post(`/api/accounts/${account.id}/adjustments`)
          .set('authorization', agent.auth)
          .send({ kind: 'credit_note', amount, reasonCode: 'goodwill', ...extra })
          .expect(201)
      ).body as { id: string; status: string };
    // Above the approval threshold (100.00) it waits; made first, it is the oldest of all.
    const from = await openTicket({ account: account.number, requester: { email: 'adj@customer.example' } });
    const waiting = await adjust(50_000, { invoiceId, memo: 'Disputed setup fee', ticketId: from.body.id });
    expect(waiting.status).toBe('pending_approval');
    const applied: string[] = [];
    for (let n = 1; n <= 6; n += 1) applied.unshift((await adjust(100 * n)).id);

    const ticket = await openTicket({
      account: account.number,
      requester: { email: 'adj@customer.example' },
    }).expect(201);
    const { billing } = (
      await testApp.http().get(`/api/tickets/${ticket.body.id}`).set('authorization', agent.auth).expect(200)
    ).body;
    expect(billing.adjustments.map((adjustment: { id: string }) => adjustment.id)).toEqual([
      waiting.id,
      ...applied.slice(0, 5),
    ]);
    expect(billing.adjustments[0]).toMatchObject({
      status: 'pending_approval',
      amount: 50_000,
      currency: 'EUR',
      invoiceNumber: 'ADJ-CTX-1',
      memo: 'Disputed setup fee',
      madeBy: agent.id,
      madeByName: expect.any(String),
      accountNumber: account.number,
      ticketId: from.body.id,
      ticketNumber: from.body.number,
    });
    expect(billing.adjustments[1]).toMatchObject({
      status: 'approved',
      amount: 600,
      invoiceNumber: null,
      ticketId: null,
      ticketNumber: null,
    });
  });

  it('records a billing action done from a ticket in its timeline and the audit log, in one transaction', async () => {
    const account = await createAccount(testApp, agent);
    const invoiceId = await createInvoice(testApp, agent, account.id, {
      number: 'T-1',
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(4000)],
    });
    const ticket = await openTicket({ requester: { email: 'unlinked@customer.example' } }).expect(201);
    expect(ticket.body.accountId).toBeNull();

    const payment = await testApp
      .http()
      .post(`/api/accounts/${account.id}/payments`)
      .set('authorization', agent.auth)
      .send({ amount: 4000, method: 'card', reference: 'T-P', ticketId: ticket.body.id })
      .expect(201);
    const events = await eventsOf(ticket.body.id);
    expect(events.filter((event) => event.type === 'ticket.account_linked')).toHaveLength(1);
    const action = events.find((event) => event.type === 'billing.action');
    expect(action?.payload).toMatchObject({
      action: 'payment.recorded',
      entityId: payment.body.id,
      accountId: account.id,
    });
    const [audit] = await testApp.dataSource.query<{ id: string; ticket_id: string; actor_id: string }[]>(
      `SELECT id, ticket_id, actor_id FROM billing_audit_log WHERE entity_id = $1`,
      [payment.body.id],
    );
    expect(audit).toMatchObject({ ticket_id: ticket.body.id, actor_id: agent.id });
    expect(String(action?.payload.auditId)).toBe(String(audit.id));
    const linked = await testApp
      .http()
      .get(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(linked.body.accountId).toBe(account.id);
    expect(linked.body.billing.recentInvoices[0]).toMatchObject({ id: invoiceId, status: 'paid' });
  });

  it('refuses a billing action from a ticket of another account or one the agent cannot see, writing nothing', async () => {
    const account = await createAccount(testApp, agent);
    const other = await createAccount(testApp, agent);
    const ticket = await openTicket({
      account: other.number,
      requester: { email: 'o@customer.example' },
    }).expect(201);
    const mismatch = await testApp
      .http()
      .post(`/api/accounts/${account.id}/payments`)
      .set('authorization', agent.auth)
      .send({ amount: 100, method: 'card', reference: 'MISMATCH', ticketId: ticket.body.id })
      .expect(422);
    expect(mismatch.body.message).toMatch(/belongs to another customer account/);
    await testApp
      .http()
      .post(`/api/accounts/${other.id}/payments`)
      .set('authorization', outsider.auth)
      .send({ amount: 100, method: 'card', reference: 'HIDDEN', ticketId: ticket.body.id })
      .expect(403);
    const [{ n }] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM payments WHERE reference IN ('MISMATCH', 'HIDDEN')`,
    );
    expect(n).toBe(0);
  });

  it('links invoices to a ticket and filters tickets by account', async () => {
    const account = await createAccount(testApp, agent);
    const invoiceId = await createInvoice(testApp, agent, account.id, {
      number: 'L-1',
      issueDate: '2026-01-01',
      dueDate: '2026-01-31',
      lines: [line(100)],
    });
    const ticket = await openTicket({ requester: { email: 'link@customer.example' } }).expect(201);
    await testApp
      .http()
      .post(`/api/tickets/${ticket.body.id}/billing-links`)
      .set('authorization', agent.auth)
      .send({ type: 'invoice', id: invoiceId })
      .expect(204);
    const detail = await testApp
      .http()
      .get(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(detail.body.accountId).toBe(account.id);
    expect(detail.body.billing.linkedInvoiceIds).toEqual([invoiceId]);
    const listed = await testApp
      .http()
      .get(`/api/tickets?account=${account.id}`)
      .set('authorization', agent.auth)
      .expect(200);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([ticket.body.id]);
    await testApp
      .http()
      .post(`/api/tickets/${ticket.body.id}/billing-links`)
      .set('authorization', agent.auth)
      .send({ type: 'invoice', id: randomUUID() })
      .expect(422);
  });

  it('links and unlinks an account by hand with an event, and refuses an unknown account', async () => {
    const account = await createAccount(testApp, agent);
    const ticket = await openTicket({ requester: { email: 'manual@customer.example' } }).expect(201);
    await testApp
      .http()
      .patch(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .send({ accountId: account.id })
      .expect(200);
    await testApp
      .http()
      .patch(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .send({ accountId: randomUUID() })
      .expect(422);
    const unlinked = await testApp
      .http()
      .patch(`/api/tickets/${ticket.body.id}`)
      .set('authorization', agent.auth)
      .send({ accountId: null })
      .expect(200);
    expect(unlinked.body.accountId).toBeNull();
    const links = (await eventsOf(ticket.body.id)).filter((event) => event.type === 'ticket.account_linked');
    expect(links.map((event) => event.payload.accountId)).toEqual([account.id, null]);
  });
});
