import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  expectApiError,
  patchTicket,
  TicketBody,
  UUID_NOBODY_HAS,
} from '../support/tickets';

interface TimelineEntry {
  id: string;
  type: string;
  at: string;
  recordedAt: string;
  source: string;
  actor: { kind: string; id: string | null; name: string | null };
  payload: Record<string, unknown>;
  message?: { id: string; kind: string; bodyHtml: string; bodyText: string };
  call?: { id: string; notes: string | null };
}

describe('the interaction log', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent', [uniqueTeam('log')]);
    outsider = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  const timeline = (ticketId: string, caller: TestAgent = agent) =>
    testApp.http().get(`/api/tickets/${ticketId}/events`).set('Authorization', caller.auth);

  /** One of everything an agent can do to a ticket, through the API. */
  async function workedTicket(): Promise<{ ticket: TicketBody; callStartedAt: string }> {
    const ticket = await createTicket(testApp, agent, { body: 'Two charges on my card.' });
    const callStartedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/calls`)
      .set('Authorization', agent.auth)
      .send({
        direction: 'outbound',
        startedAt: callStartedAt,
        endedAt: new Date(Date.now() - 25 * 60_000).toISOString(),
        notes: 'Left a voicemail.',
      })
      .expect(201);
    const post = (kind: string, body: string) =>
      testApp
        .http()
        .post(`/api/tickets/${ticket.id}/messages`)
        .set('Authorization', agent.auth)
        .send({ kind, body })
        .expect(201);
    await post('note', 'Stripe shows two captures.');
    await post('reply', 'We refunded the second charge.');
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/work/heartbeat`)
      .set('Authorization', agent.auth)
      .expect(200);
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/work/stop`)
      .set('Authorization', agent.auth)
      .expect(200);
    await patchTicket(testApp, agent, ticket.id, { priority: 'high', tags: ['refund'] }).expect(200);
    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    await patchTicket(testApp, agent, ticket.id, { status: 'open' }).expect(200);
    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    await patchTicket(testApp, agent, ticket.id, { status: 'closed' }).expect(200);
    return { ticket, callStartedAt };
  }

  it('records one event per interaction and change, in the order they were made', async () => {
    const { ticket } = await workedTicket();
    expect((await eventsOf(testApp, ticket.id)).map((event) => event.type)).toEqual([
      'ticket.created',
      'message', // the customer's request
      'call',
      'ticket.status_changed', // new → open by the first call
      'message', // note
      'message', // reply
      'work.started',
      'work',
      'ticket.priority_changed',
      'ticket.tags_changed',
      'ticket.assigned', // solving an unassigned ticket takes it
      'ticket.solved',
      'ticket.reopened',
      'ticket.solved',
      'ticket.closed',
    ]);
  });

  it('serves the timeline in the order things happened, with actors, message bodies and call notes', async () => {
    const { ticket, callStartedAt } = await workedTicket();

    const response = await timeline(ticket.id).expect(200);
    const entries = response.body as TimelineEntry[];

    expect(entries).toHaveLength(15);
    // The call happened before the ticket was created in the desk: it comes first.
    expect(entries[0]).toMatchObject({
      type: 'call',
      at: callStartedAt,
      source: 'live',
      actor: { kind: 'agent', id: agent.id, name: 'Test agent' },
      call: { id: expect.any(String), notes: 'Left a voicemail.' },
    });
    expect(entries[1]).toMatchObject({ type: 'ticket.created', actor: { kind: 'agent', id: agent.id } });
    expect(entries[2]).toMatchObject({
      type: 'message',
      actor: { kind: 'customer', id: null, name: null },
      message: { kind: 'customer', bodyText: 'Two charges on my card.' },
    });
    const messages = entries.filter((entry) => entry.message).map((entry) => entry.message?.kind);
    expect(messages).toEqual(['customer', 'note', 'reply']);
    const times = entries.map((entry) => new Date(entry.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const entry of entries) {
      expect(new Date(entry.recordedAt).getTime()).toBeGreaterThanOrEqual(new Date(entry.at).getTime());
    }
    expect(entries.at(-1)).toMatchObject({
      type: 'ticket.closed',
      payload: { from: 'solved', to: 'closed' },
    });
  });

  it('serves the timeline of a closed ticket (reading is not changing)', async () => {
    const { ticket } = await workedTicket();
    await timeline(ticket.id).expect(200);
  });

  it('refuses an agent outside the ticket’s team (403), unknown tickets (404), malformed ids (400), no token (401)', async () => {
    const ticket = await createTicket(testApp, agent);
    expectApiError(await timeline(ticket.id, outsider), 403);
    expectApiError(await timeline(UUID_NOBODY_HAS), 404);
    expectApiError(await timeline('LD-1'), 400, /\bid\b/);
    expectApiError(await testApp.http().get(`/api/tickets/${ticket.id}/events`), 401);
  });

  describe('append-only in the database', () => {
    it.each([
      ['UPDATE', (id: string) => `UPDATE ticket_events SET payload = '{"forged": true}' WHERE id = ${id}`],
      ['DELETE', (id: string) => `DELETE FROM ticket_events WHERE id = ${id}`],
    ])('refuses %s on ticket_events', async (operation, statement) => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);

      await expect(testApp.dataSource.query(statement(before[0].id))).rejects.toThrow(
        `ticket_events is append-only (${operation} refused)`,
      );
      expect(await eventsOf(testApp, ticket.id)).toEqual(before);
    });

    it('refuses TRUNCATE on ticket_events', async () => {
      const ticket = await createTicket(testApp, agent);
      const runner = testApp.dataSource.createQueryRunner();
      await runner.connect();
      try {
        // Inside a transaction, so even a broken trigger could not wipe the shared log.
        await runner.startTransaction();
        await expect(runner.query(`TRUNCATE ticket_events CASCADE`)).rejects.toThrow(
          'ticket_events is append-only (TRUNCATE refused)',
        );
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
      expect(await eventsOf(testApp, ticket.id)).toHaveLength(2);
    });
  });
});
