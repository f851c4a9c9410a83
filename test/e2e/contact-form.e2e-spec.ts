import { randomUUID } from 'node:crypto';
import { TestApp } from '../support/test-app';
import { setEnvironment } from '../support/environment';

/** Small limit and a routing team for this file (read when the app starts). */
const ENVIRONMENT = {
  CONTACT_FORM_RATE_LIMIT: '5',
  CONTACT_FORM_RATE_WINDOW_SECONDS: '600',
  INBOUND_TEAM: `Web inbox ${randomUUID().slice(0, 8)}`,
};

interface TicketRow {
  id: string;
  channel: string;
  subject: string;
  category: string;
  status: string;
  requester_email: string;
  requester_name: string | null;
  team_id: string | null;
}

describe('public contact form (web channel)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let testApp: TestApp;
  let teamId: string;

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENVIRONMENT);
    testApp = await TestApp.start();
    [{ id: teamId }] = await testApp.dataSource.query<{ id: string }[]>(
      `INSERT INTO teams (name) VALUES ($1) RETURNING id`,
      [ENVIRONMENT.INBOUND_TEAM],
    );
  });

  afterAll(async () => {
    await testApp?.close();
    restoreEnvironment?.();
  });

  const post = (form: Record<string, string>) => testApp.http().post('/contact').type('form').send(form);
  const ticketsFrom = (email: string): Promise<TicketRow[]> =>
    testApp.dataSource.query(`SELECT * FROM tickets WHERE requester_email = $1`, [email]);

  it('serves the form as a page of its own, not under /api', async () => {
    const page = await testApp.http().get('/contact').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('<form method="post" action="/contact"');
    expect(page.text).toContain('<option value="refund_request">Refund request</option>');
  });

  it('opens a web ticket by the customer in the INBOUND_TEAM queue, and says its number', async () => {
    const email = `web-${randomUUID().slice(0, 8)}@customer.example`;
    const page = await post({
      name: 'Jo Web',
      email: email.toUpperCase(),
      category: 'duplicate_charge',
      reference: 'INV-2231',
      subject: 'Charged twice <b>today</b>',
      message: 'My card shows two charges of 49.00.',
    }).expect(201);
    const [ticket] = await ticketsFrom(email);
    expect(ticket).toMatchObject({
      channel: 'web',
      subject: 'Charged twice <b>today</b>',
      category: 'duplicate_charge',
      status: 'new',
      requester_name: 'Jo Web',
      team_id: teamId,
    });
    const [{ number }] = await testApp.dataSource.query<{ number: string }[]>(
      `SELECT number FROM tickets WHERE id = $1`,
      [ticket.id],
    );
    expect(page.text).toContain(`<strong>LD-${number}</strong>`);
    expect(page.text).toContain(`at <strong>${email}</strong>`);
    const events = await testApp.dataSource.query<
      { type: string; actor_kind: string; payload: Record<string, unknown> }[]
    >(`SELECT type, actor_kind, payload FROM ticket_events WHERE ticket_id = $1 ORDER BY id`, [ticket.id]);
    expect(events.map((event) => [event.type, event.actor_kind])).toEqual([
      ['ticket.created', 'customer'],
      ['message', 'customer'],
    ]);
    expect(events[0].payload).toMatchObject({ channel: 'web', category: 'duplicate_charge', teamId });
    const [message] = await testApp.dataSource.query<{ body_text: string }[]>(
      `SELECT body_text FROM ticket_messages WHERE ticket_id = $1`,
      [ticket.id],
    );
    expect(message.body_text).toBe(
      'My card shows two charges of 49.00.\n\n(Account or invoice number given on the form: INV-2231)',
    );
  });

  it('shows the form again with each problem at its field and what was typed (escaped), creating nothing', async () => {
    const page = await post({
      email: 'not-an-address',
      subject: '',
      category: 'lottery',
      message: '<script>alert(1)</script>',
    }).expect(400);
    expect(page.text).toContain('<p class="problem" id="email-problem">This is not an email address.</p>');
    expect(page.text).toContain('id="subject-problem">Please say in a few words what it is about.');
    expect(page.text).toContain('id="category-problem">Please choose one of the topics.');
    expect(page.text).toContain('value="not-an-address"');
    expect(page.text).not.toContain('<script>alert(1)</script>');
    // What was typed comes back as typed (it used to lose anything shaped like a tag).
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
    expect(await ticketsFrom('not-an-address')).toEqual([]);

    // PostgreSQL text cannot hold NUL: a name with one was a 500 (sent as a garbled HTML error).
    const email = `nul-${randomUUID().slice(0, 8)}@customer.example`;
    const nul = await post({ name: 'Jo\u0000Doe', email, subject: 'Hello', message: 'Hi' }).expect(400);
    expect(nul.headers['content-type']).toMatch(/^text\/html/);
    expect(nul.text).toContain('id="name-problem">This contains characters we cannot store.');
    expect(await ticketsFrom(email)).toEqual([]);
  });

  it('thanks a bot that filled the hidden field, creating nothing', async () => {
    const email = `bot-${randomUUID().slice(0, 8)}@spam.example`;
    const page = await post({
      email,
      subject: 'Cheap pills',
      message: 'Buy now',
      website: 'http://spam.example',
    }).expect(201);
    expect(page.text).toContain('Thank you, we have your request');
    expect(await ticketsFrom(email)).toEqual([]);
  });

  it('limits requests per client address (429 with Retry-After), without creating a ticket', async () => {
    // Four requests so far in this file; the limit is 5 per window.
    const email = `late-${randomUUID().slice(0, 8)}@customer.example`;
    await post({ email, subject: 'Fourth', message: 'Still fine' }).expect(201);
    const refused = await post({ email: `x${email}`, subject: 'Fifth', message: 'Too many' }).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.text).toContain('Please try again later');
    expect(await ticketsFrom(`x${email}`)).toEqual([]);
  });
});
