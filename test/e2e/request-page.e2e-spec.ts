import { RequestLinks, REQUEST_LINK_TTL_DAYS } from '@ledgerdesk/tickets';
import { createHash, randomUUID } from 'node:crypto';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, eventsOf, patchTicket, postMessage, TicketBody, ticketRow } from '../support/tickets';
import { setEnvironment } from '../support/environment';

/**
 * A small limit for this file (read when the app starts), counted per client address: the test
 * client names its address in X-Forwarded-For, which the app trusts from the loopback proxy.
 */
const ENVIRONMENT = {
  CONTACT_FORM_RATE_LIMIT: '4',
  CONTACT_FORM_RATE_WINDOW_SECONDS: '600',
  TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1',
};

describe('the customer’s request page (/requests/<token>)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let testApp: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    restoreEnvironment = setEnvironment(ENVIRONMENT);
    testApp = await TestApp.start();
    agent = await testApp.agent('agent', [uniqueTeam('requests')]);
  });

  afterAll(async () => {
    await testApp?.close();
    restoreEnvironment?.();
  });

  /** The page's path (PUBLIC_URL stripped), as the acknowledgement email links it. */
  const pathOf = (ticketId: string, now?: Date): string =>
    new URL(testApp.app.get(RequestLinks).urlFor(ticketId, now)).pathname;
  const customer = (): string => `web-${randomUUID().slice(0, 8)}@customer.example`;
  /** Each post from its own client address: the rate limit is tested on its own. */
  const post = (
    path: string,
    message: string,
    address = `10.1.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  ) => testApp.http().post(path).set('x-forwarded-for', address).type('form').send({ message });
  const ticketFor = async (): Promise<TicketBody> => {
    const ticket = await createTicket(testApp, agent, {
      channel: 'web',
      subject: 'Refund <b>please</b>',
      body: 'I cancelled in May.\nPlease refund June.',
      requester: { email: customer(), name: 'Jo Web' },
      teamId: agent.teamIds[0],
    });
    await postMessage(testApp, agent, ticket.id, 'reply', 'We are looking into it.').expect(201);
    await postMessage(testApp, agent, ticket.id, 'note', 'Internal: check the May cancellation.').expect(201);
    return ticket;
  };
  const customerMessages = async (ticketId: string): Promise<string[]> =>
    (
      await testApp.dataSource.query<{ body_text: string }[]>(
        `SELECT body_text FROM ticket_messages WHERE ticket_id = $1 AND kind = 'customer' ORDER BY created_at`,
        [ticketId],
      )
    ).map((row) => row.body_text);

  it('shows the status and the public conversation, escaped, without internal notes', async () => {
    const ticket = await ticketFor();
    const page = await testApp.http().get(pathOf(ticket.id)).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain(`Your request ${ticket.number}`);
    expect(page.text).toContain('<strong>Refund &lt;b&gt;please&lt;/b&gt;</strong>');
    expect(page.text).toContain('Open: we are working on it');
    expect(page.text).toContain('I cancelled in May.\nPlease refund June.');
    expect(page.text).toContain('Test, billing desk');
    expect(page.text).toContain('We are looking into it.');
    expect(page.text).not.toContain('Internal: check the May cancellation.');
    expect(page.text).toContain(`<form method="post" action="${pathOf(ticket.id).replace(/\?.*/, '')}`);
  });

  it('tells an open page when the conversation changed (a reply, a status), not for a note', async () => {
    const ticket = await ticketFor();
    const path = pathOf(ticket.id);
    const state = async (): Promise<{ version: string; status: string }> => {
      const response = await testApp.http().get(`${path}/state`).expect(200);
      expect(response.headers['cache-control']).toBe('no-store');
      return response.body as { version: string; status: string };
    };
    const shown = await state();
    expect(shown.status).toBe('open');
    const page = await testApp.http().get(path).expect(200);
    expect(page.text).toContain(`<div id="live" data-version="${shown.version}" hidden></div>`);

    // Its one inline script is the one the desk's Content-Security-Policy allows by hash.
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.text)?.[1] ?? '';
    expect(script).toContain("'/state'");
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page.headers['content-security-policy']).toContain(`'sha256-${hash}'`);

    await postMessage(testApp, agent, ticket.id, 'note', 'Internal only.').expect(201);
    expect((await state()).version).toBe(shown.version);
    await postMessage(testApp, agent, ticket.id, 'reply', 'Refund done.').expect(201);
    const replied = await state();
    expect(replied.version).not.toBe(shown.version);
    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    expect(await state()).toMatchObject({ status: 'solved' });

    await testApp.http().get('/requests/not-a-token/state').expect(404);
    const old = pathOf(ticket.id, new Date(Date.now() - (REQUEST_LINK_TTL_DAYS + 1) * 86_400_000));
    await testApp.http().get(`${old}/state`).expect(410);
  });

  it('adds the customer’s message like an email reply, then shows it (post/redirect/get)', async () => {
    const ticket = await ticketFor();
    await patchTicket(testApp, agent, ticket.id, { status: 'pending' }).expect(200);
    const path = pathOf(ticket.id);

    const sent = await post(path, '  It was the June invoice, INV-2231.  ').expect(303);
    expect(sent.headers.location).toBe(`${path}?added=1`);
    expect(await customerMessages(ticket.id)).toEqual([
      'I cancelled in May.\nPlease refund June.',
      'It was the June invoice, INV-2231.',
    ]);
    const byCustomer = (await eventsOf(testApp, ticket.id)).filter(
      (event) => event.actor_kind === 'customer',
    );
    // The opening message, then the answer, which takes the pending ticket back to open.
    expect(byCustomer.map((event) => event.type)).toEqual(['message', 'ticket.status_changed', 'message']);
    expect(byCustomer[1].payload).toMatchObject({ from: 'pending', to: 'open' });
    expect((await ticketRow(testApp, ticket.id)).status).toBe('open');

    const after = await testApp.http().get(sent.headers.location).expect(200);
    expect(after.text).toContain('Thank you, we have added your message.');
    expect(after.text).toContain('It was the June invoice, INV-2231.');
  });

  it('reopens a solved request; a closed one shows no form and takes no message', async () => {
    const ticket = await ticketFor();
    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    const path = pathOf(ticket.id);
    expect((await testApp.http().get(path).expect(200)).text).toContain('If it is not, add a message below');
    await post(path, 'The refund has not arrived.').expect(303);
    expect((await ticketRow(testApp, ticket.id)).status).toBe('open');
    const reopened = (await eventsOf(testApp, ticket.id)).filter((event) => event.type === 'ticket.reopened');
    expect(reopened).toEqual([
      expect.objectContaining({
        actor_kind: 'customer',
        payload: expect.objectContaining({ reason: 'customer_web' }),
      }),
    ]);

    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    await patchTicket(testApp, agent, ticket.id, { status: 'closed' }).expect(200);
    const closed = await testApp.http().get(path).expect(200);
    expect(closed.text).toContain('Closed.');
    expect(closed.text).not.toContain('<form');
    expect(closed.text).toContain('<a href="/contact">write to us again</a>');
    const before = await customerMessages(ticket.id);
    const refused = await post(path, 'One more thing').expect(409);
    expect(refused.text).toContain('This request is closed and takes no more messages.');
    expect(await customerMessages(ticket.id)).toEqual(before);
  });

  it('refuses an empty message at the field, writing nothing', async () => {
    const ticket = await ticketFor();
    const refused = await post(pathOf(ticket.id), '   ').expect(400);
    expect(refused.text).toContain('<p class="problem" id="message-problem">Please write your message.</p>');
    expect(await customerMessages(ticket.id)).toHaveLength(1);
  });

  it('answers a forged or mistyped link 404, an expired one 410, and writes nothing', async () => {
    const ticket = await ticketFor();
    const path = pathOf(ticket.id);
    const forged = path.slice(0, -3) + (path.at(-3) === 'A' ? 'B' : 'A') + path.slice(-2);
    expect((await testApp.http().get(forged).expect(404)).text).toContain('This link does not work');
    await testApp.http().get('/requests/not-a-token').expect(404);
    await post(forged, 'Hello?').expect(404);
    await testApp.http().get(pathOf(randomUUID())).expect(404);

    const old = pathOf(ticket.id, new Date(Date.now() - (REQUEST_LINK_TTL_DAYS + 1) * 86_400_000));
    expect((await testApp.http().get(old).expect(410)).text).toContain('This link has expired');
    await post(old, 'Hello?').expect(410);
    expect(await customerMessages(ticket.id)).toHaveLength(1);
  });

  it('stops the links sent so far when an agent resets them; later links work', async () => {
    const ticket = await ticketFor();
    const sent = pathOf(ticket.id, new Date(Date.now() - 60_000));
    await testApp.http().get(sent).expect(200);

    const outsider = await testApp.agent('agent', [uniqueTeam('elsewhere')]);
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/request-links/reset`)
      .set('authorization', outsider.auth)
      .expect(403);
    await testApp
      .http()
      .post(`/api/tickets/${randomUUID()}/request-links/reset`)
      .set('authorization', agent.auth)
      .expect(404);
    await testApp
      .http()
      .post('/api/tickets/LD-1/request-links/reset')
      .set('authorization', agent.auth)
      .expect(400);
    await testApp.http().get(sent).expect(200);

    const reset = await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/request-links/reset`)
      .set('authorization', agent.auth)
      .expect(200);
    const resetAt = new Date(reset.body.resetAt as string);
    const logged = (await eventsOf(testApp, ticket.id)).filter((e) => e.type === 'ticket.request_link_reset');
    expect(logged).toEqual([expect.objectContaining({ actor_kind: 'agent', actor_id: agent.id })]);

    const page = await testApp.http().get(sent).expect(410);
    expect(page.text).toContain('This link has been replaced');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    await post(sent, 'Is this still you?').expect(410);
    expect(await customerMessages(ticket.id)).toHaveLength(1);

    // A link made in the second of the reset, or later, works (the next email's).
    await testApp.http().get(pathOf(ticket.id, resetAt)).expect(200);
    await post(pathOf(ticket.id, new Date(resetAt.getTime() + 5_000)), 'Thanks, new link works.').expect(303);
    expect(await customerMessages(ticket.id)).toHaveLength(2);
  });

  it('limits the messages one client address sends (429 with Retry-After)', async () => {
    const ticket = await ticketFor();
    const path = pathOf(ticket.id);
    for (let sent = 0; sent < 4; sent += 1) await post(path, `Message ${sent}`, '10.9.9.9').expect(303);
    const limited = await post(path, 'One too many', '10.9.9.9').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await customerMessages(ticket.id)).toHaveLength(5);
  });
});
