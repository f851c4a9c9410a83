import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  eventsSince,
  expectApiError,
  expectFieldError,
  patchTicket,
  TicketBody,
  ticketRow,
  withFailingEvent,
} from '../support/tickets';

describe('ticket status', () => {
  let testApp: TestApp;
  let agent: TestAgent;
  let teammate: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    const team = uniqueTeam('status');
    agent = await testApp.agent('agent', [team]);
    teammate = await testApp.agent('agent', [team]);
    outsider = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  /** A ticket of the agent's team walked through `statuses` with the API. */
  async function ticketIn(...statuses: string[]): Promise<TicketBody> {
    let ticket = await createTicket(testApp, agent);
    for (const status of statuses) {
      ticket = (await patchTicket(testApp, agent, ticket.id, { status }).expect(200)).body as TicketBody;
    }
    return ticket;
  }

  it.each([
    ['new', 'open'],
    ['new', 'pending'],
    ['open', 'pending'],
    ['pending', 'on_hold'],
    ['on_hold', 'open'],
    ['pending', 'open'],
  ])('moves a ticket from %s to %s with one ticket.status_changed event', async (from, to) => {
    const ticket = await ticketIn(...(from === 'new' ? [] : [from]));
    const before = await eventsOf(testApp, ticket.id);

    const response = await patchTicket(testApp, agent, ticket.id, { status: to }).expect(200);

    expect(response.body.status).toBe(to);
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([
      expect.objectContaining({
        type: 'ticket.status_changed',
        actor_kind: 'agent',
        actor_id: agent.id,
        payload: { from, to },
      }),
    ]);
  });

  it('solves an assigned ticket with one ticket.solved event and stamps solvedAt', async () => {
    const ticket = await ticketIn('open');
    await patchTicket(testApp, agent, ticket.id, { assigneeId: teammate.id }).expect(200);
    const before = await eventsOf(testApp, ticket.id);

    const response = await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);

    expect(response.body).toMatchObject({ status: 'solved', assignee: { id: teammate.id } });
    const added = await eventsSince(testApp, ticket.id, before);
    expect(added).toEqual([
      expect.objectContaining({ type: 'ticket.solved', payload: { from: 'open', to: 'solved' } }),
    ]);
    expect(new Date(response.body.solvedAt).getTime()).toBe(added[0].at.getTime());
  });

  it('makes whoever solves an unassigned ticket its assignee, recording both', async () => {
    const ticket = await ticketIn('open');
    const before = await eventsOf(testApp, ticket.id);

    const response = await patchTicket(testApp, teammate, ticket.id, { status: 'solved' }).expect(200);

    expect(response.body.assignee).toEqual({ id: teammate.id, name: 'Test agent' });
    expect(
      (await eventsSince(testApp, ticket.id, before)).map((event) => [event.type, event.payload]),
    ).toEqual([
      ['ticket.assigned', { agentId: teammate.id, previousAgentId: null, reason: 'solved' }],
      ['ticket.solved', { from: 'open', to: 'solved' }],
    ]);
  });

  it('reopens a solved ticket (solved → open) as ticket.reopened and clears solvedAt', async () => {
    const ticket = await ticketIn('open', 'solved');
    expect(ticket.solvedAt).not.toBeNull();
    const before = await eventsOf(testApp, ticket.id);

    const response = await patchTicket(testApp, agent, ticket.id, { status: 'open' }).expect(200);

    expect(response.body).toMatchObject({ status: 'open', solvedAt: null });
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([
      expect.objectContaining({ type: 'ticket.reopened', payload: { from: 'solved', to: 'open' } }),
    ]);
  });

  it('closes a solved ticket with one ticket.closed event and stamps closedAt', async () => {
    const ticket = await ticketIn('open', 'solved');
    const before = await eventsOf(testApp, ticket.id);

    const response = await patchTicket(testApp, agent, ticket.id, { status: 'closed' }).expect(200);

    expect(response.body.status).toBe('closed');
    expect(response.body.closedAt).not.toBeNull();
    expect(response.body.solvedAt).toBe(ticket.solvedAt);
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([
      expect.objectContaining({ type: 'ticket.closed', payload: { from: 'solved', to: 'closed' } }),
    ]);
  });

  it('records nothing when the status is set to the one it has', async () => {
    const ticket = await ticketIn('pending');
    const before = await eventsOf(testApp, ticket.id);
    const response = await patchTicket(testApp, agent, ticket.id, { status: 'pending' }).expect(200);
    expect(response.body.status).toBe('pending');
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
  });

  describe('refused transitions (409, nothing written)', () => {
    it.each([
      [
        'refuses to reopen a closed ticket',
        ['open', 'solved', 'closed'],
        { status: 'open' },
        /closed tickets are final/,
      ],
      ['refuses to edit a closed ticket', ['open', 'solved', 'closed'], { priority: 'high' }, /closed/],
      ['refuses to take a ticket back to new', ['open'], { status: 'new' }, /cannot return to new/],
      [
        'refuses to move a solved ticket to pending',
        ['open', 'solved'],
        { status: 'pending' },
        /only be reopened/,
      ],
      [
        'refuses to put a solved ticket on hold',
        ['open', 'solved'],
        { status: 'on_hold' },
        /only be reopened/,
      ],
      [
        'refuses to take a solved ticket back to new',
        ['open', 'solved'],
        { status: 'new' },
        /cannot return to new/,
      ],
    ])('%s', async (_, path, change, message) => {
      const ticket = await ticketIn(...path);
      const before = await eventsOf(testApp, ticket.id);
      const rowBefore = await ticketRow(testApp, ticket.id);

      const response = await patchTicket(testApp, agent, ticket.id, change);

      expectApiError(response, 409, message);
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('refuses the whole PATCH when its status part is invalid, even the valid fields', async () => {
      const ticket = await ticketIn('open', 'solved');
      const rowBefore = await ticketRow(testApp, ticket.id);
      const before = await eventsOf(testApp, ticket.id);

      const response = await patchTicket(testApp, agent, ticket.id, {
        priority: 'urgent',
        status: 'pending',
      });

      expectApiError(response, 409, 'Cannot change status from solved to pending');
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });
  });

  it('rolls back the solve and its automatic assignment when the event cannot be written', async () => {
    const ticket = await ticketIn('open');
    const rowBefore = await ticketRow(testApp, ticket.id);
    const before = await eventsOf(testApp, ticket.id);

    const response = await withFailingEvent(testApp, { ticketId: ticket.id, type: 'ticket.solved' }, () =>
      patchTicket(testApp, agent, ticket.id, { status: 'solved' }),
    );

    expectApiError(response, 500);
    expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
  });

  it('rolls back a reopen when its event cannot be written', async () => {
    const ticket = await ticketIn('open', 'solved');
    const rowBefore = await ticketRow(testApp, ticket.id);

    const response = await withFailingEvent(testApp, { ticketId: ticket.id, type: 'ticket.reopened' }, () =>
      patchTicket(testApp, agent, ticket.id, { status: 'open' }),
    );

    expectApiError(response, 500);
    expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
  });

  it.each([
    ['an unknown status', { status: 'done' }],
    ['a null status', { status: null }],
    ['a status of the wrong type', { status: ['open'] }],
  ])('rejects %s with 400 naming status', async (_, body) => {
    const ticket = await ticketIn();
    const response = await patchTicket(testApp, agent, ticket.id, body);
    expectFieldError(response, 'status');
    expect((await ticketRow(testApp, ticket.id)).status).toBe('new');
  });

  it('refuses an agent outside the ticket’s team (403)', async () => {
    const ticket = await ticketIn('open');
    expectApiError(await patchTicket(testApp, outsider, ticket.id, { status: 'solved' }), 403);
    expect((await ticketRow(testApp, ticket.id)).status).toBe('open');
  });

  it('refuses a PATCH without a token (401)', async () => {
    const ticket = await ticketIn();
    expectApiError(await testApp.http().patch(`/api/tickets/${ticket.id}`).send({ status: 'open' }), 401);
    expect((await ticketRow(testApp, ticket.id)).status).toBe('new');
  });
});
