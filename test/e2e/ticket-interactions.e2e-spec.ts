import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  eventsSince,
  expectApiError,
  expectFieldError,
  oversizedText,
  patchTicket,
  TicketBody,
  ticketRow,
  UUID_NOBODY_HAS,
  withFailingEvent,
} from '../support/tickets';

const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * 60_000).toISOString();

describe('ticket interactions: messages and calls', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent', [uniqueTeam('interactions')]);
    outsider = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  const postMessage = (ticketId: string, body: object, caller: TestAgent = agent) =>
    testApp.http().post(`/api/tickets/${ticketId}/messages`).set('Authorization', caller.auth).send(body);
  const postCall = (ticketId: string, body: object, caller: TestAgent = agent) =>
    testApp.http().post(`/api/tickets/${ticketId}/calls`).set('Authorization', caller.auth).send(body);
  const messagesOf = (ticketId: string): Promise<Record<string, unknown>[]> =>
    testApp.dataSource.query(
      `SELECT id, kind, author_agent_id, body_html, body_text, event_id FROM ticket_messages
        WHERE ticket_id = $1 ORDER BY created_at, id`,
      [ticketId],
    );
  const callsOf = (ticketId: string): Promise<Record<string, unknown>[]> =>
    testApp.dataSource.query(`SELECT * FROM ticket_calls WHERE ticket_id = $1`, [ticketId]);
  async function closedTicket(): Promise<TicketBody> {
    const ticket = await createTicket(testApp, agent);
    for (const status of ['open', 'solved', 'closed']) {
      await patchTicket(testApp, agent, ticket.id, { status }).expect(200);
    }
    return ticket;
  }

  describe('POST /api/tickets/:id/messages', () => {
    it('posts a public reply that opens a new ticket: one message event and one status event', async () => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);

      const response = await postMessage(ticket.id, {
        kind: 'reply',
        body: 'We refunded <b>one</b> charge.',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        eventId: expect.any(String),
        kind: 'reply',
        bodyHtml: '<p>We refunded &lt;b&gt;one&lt;/b&gt; charge.</p>',
        bodyText: 'We refunded <b>one</b> charge.',
        createdAt: expect.any(String),
      });
      const added = await eventsSince(testApp, ticket.id, before);
      expect(added.map((event) => [event.type, event.actor_id, event.payload])).toEqual([
        ['message', agent.id, { messageId: response.body.id, author: 'agent', visibility: 'public' }],
        ['ticket.status_changed', agent.id, { from: 'new', to: 'open', reason: 'first_reply' }],
      ]);
      expect(added[0].id).toBe(response.body.eventId);
      expect(added[0].at.toISOString()).toBe(response.body.createdAt);
      expect((await messagesOf(ticket.id)).at(-1)).toMatchObject({
        id: response.body.id,
        kind: 'reply',
        author_agent_id: agent.id,
        event_id: response.body.eventId,
      });
      expect((await ticketRow(testApp, ticket.id)).status).toBe('open');
    });

    it('appends exactly one event for a reply on an open ticket', async () => {
      const ticket = await createTicket(testApp, agent);
      await patchTicket(testApp, agent, ticket.id, { status: 'pending' }).expect(200);
      const before = await eventsOf(testApp, ticket.id);

      await postMessage(ticket.id, { kind: 'reply', body: 'Any news?' }).expect(201);

      expect((await eventsSince(testApp, ticket.id, before)).map((event) => event.type)).toEqual(['message']);
      expect((await ticketRow(testApp, ticket.id)).status).toBe('pending');
    });

    it('posts an internal note without touching the status', async () => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);

      const response = await postMessage(ticket.id, { kind: 'note', body: 'Checked Stripe: two captures.' });

      expect(response.status).toBe(201);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([
        expect.objectContaining({
          type: 'message',
          payload: { messageId: response.body.id, author: 'agent', visibility: 'internal' },
        }),
      ]);
      const row = await ticketRow(testApp, ticket.id);
      expect(row.status).toBe('new');
      expect((row.updated_at as Date).getTime()).toBeGreaterThan(new Date(ticket.updatedAt).getTime());
    });

    it('sanitises an HTML body and keeps a plain-text copy', async () => {
      const ticket = await createTicket(testApp, agent);
      const response = await postMessage(ticket.id, {
        kind: 'reply',
        bodyFormat: 'html',
        body: '<p onclick="steal()">Hi <a href="javascript:alert(1)">there</a><script>alert(1)</script></p>',
      }).expect(201);

      expect(response.body.bodyHtml).not.toMatch(/script|onclick|javascript/);
      expect(response.body.bodyHtml).toContain('<p>Hi <a');
      expect(response.body.bodyText).toBe('Hi there');
    });

    it('refuses a message on a closed ticket (409) and writes nothing', async () => {
      const ticket = await closedTicket();
      const before = await eventsOf(testApp, ticket.id);
      const messagesBefore = await messagesOf(ticket.id);

      expectApiError(await postMessage(ticket.id, { kind: 'note', body: 'late' }), 409, 'closed');

      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
      expect(await messagesOf(ticket.id)).toEqual(messagesBefore);
    });

    it('writes neither the message nor the status change when the status event fails', async () => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      const messagesBefore = await messagesOf(ticket.id);

      const response = await withFailingEvent(
        testApp,
        { ticketId: ticket.id, type: 'ticket.status_changed' },
        () => postMessage(ticket.id, { kind: 'reply', body: 'Hello' }),
      );

      expectApiError(response, 500);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
      expect(await messagesOf(ticket.id)).toEqual(messagesBefore);
      expect((await ticketRow(testApp, ticket.id)).status).toBe('new');
    });

    it.each([
      ['an unknown kind', { kind: 'email', body: 'Hi' }, 'kind'],
      ['a customer kind', { kind: 'customer', body: 'Hi' }, 'kind'],
      ['a missing body', { kind: 'reply' }, 'body'],
      ['a blank body', { kind: 'reply', body: ' \n ' }, 'body'],
      ['a body of the wrong type', { kind: 'reply', body: { text: 'Hi' } }, 'body'],
      ['an unknown body format', { kind: 'reply', body: 'Hi', bodyFormat: 'markdown' }, 'bodyFormat'],
      ['an unknown field', { kind: 'reply', body: 'Hi', authorId: UUID_NOBODY_HAS }, 'authorId'],
    ])('rejects %s with 400 naming the field, writing nothing', async (_, body, field) => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      expectFieldError(await postMessage(ticket.id, body), field);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413', async () => {
      const ticket = await createTicket(testApp, agent);
      expectApiError(await postMessage(ticket.id, { kind: 'note', body: oversizedText(testApp) }), 413);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });

    it('refuses an agent outside the ticket’s team (403), unknown tickets (404) and malformed ids (400)', async () => {
      const ticket = await createTicket(testApp, agent);
      expectApiError(await postMessage(ticket.id, { kind: 'note', body: 'x' }, outsider), 403);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
      expectApiError(await postMessage(UUID_NOBODY_HAS, { kind: 'note', body: 'x' }), 404);
      expectApiError(await postMessage('LD-1', { kind: 'note', body: 'x' }), 400, /\bid\b/);
    });

    it('refuses a message without a token (401)', async () => {
      const ticket = await createTicket(testApp, agent);
      const response = await testApp
        .http()
        .post(`/api/tickets/${ticket.id}/messages`)
        .send({ kind: 'note', body: 'x' });
      expectApiError(response, 401);
      expect(await messagesOf(ticket.id)).toHaveLength(1);
    });
  });

  describe('POST /api/tickets/:id/calls', () => {
    it('logs a call stamped with its start, with endedAt in the payload, and opens a new ticket', async () => {
      const ticket = await createTicket(testApp, agent, { channel: 'phone' });
      const before = await eventsOf(testApp, ticket.id);
      const startedAt = minutesAgo(20);
      const endedAt = minutesAgo(8);

      const response = await postCall(ticket.id, {
        direction: 'inbound',
        startedAt,
        endedAt,
        holdSeconds: 90,
        wrapUpSeconds: 45,
        outcome: 'explained_charge',
        notes: 'Customer confused by proration.',
      });

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        eventId: expect.any(String),
        agentId: agent.id,
        direction: 'inbound',
        startedAt,
        endedAt,
        holdSeconds: 90,
        wrapUpSeconds: 45,
        outcome: 'explained_charge',
        notes: 'Customer confused by proration.',
      });
      const added = await eventsSince(testApp, ticket.id, before);
      expect(added.map((event) => [event.type, event.payload])).toEqual([
        [
          'call',
          {
            callId: response.body.id,
            agentId: agent.id,
            direction: 'inbound',
            endedAt,
            holdSeconds: 90,
            wrapUpSeconds: 45,
            outcome: 'explained_charge',
          },
        ],
        ['ticket.status_changed', { from: 'new', to: 'open', reason: 'first_call' }],
      ]);
      expect(added[0].at.toISOString()).toBe(startedAt);
      expect(added[0].recorded_at.getTime()).toBeGreaterThan(added[0].at.getTime());
      expect(await callsOf(ticket.id)).toEqual([
        expect.objectContaining({
          id: response.body.id,
          event_id: response.body.eventId,
          agent_id: agent.id,
          started_at: new Date(startedAt),
          ended_at: new Date(endedAt),
          hold_seconds: 90,
          wrap_up_seconds: 45,
        }),
      ]);
    });

    it('appends exactly one call event on an open ticket, with defaults for the optional fields', async () => {
      const ticket = await createTicket(testApp, agent);
      await patchTicket(testApp, agent, ticket.id, { status: 'open' }).expect(200);
      const before = await eventsOf(testApp, ticket.id);

      const response = await postCall(ticket.id, {
        direction: 'outbound',
        startedAt: minutesAgo(3),
        endedAt: minutesAgo(1),
      }).expect(201);

      expect(response.body).toMatchObject({ holdSeconds: 0, wrapUpSeconds: 0, outcome: null, notes: null });
      expect((await eventsSince(testApp, ticket.id, before)).map((event) => event.type)).toEqual(['call']);
    });

    it.each([
      ['ends before it starts', { startedAt: minutesAgo(5), endedAt: minutesAgo(6) }, 'endedAt'],
      ['ends in the future', { startedAt: minutesAgo(5), endedAt: minutesAgo(-10) }, 'endedAt'],
      ['lasts more than 12 hours', { startedAt: minutesAgo(13 * 60), endedAt: minutesAgo(1) }, 'endedAt'],
      [
        'holds longer than it lasts',
        { startedAt: minutesAgo(2), endedAt: minutesAgo(1), holdSeconds: 61 },
        'holdSeconds',
      ],
    ])('refuses a call that %s with 422 naming the field', async (_, times, field) => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      const response = await postCall(ticket.id, { direction: 'inbound', ...times });
      expectApiError(response, 422, field);
      expect(response.body.details).toEqual([{ field, problems: [expect.any(String)] }]);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
      expect(await callsOf(ticket.id)).toEqual([]);
    });

    it.each([
      ['an unknown direction', { direction: 'sideways' }, 'direction'],
      ['a startedAt that is not a timestamp', { startedAt: 'yesterday' }, 'startedAt'],
      ['an impossible date', { startedAt: '2026-02-30T10:00:00Z' }, 'startedAt'],
      ['a timestamp without a time zone', { startedAt: '2026-01-05T10:00:00' }, 'startedAt'],
      ['a date without a time', { endedAt: '2026-01-05' }, 'endedAt'],
      ['a negative hold', { holdSeconds: -1 }, 'holdSeconds'],
      ['a fractional wrap-up', { wrapUpSeconds: 1.5 }, 'wrapUpSeconds'],
      ['a hold given as text', { holdSeconds: '30' }, 'holdSeconds'],
      ['an unknown field', { agentId: UUID_NOBODY_HAS }, 'agentId'],
    ])('rejects %s with 400 naming the field', async (_, overrides, field) => {
      const ticket = await createTicket(testApp, agent);
      const response = await postCall(ticket.id, {
        direction: 'inbound',
        startedAt: minutesAgo(10),
        endedAt: minutesAgo(5),
        ...overrides,
      });
      expectFieldError(response, field);
      expect(await callsOf(ticket.id)).toEqual([]);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413', async () => {
      const ticket = await createTicket(testApp, agent);
      const response = await postCall(ticket.id, {
        direction: 'inbound',
        startedAt: minutesAgo(10),
        endedAt: minutesAgo(5),
        notes: oversizedText(testApp),
      });
      expectApiError(response, 413);
      expect(await callsOf(ticket.id)).toEqual([]);
    });

    it('refuses a call on a closed ticket (409)', async () => {
      const ticket = await closedTicket();
      const before = await eventsOf(testApp, ticket.id);
      const response = await postCall(ticket.id, {
        direction: 'inbound',
        startedAt: minutesAgo(10),
        endedAt: minutesAgo(5),
      });
      expectApiError(response, 409, 'closed');
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('writes neither the call nor its event when the event cannot be written', async () => {
      const ticket = await createTicket(testApp, agent);
      const rowBefore = await ticketRow(testApp, ticket.id);
      const response = await withFailingEvent(testApp, { ticketId: ticket.id, type: 'call' }, () =>
        postCall(ticket.id, { direction: 'inbound', startedAt: minutesAgo(10), endedAt: minutesAgo(5) }),
      );
      expectApiError(response, 500);
      expect(await callsOf(ticket.id)).toEqual([]);
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
    });

    it('refuses an agent outside the ticket’s team (403), unknown tickets (404), malformed ids (400) and no token (401)', async () => {
      const ticket = await createTicket(testApp, agent);
      const call = { direction: 'inbound', startedAt: minutesAgo(10), endedAt: minutesAgo(5) };
      expectApiError(await postCall(ticket.id, call, outsider), 403);
      expectApiError(await postCall(UUID_NOBODY_HAS, call), 404);
      expectApiError(await postCall('nope', call), 400, /\bid\b/);
      expectApiError(await testApp.http().post(`/api/tickets/${ticket.id}/calls`).send(call), 401);
      expect(await callsOf(ticket.id)).toEqual([]);
    });
  });
});
