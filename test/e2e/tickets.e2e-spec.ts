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

describe('tickets: create, read and edit fields', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;
  let outsider: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    admin = await testApp.agent('admin');
    supervisor = await testApp.agent('supervisor');
    agent = await testApp.agent('agent', [uniqueTeam('billing')]);
    outsider = await testApp.agent('agent', [uniqueTeam('elsewhere')]);
  });

  afterAll(() => testApp.close());

  const ticketsWithSubject = async (subject: string): Promise<number> =>
    Number(
      (await testApp.dataSource.query(`SELECT count(*) AS n FROM tickets WHERE subject = $1`, [subject]))[0]
        .n,
    );

  describe('POST /api/tickets', () => {
    it('opens a ticket numbered LD-<n> in the creator’s team, with the request as first customer message', async () => {
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .send({
          channel: 'email',
          subject: '  Charged twice for October  ',
          body: 'I see two charges.\n\nPlease refund <one>.',
          requester: { email: 'Pat@Customer.Example', name: ' Pat Doe ' },
          tags: ['refund', 'refund', 'vip'],
        });

      expect(response.status).toBe(201);
      const ticket = response.body as TicketBody;
      expect(ticket).toEqual({
        id: expect.any(String),
        number: expect.stringMatching(/^LD-\d+$/),
        externalKey: null,
        accountId: null,
        subject: 'Charged twice for October',
        channel: 'email',
        category: 'other',
        priority: 'normal',
        status: 'new',
        requester: { email: 'pat@customer.example', phone: null, name: 'Pat Doe' },
        assignee: null,
        team: { id: agent.teamIds[0], name: expect.stringMatching(/^billing-/) },
        tags: ['refund', 'vip'],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        solvedAt: null,
        closedAt: null,
        sla: {
          firstResponse: {
            dueAt: expect.any(String),
            completedAt: null,
            pausedSince: null,
            state: 'pending',
          },
          resolution: { dueAt: expect.any(String), completedAt: null, pausedSince: null, state: 'pending' },
        },
      });

      const events = await eventsOf(testApp, ticket.id);
      expect(events.map((event) => [event.type, event.actor_kind, event.actor_id])).toEqual([
        ['ticket.created', 'agent', agent.id],
        ['message', 'customer', null],
      ]);
      expect(events[0].payload).toMatchObject({
        number: Number(ticket.number.slice(3)),
        channel: 'email',
        subject: 'Charged twice for October',
        category: 'other',
        priority: 'normal',
        teamId: agent.teamIds[0],
        tags: ['refund', 'vip'],
      });
      // The log carries the requester as the ticket stores it, so both tell the same story.
      expect(events[0].payload.requester).toEqual({
        email: 'pat@customer.example',
        phone: null,
        name: 'Pat Doe',
      });
      const [message] = await testApp.dataSource.query(
        `SELECT kind, body_text, body_html, event_id FROM ticket_messages WHERE ticket_id = $1`,
        [ticket.id],
      );
      expect(message).toEqual({
        kind: 'customer',
        body_text: 'I see two charges.\n\nPlease refund <one>.',
        body_html: '<p>I see two charges.</p><p>Please refund &lt;one&gt;.</p>',
        event_id: events[1].id,
      });
      expect(events[1].payload).toMatchObject({ author: 'customer', visibility: 'public' });
    });

    it('gives each new ticket the next number', async () => {
      const first = await createTicket(testApp, agent);
      const second = await createTicket(testApp, agent);
      expect(Number(second.number.slice(3))).toBeGreaterThan(Number(first.number.slice(3)));
    });

    it('assigns the ticket to a creating agent that has no team, so it can see it', async () => {
      const loner = await testApp.agent('agent');
      const ticket = await createTicket(testApp, loner, { requester: { phone: '+44 20 7946 0958' } });

      expect(ticket).toMatchObject({
        team: null,
        assignee: { id: loner.id, name: 'Test agent' },
        requester: { email: null, phone: '+44 20 7946 0958', name: null },
      });
      expect((await eventsOf(testApp, ticket.id)).map((event) => [event.type, event.payload])).toEqual([
        ['ticket.created', expect.objectContaining({ teamId: null })],
        ['message', expect.any(Object)],
        ['ticket.assigned', { agentId: loner.id, previousAgentId: null }],
      ]);
      await testApp.http().get(`/api/tickets/${ticket.id}`).set('Authorization', loner.auth).expect(200);
    });

    it('takes an explicit team, assignee, category and priority', async () => {
      const ticket = await createTicket(testApp, supervisor, {
        channel: 'phone',
        category: 'duplicate_charge',
        priority: 'urgent',
        teamId: agent.teamIds[0],
        assigneeId: agent.id,
      });
      expect(ticket).toMatchObject({
        channel: 'phone',
        category: 'duplicate_charge',
        priority: 'urgent',
        team: { id: agent.teamIds[0] },
        assignee: { id: agent.id },
      });
      expect((await eventsOf(testApp, ticket.id)).map((event) => event.type)).toEqual([
        'ticket.created',
        'message',
        'ticket.assigned',
      ]);
    });

    it.each([
      ['no requester', { requester: undefined }, 'requester'],
      ['a requester without email or phone', { requester: { name: 'Pat' } }, 'requester.email'],
      ['a requester email that is not one', { requester: { email: 'pat' } }, 'requester.email'],
      ['a requester phone that is not one', { requester: { phone: 'call me' } }, 'requester.phone'],
      ['an unknown requester field', { requester: { email: 'p@x.example', vip: true } }, 'requester.vip'],
      ['a requester that is not an object', { requester: 'pat@customer.example' }, 'requester'],
      ['an empty list as requester', { requester: [] }, 'requester'],
      ['a list of requesters', { requester: [{ email: 'pat@customer.example' }] }, 'requester'],
      ['an unknown channel', { channel: 'fax' }, 'channel'],
      ['an unknown category', { category: 'tax' }, 'category'],
      ['an unknown priority', { priority: 'critical' }, 'priority'],
      ['a subject of the wrong type', { subject: 42 }, 'subject'],
      ['a blank subject', { subject: '   ' }, 'subject'],
      ['a subject over 300 characters', { subject: 'x'.repeat(301) }, 'subject'],
      ['a blank body', { body: '\n' }, 'body'],
      ['a malformed team id', { teamId: 'billing' }, 'teamId'],
      ['a malformed assignee id', { assigneeId: 7 }, 'assigneeId'],
      ['tags that are not lowercase words', { tags: ['Refund!'] }, 'tags'],
      ['tags that are not a list', { tags: 'refund' }, 'tags'],
      ['an unknown field', { status: 'solved' }, 'status'],
      // PostgreSQL text cannot hold NUL: this was a 500.
      ['a NUL character in the body', { body: 'Charged\u0000 twice' }, 'body'],
      [
        'a NUL character in the requester name',
        { requester: { email: 'pat@customer.example', name: 'Pat\u0000' } },
        'requester.name',
      ],
    ])('rejects %s with 400 naming the field, writing nothing', async (_, overrides, field) => {
      const subject = `invalid ticket ${field} ${Math.random()}`;
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .send({
          channel: 'email',
          subject,
          body: 'Hello',
          requester: { email: 'pat@customer.example' },
          ...overrides,
        });
      expectFieldError(response, field);
      expect(await ticketsWithSubject(subject)).toBe(0);
    });

    it('refuses an unknown team or assignee with 422 naming the field, writing nothing', async () => {
      const subject = `unknown references ${Math.random()}`;
      const base = { channel: 'web', subject, body: 'Hello', requester: { email: 'pat@customer.example' } };
      for (const [field, value] of [
        ['teamId', UUID_NOBODY_HAS],
        ['assigneeId', UUID_NOBODY_HAS],
      ]) {
        const response = await testApp
          .http()
          .post('/api/tickets')
          .set('Authorization', agent.auth)
          .send({ ...base, [field]: value });
        expectApiError(response, 422, field);
        expect(response.body.details).toEqual([{ field, problems: [expect.any(String)] }]);
      }
      expect(await ticketsWithSubject(subject)).toBe(0);
    });

    it('refuses to assign a new ticket to a deactivated agent (422)', async () => {
      const gone = await testApp.agent('agent');
      await testApp
        .http()
        .patch(`/api/agents/${gone.id}`)
        .set('Authorization', admin.auth)
        .send({ active: false })
        .expect(200);
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .send({
          channel: 'web',
          subject: 'for a deactivated agent',
          body: 'Hello',
          requester: { email: 'pat@customer.example' },
          assigneeId: gone.id,
        });
      expectApiError(response, 422, 'deactivated');
    });

    it('writes no ticket, message or event when its last event cannot be written', async () => {
      const assignee = await testApp.agent('agent');
      const subject = `rolled back ${Math.random()}`;

      const response = await withFailingEvent(
        testApp,
        { type: 'ticket.assigned', payload: ['agentId', assignee.id] },
        () =>
          testApp
            .http()
            .post('/api/tickets')
            .set('Authorization', agent.auth)
            .send({
              channel: 'email',
              subject,
              body: 'Hello',
              requester: { email: 'pat@customer.example' },
              assigneeId: assignee.id,
            }),
      );

      expectApiError(response, 500);
      expect(await ticketsWithSubject(subject)).toBe(0);
      const created: unknown[] = await testApp.dataSource.query(
        `SELECT 1 FROM ticket_events WHERE type = 'ticket.created' AND payload->>'subject' = $1`,
        [subject],
      );
      expect(created).toEqual([]);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413, writing nothing', async () => {
      const subject = `oversized ${Math.random()}`;
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .send({
          channel: 'email',
          subject,
          body: oversizedText(testApp),
          requester: { email: 'pat@customer.example' },
        });
      expectApiError(response, 413, 'too large');
      expect(await ticketsWithSubject(subject)).toBe(0);
    });

    it('asks for an email or a phone of a requester who has neither, and only that', async () => {
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .send({ channel: 'web', subject: 'no contact', body: 'Hello', requester: { name: 'Pat' } });
      expectApiError(response, 400);
      expect(response.body.details).toEqual([
        {
          field: 'requester.email',
          problems: ['requester.email must be an email address (or give requester.phone)'],
        },
      ]);
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await testApp
        .http()
        .post('/api/tickets')
        .set('Authorization', agent.auth)
        .set('Content-Type', 'application/json')
        .send('{"channel": "email",');
      expectApiError(response, 400, /JSON/);
    });
  });

  describe('GET /api/tickets/:id', () => {
    it('shows a ticket to agents of its team, its assignee, supervisors and admins', async () => {
      const assigned = await testApp.agent('agent', [uniqueTeam()]);
      const ticket = await createTicket(testApp, agent, { assigneeId: assigned.id });
      for (const reader of [agent, assigned, supervisor, admin]) {
        const response = await testApp
          .http()
          .get(`/api/tickets/${ticket.id}`)
          .set('Authorization', reader.auth)
          .expect(200);
        expect(response.body).toEqual({ ...ticket, billing: null });
      }
    });

    it('refuses an agent outside the ticket’s team (403)', async () => {
      const ticket = await createTicket(testApp, agent);
      const response = await testApp
        .http()
        .get(`/api/tickets/${ticket.id}`)
        .set('Authorization', outsider.auth);
      expectApiError(response, 403, 'their teams or assigned to them');
      expect(response.body).not.toHaveProperty('subject');
    });

    it('answers 404 for an unknown ticket and 400 naming the id for a malformed one', async () => {
      expectApiError(
        await testApp.http().get(`/api/tickets/${UUID_NOBODY_HAS}`).set('Authorization', agent.auth),
        404,
        UUID_NOBODY_HAS,
      );
      expectApiError(
        await testApp.http().get('/api/tickets/LD-1001').set('Authorization', agent.auth),
        400,
        /\bid\b.*uuid|uuid.*\bid\b/i,
      );
    });
  });

  describe('PATCH /api/tickets/:id (fields)', () => {
    it.each([
      ['priority', { priority: 'high' }, 'ticket.priority_changed', { from: 'normal', to: 'high' }],
      [
        'category',
        { category: 'refund_request' },
        'ticket.category_changed',
        { from: 'other', to: 'refund_request' },
      ],
      [
        'subject',
        { subject: '  Refund one charge ' },
        'ticket.subject_changed',
        { from: 'Charged twice for October', to: 'Refund one charge' },
      ],
      ['tags', { tags: ['vip', 'refund'] }, 'ticket.tags_changed', { added: ['refund'], removed: ['web'] }],
    ])('changes the %s and appends exactly one event', async (_, change, type, payload) => {
      const ticket = await createTicket(testApp, agent, { tags: ['vip', 'web'] });
      const before = await eventsOf(testApp, ticket.id);

      const response = await patchTicket(testApp, agent, ticket.id, change).expect(200);

      const added = await eventsSince(testApp, ticket.id, before);
      expect(added).toEqual([
        expect.objectContaining({ type, actor_kind: 'agent', actor_id: agent.id, source: 'live', payload }),
      ]);
      expect(added[0].at.getTime()).toBeGreaterThanOrEqual(new Date(ticket.createdAt).getTime());
      expect(new Date(response.body.updatedAt).getTime()).toBeGreaterThan(
        new Date(ticket.updatedAt).getTime(),
      );
      const field = Object.keys(change)[0];
      const expected = field === 'subject' ? 'Refund one charge' : change[field as keyof typeof change];
      expect(response.body[field]).toEqual(expected);
    });

    it('assigns, reassigns and unassigns, one ticket.assigned event each', async () => {
      const colleague = await testApp.agent('agent', []);
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);

      const assigned = await patchTicket(testApp, agent, ticket.id, { assigneeId: agent.id }).expect(200);
      expect(assigned.body.assignee).toEqual({ id: agent.id, name: 'Test agent' });
      await patchTicket(testApp, agent, ticket.id, { assigneeId: colleague.id }).expect(200);
      const unassigned = await patchTicket(testApp, agent, ticket.id, { assigneeId: null }).expect(200);
      expect(unassigned.body.assignee).toBeNull();

      expect(
        (await eventsSince(testApp, ticket.id, before)).map((event) => [event.type, event.payload]),
      ).toEqual([
        ['ticket.assigned', { agentId: agent.id, previousAgentId: null }],
        ['ticket.assigned', { agentId: colleague.id, previousAgentId: agent.id }],
        ['ticket.assigned', { agentId: null, previousAgentId: colleague.id }],
      ]);
    });

    it('moves the ticket to another team and off any team, one ticket.team_changed event each', async () => {
      const ticket = await createTicket(testApp, supervisor, { teamId: agent.teamIds[0] });
      const before = await eventsOf(testApp, ticket.id);

      const moved = await patchTicket(testApp, supervisor, ticket.id, { teamId: outsider.teamIds[0] }).expect(
        200,
      );
      expect(moved.body.team).toEqual({
        id: outsider.teamIds[0],
        name: expect.stringMatching(/^elsewhere-/),
      });
      await patchTicket(testApp, supervisor, ticket.id, { teamId: null }).expect(200);

      expect(
        (await eventsSince(testApp, ticket.id, before)).map((event) => [event.type, event.payload]),
      ).toEqual([
        ['ticket.team_changed', { teamId: outsider.teamIds[0], previousTeamId: agent.teamIds[0] }],
        ['ticket.team_changed', { teamId: null, previousTeamId: outsider.teamIds[0] }],
      ]);
      // The agent lost access with the move.
      expectApiError(
        await testApp.http().get(`/api/tickets/${ticket.id}`).set('Authorization', agent.auth),
        403,
      );
    });

    it('appends one event per changed field when a PATCH changes several, none for unchanged ones', async () => {
      const ticket = await createTicket(testApp, agent, { priority: 'low' });
      const before = await eventsOf(testApp, ticket.id);

      await patchTicket(testApp, agent, ticket.id, {
        priority: 'urgent',
        category: 'other', // unchanged
        subject: ticket.subject, // unchanged
        assigneeId: agent.id,
      }).expect(200);

      expect((await eventsSince(testApp, ticket.id, before)).map((event) => event.type)).toEqual([
        'ticket.priority_changed',
        'ticket.assigned',
      ]);
    });

    it('writes nothing when the tags are the same set in another order', async () => {
      const ticket = await createTicket(testApp, agent, { tags: ['a', 'b'] });
      const before = await eventsOf(testApp, ticket.id);
      await patchTicket(testApp, agent, ticket.id, { tags: ['b', 'a', 'b'] }).expect(200);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('refuses an unknown assignee with 422 and leaves the rest of the PATCH unwritten', async () => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      const rowBefore = await ticketRow(testApp, ticket.id);

      const response = await patchTicket(testApp, agent, ticket.id, {
        priority: 'urgent',
        tags: ['x'],
        assigneeId: UUID_NOBODY_HAS,
      });

      expectApiError(response, 422, 'assigneeId');
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('refuses an unknown team with 422 and leaves the ticket unchanged', async () => {
      const ticket = await createTicket(testApp, agent);
      const rowBefore = await ticketRow(testApp, ticket.id);
      const response = await patchTicket(testApp, agent, ticket.id, {
        subject: 'new',
        teamId: UUID_NOBODY_HAS,
      });
      expectApiError(response, 422, 'teamId');
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
    });

    it('rolls the change back when its event cannot be written (500), leaving neither', async () => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      const rowBefore = await ticketRow(testApp, ticket.id);

      const response = await withFailingEvent(
        testApp,
        { ticketId: ticket.id, type: 'ticket.priority_changed' },
        () => patchTicket(testApp, agent, ticket.id, { subject: 'Renamed first', priority: 'urgent' }),
      );

      expectApiError(response, 500);
      expect(response.body.message).not.toContain('forced failure');
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
      // With the trigger gone the same PATCH goes through.
      await patchTicket(testApp, agent, ticket.id, { priority: 'urgent' }).expect(200);
    });

    it('refuses an agent outside the ticket’s team (403) and changes nothing', async () => {
      const ticket = await createTicket(testApp, agent);
      const rowBefore = await ticketRow(testApp, ticket.id);
      expectApiError(await patchTicket(testApp, outsider, ticket.id, { priority: 'high' }), 403);
      expect(await ticketRow(testApp, ticket.id)).toEqual(rowBefore);
    });

    it('answers 404 for an unknown ticket and 400 naming the id for a malformed one', async () => {
      expectApiError(await patchTicket(testApp, agent, UUID_NOBODY_HAS, { priority: 'high' }), 404);
      expectApiError(await patchTicket(testApp, agent, '1234', { priority: 'high' }), 400, /\bid\b/);
    });

    it.each([
      ['an empty body', {}, undefined],
      ['an unknown priority', { priority: 'asap' }, 'priority'],
      ['a priority of the wrong type', { priority: 3 }, 'priority'],
      ['a null priority', { priority: null }, 'priority'],
      ['a null subject', { subject: null }, 'subject'],
      ['a blank subject', { subject: ' ' }, 'subject'],
      ['an unknown category', { category: 'fees' }, 'category'],
      ['a malformed assignee id', { assigneeId: 'me' }, 'assigneeId'],
      ['a malformed team id', { teamId: 12 }, 'teamId'],
      ['tags that are not a list', { tags: 'vip' }, 'tags'],
      ['an invalid tag', { tags: ['VIP'] }, 'tags'],
      ['null tags', { tags: null }, 'tags'],
      ['an unknown field', { number: 'LD-1' }, 'number'],
      ['a read-only field', { requester: { email: 'x@y.example' } }, 'requester'],
    ])('rejects %s with 400, writing nothing', async (_, body, field) => {
      const ticket = await createTicket(testApp, agent);
      const before = await eventsOf(testApp, ticket.id);
      const response = await patchTicket(testApp, agent, ticket.id, body);
      if (field) expectFieldError(response, field);
      else expectApiError(response, 400, 'Nothing to change');
      expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    });

    it('refuses a body over HTTP_BODY_LIMIT_BYTES with 413', async () => {
      const ticket = await createTicket(testApp, agent);
      const response = await patchTicket(testApp, agent, ticket.id, { subject: oversizedText(testApp) });
      expectApiError(response, 413);
      expect((await ticketRow(testApp, ticket.id)).subject).toBe(ticket.subject);
    });
  });
});
