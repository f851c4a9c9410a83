import { randomUUID } from 'node:crypto';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  expectFieldError,
  patchTicket,
  TicketBody,
  ticketRow,
  UUID_NOBODY_HAS,
} from '../support/tickets';

describe('PATCH /api/tickets (the same change on many tickets)', () => {
  let testApp: TestApp;
  let supervisor: TestAgent;
  let agent: TestAgent;
  let teammate: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    const team = uniqueTeam('bulk');
    supervisor = await testApp.agent('supervisor', [team]);
    agent = await testApp.agent('agent', [team]);
    teammate = await testApp.agent('agent', [team]);
    outsider = await testApp.agent('agent', [uniqueTeam('bulk-other')]);
  });

  afterAll(() => testApp.close());

  const bulk = (caller: TestAgent, body: unknown) =>
    testApp
      .http()
      .patch('/api/tickets')
      .set('authorization', caller.auth)
      .send(body as object);
  const teamTicket = (): Promise<TicketBody> => createTicket(testApp, agent, { teamId: agent.teamIds[0] });

  it('assigns and sets the status of several tickets, with the events a PATCH of each would write', async () => {
    const tickets = [await teamTicket(), await teamTicket(), await teamTicket()];
    const response = await bulk(supervisor, {
      ticketIds: tickets.map((ticket) => ticket.id),
      changes: { assigneeId: teammate.id, status: 'pending', priority: 'high' },
    }).expect(200);

    expect(response.body).toEqual({
      updated: 3,
      failed: 0,
      results: tickets.map((ticket) => ({ ticketId: ticket.id, status: 200 })),
    });
    for (const ticket of tickets) {
      expect(await ticketRow(testApp, ticket.id)).toMatchObject({
        assignee_id: teammate.id,
        status: 'pending',
        priority: 'high',
      });
      const changes = (await eventsOf(testApp, ticket.id))
        .filter((event) => event.type !== 'ticket.created' && event.type !== 'message')
        .map((event) => [event.type, event.actor_id]);
      expect(changes).toEqual(
        expect.arrayContaining([
          ['ticket.priority_changed', supervisor.id],
          ['ticket.assigned', supervisor.id],
          ['ticket.status_changed', supervisor.id],
        ]),
      );
      expect(changes).toHaveLength(3);
    }
  });

  it('changes the tickets that accept the change and says why each other one refused', async () => {
    const fine = await teamTicket();
    const closed = await teamTicket();
    await patchTicket(testApp, agent, closed.id, { status: 'solved' }).expect(200);
    await patchTicket(testApp, agent, closed.id, { status: 'closed' }).expect(200);
    const elsewhere = await createTicket(testApp, outsider, { teamId: outsider.teamIds[0] });
    const closedBefore = await ticketRow(testApp, closed.id);

    const response = await bulk(agent, {
      ticketIds: [fine.id, closed.id, elsewhere.id, UUID_NOBODY_HAS, fine.id.toUpperCase()],
      changes: { status: 'open' },
    }).expect(200);

    expect(response.body.updated).toBe(1);
    expect(response.body.failed).toBe(3);
    const [ok, final, hidden, missing] = response.body.results;
    expect(ok).toEqual({ ticketId: fine.id, status: 200 });
    expect(final).toEqual({ ticketId: closed.id, status: 409, error: expect.stringMatching(/closed/) });
    expect([403, 404]).toContain(hidden.status);
    expect(hidden.ticketId).toBe(elsewhere.id);
    expect(missing).toMatchObject({ ticketId: UUID_NOBODY_HAS, status: 404 });
    // The same id twice (in any letter case) is one ticket, changed once.
    expect(response.body.results).toHaveLength(4);
    expect(await ticketRow(testApp, fine.id)).toMatchObject({ status: 'open' });
    expect(await ticketRow(testApp, closed.id)).toEqual(closedBefore);
    expect(await ticketRow(testApp, elsewhere.id)).toMatchObject({ status: 'new' });
  });

  describe('bad requests (400 naming the field, nothing changed)', () => {
    it.each([
      ['no tickets', { ticketIds: [], changes: { status: 'open' } }, 'ticketIds'],
      [
        'too many tickets',
        { ticketIds: Array.from({ length: 101 }, () => randomUUID()), changes: { status: 'open' } },
        'ticketIds',
      ],
      ['a ticket id that is none', { ticketIds: ['LD-1001'], changes: { status: 'open' } }, 'ticketIds'],
      ['no changes', { ticketIds: [UUID_NOBODY_HAS] }, 'changes'],
      ['empty changes', { ticketIds: [UUID_NOBODY_HAS], changes: {} }, 'changes'],
      [
        'a status that is none',
        { ticketIds: [UUID_NOBODY_HAS], changes: { status: 'done' } },
        'changes.status',
      ],
      [
        'a change a bulk update does not make',
        { ticketIds: [UUID_NOBODY_HAS], changes: { subject: 'Same for all' } },
        'changes.subject',
      ],
    ])('refuses %s', async (_, body, field) => {
      const ticket = await teamTicket();
      const before = await ticketRow(testApp, ticket.id);
      expectFieldError(await bulk(supervisor, body), field);
      expect(await ticketRow(testApp, ticket.id)).toEqual(before);
    });
  });

  it('refuses a request without a token (401)', async () => {
    await testApp
      .http()
      .patch('/api/tickets')
      .send({ ticketIds: [UUID_NOBODY_HAS], changes: { status: 'open' } })
      .expect(401);
  });
});
