import { Readable } from 'node:stream';
import {
  HistoryLine,
  minutesAfterNine as t,
  ndjson,
  projectedState,
  ticketByKey,
  uniquePrefix,
} from '../support/history-import';
import { createAccount } from '../support/billing';
import { TestAgent, TestApp } from '../support/test-app';

const NDJSON = 'application/x-ndjson';

describe('POST /api/import (history from another desk)', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let ana: TestAgent;
  let bo: TestAgent;
  let account: { id: string; number: string };

  beforeAll(async () => {
    testApp = await TestApp.start();
    [admin, ana, bo] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('agent'),
      testApp.agent('agent'),
    ]);
    account = await createAccount(testApp, admin);
  });

  afterAll(() => testApp.close());

  const importFile = (body: string, auth = admin.auth) =>
    testApp.http().post('/api/import').set('Authorization', auth).set('Content-Type', NDJSON).send(body);

  const query = <T>(sql: string, params: unknown[]): Promise<T[]> => testApp.dataSource.query(sql, params);

  const eventsOf = (key: string) =>
    query<{
      id: string;
      external_id: string;
      type: string;
      actor_kind: string;
      actor_id: string | null;
      at: Date;
      source: string;
      payload: Record<string, unknown>;
    }>(
      `SELECT e.* FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.external_key = $1 ORDER BY e.at, e.id`,
      [key],
    );

  /** A ticket's whole life: created, worked, solved, reopened, solved again, closed, rated. */
  const lifeOf = (key: string): HistoryLine[] => [
    {
      id: `${key}-1`,
      type: 'ticket.created',
      ticket: key,
      at: t(0),
      channel: 'email',
      subject: 'Charged twice for March',
      category: 'duplicate_charge',
      priority: 'high',
      requester: { email: 'Pat@Customer.example', phone: '+44 20 7946 0958', name: 'Pat Doe' },
      account: account.number,
    },
    {
      id: `${key}-2`,
      type: 'message',
      ticket: key,
      at: t(1),
      author: 'customer',
      visibility: 'public',
      body: 'I see two charges.\n\nPlease refund one.',
    },
    { id: `${key}-3`, type: 'ticket.assigned', ticket: key, at: t(5), agent: ana.email.toUpperCase() },
    { id: `${key}-4`, type: 'work', ticket: key, at: t(6), agent: ana.email, endedAt: t(16) },
    {
      id: `${key}-5`,
      type: 'message',
      ticket: key,
      at: t(10),
      author: 'agent',
      agent: ana.email,
      visibility: 'public',
      body: 'Refunded <b>one</b> charge.',
    },
    {
      id: `${key}-6`,
      type: 'message',
      ticket: key,
      at: t(11),
      author: 'agent',
      agent: bo.email,
      visibility: 'internal',
      body: 'Checked the ledger.',
    },
    {
      id: `${key}-7`,
      type: 'call',
      ticket: key,
      at: t(20),
      agent: ana.email,
      direction: 'outbound',
      endedAt: t(30),
      holdSeconds: 60,
      wrapUpSeconds: 30,
    },
    { id: `${key}-8`, type: 'ticket.solved', ticket: key, at: t(60), agent: ana.email },
    { id: `${key}-9`, type: 'ticket.reopened', ticket: key, at: t(120) },
    {
      id: `${key}-10`,
      type: 'message',
      ticket: key,
      at: t(121),
      author: 'customer',
      visibility: 'public',
      body: 'Still charged.',
    },
    { id: `${key}-11`, type: 'ticket.solved', ticket: key, at: t(180), agent: bo.email },
    { id: `${key}-12`, type: 'csat', ticket: key, at: t(200), rating: 4, comment: 'Took two tries' },
    { id: `${key}-13`, type: 'ticket.closed', ticket: key, at: t(240) },
    {
      id: `${key}-14`,
      type: 'message',
      ticket: key,
      at: t(300),
      author: 'customer',
      visibility: 'public',
      body: 'Thanks!',
    },
  ];

  describe('a valid file', () => {
    let key: string;
    let response: Awaited<ReturnType<typeof importFile>>;

    beforeAll(async () => {
      key = uniquePrefix('happy');
      response = await importFile(ndjson(lifeOf(key)));
    });

    it('reports every line imported', () => {
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        read: 14,
        imported: 14,
        duplicates: 0,
        rejected: 0,
        errors: [],
        errorsNotListed: 0,
      });
    });

    it('creates the ticket with a desk number and the state its history leads to', async () => {
      const ticket = await ticketByKey(testApp.dataSource, key);
      expect(ticket).toMatchObject({
        subject: 'Charged twice for March',
        channel: 'email',
        category: 'duplicate_charge',
        priority: 'high',
        requester_email: 'pat@customer.example',
        requester_phone: '+44 20 7946 0958',
        requester_name: 'Pat Doe',
        assignee_id: ana.id,
        status: 'closed',
        created_at: new Date('2025-03-01T09:00:00Z'),
        updated_at: new Date('2025-03-01T14:00:00Z'),
        solved_at: new Date('2025-03-01T12:00:00Z'),
        closed_at: new Date('2025-03-01T13:00:00Z'),
      });
      expect(Number(ticket?.number)).toBeGreaterThanOrEqual(1001);

      const view = await testApp
        .http()
        .get(`/api/tickets/${ticket?.id}`)
        .set('Authorization', admin.auth)
        .expect(200);
      expect(view.body).toMatchObject({ number: `LD-${ticket?.number}`, externalKey: key, status: 'closed' });
    });

    it('appends the events to the log as imported, with their actors and payloads', async () => {
      const events = await eventsOf(key);
      expect(events.map((e) => [e.external_id, e.type, e.actor_kind, e.actor_id])).toEqual([
        [`${key}-1`, 'ticket.created', 'system', null],
        [`${key}-2`, 'message', 'customer', null],
        [`${key}-3`, 'ticket.assigned', 'agent', ana.id],
        [`${key}-4`, 'work', 'agent', ana.id],
        [`${key}-5`, 'message', 'agent', ana.id],
        [`${key}-6`, 'message', 'agent', bo.id],
        [`${key}-7`, 'call', 'agent', ana.id],
        [`${key}-8`, 'ticket.solved', 'agent', ana.id],
        [`${key}-9`, 'ticket.reopened', 'system', null],
        [`${key}-10`, 'message', 'customer', null],
        [`${key}-11`, 'ticket.solved', 'agent', bo.id],
        [`${key}-12`, 'csat', 'customer', null],
        [`${key}-13`, 'ticket.closed', 'system', null],
        [`${key}-14`, 'message', 'customer', null],
      ]);
      expect(events.every((e) => e.source === 'import')).toBe(true);
      expect(events[0].at).toEqual(new Date('2025-03-01T09:00:00Z'));
      expect(events[0].payload).toEqual({
        channel: 'email',
        subject: 'Charged twice for March',
        category: 'duplicate_charge',
        priority: 'high',
        requester: { email: 'pat@customer.example', phone: '+44 20 7946 0958', name: 'Pat Doe' },
        account: account.number,
        accountId: account.id,
      });
      expect(events[2].payload).toEqual({ agentId: ana.id, agentEmail: ana.email.toUpperCase() });
      expect(events[6].payload).toMatchObject({
        agentId: ana.id,
        direction: 'outbound',
        endedAt: '2025-03-01T09:30:00.000Z',
        holdSeconds: 60,
        wrapUpSeconds: 30,
      });
      expect(events[11].payload).toEqual({ rating: 4, comment: 'Took two tries' });
    });

    it('stores messages with sanitised bodies, the call and an ended work session, each tied to its event', async () => {
      const events = await eventsOf(key);
      const eventId = (n: number): string | undefined =>
        events.find((e) => e.external_id === `${key}-${n}`)?.id;

      const messages = await query<{
        event_id: string;
        kind: string;
        author_agent_id: string | null;
        body_html: string;
        body_text: string;
        created_at: Date;
      }>(
        `SELECT m.* FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.external_key = $1 ORDER BY m.created_at`,
        [key],
      );
      expect(messages.map((m) => [m.event_id, m.kind, m.author_agent_id])).toEqual([
        [eventId(2), 'customer', null],
        [eventId(5), 'reply', ana.id],
        [eventId(6), 'note', bo.id],
        [eventId(10), 'customer', null],
        [eventId(14), 'customer', null],
      ]);
      expect(messages[0]).toMatchObject({
        body_html: '<p>I see two charges.</p><p>Please refund one.</p>',
        body_text: 'I see two charges.\n\nPlease refund one.',
        created_at: new Date('2025-03-01T09:01:00Z'),
      });
      expect(messages[1].body_html).toBe('<p>Refunded &lt;b&gt;one&lt;/b&gt; charge.</p>');

      const calls = await query(
        `SELECT c.* FROM ticket_calls c JOIN tickets t ON t.id = c.ticket_id WHERE t.external_key = $1`,
        [key],
      );
      expect(calls).toEqual([
        expect.objectContaining({
          event_id: eventId(7),
          agent_id: ana.id,
          direction: 'outbound',
          started_at: new Date('2025-03-01T09:20:00Z'),
          ended_at: new Date('2025-03-01T09:30:00Z'),
          hold_seconds: 60,
          wrap_up_seconds: 30,
        }),
      ]);

      const sessions = await query(
        `SELECT w.* FROM work_sessions w JOIN tickets t ON t.id = w.ticket_id WHERE t.external_key = $1`,
        [key],
      );
      expect(sessions).toEqual([
        expect.objectContaining({
          agent_id: ana.id,
          started_at: new Date('2025-03-01T09:06:00Z'),
          ended_at: new Date('2025-03-01T09:16:00Z'),
          end_reason: 'imported',
          end_event_id: eventId(4),
        }),
      ]);
    });

    it('changes nothing when the same file is imported again', async () => {
      const before = await ticketByKey(testApp.dataSource, key);
      const again = await importFile(ndjson(lifeOf(key))).expect(200);
      expect(again.body).toMatchObject({ read: 14, imported: 0, duplicates: 14, rejected: 0 });
      expect(await eventsOf(key)).toHaveLength(14);
      const [{ count }] = await query<{ count: string }>(
        `SELECT count(*) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.external_key = $1`,
        [key],
      );
      expect(Number(count)).toBe(5);
      expect(await ticketByKey(testApp.dataSource, key)).toEqual(before);
    });
  });

  describe('order of events', () => {
    it('converges to the same ticket whether the events come in order, shuffled, or split across two files', async () => {
      const [inOrder, shuffled, split] = ['ordered', 'shuffled', 'split'].map(uniquePrefix);

      await importFile(ndjson(lifeOf(inOrder))).expect(200);

      const mixed = lifeOf(shuffled);
      await importFile(
        ndjson([
          mixed[13],
          mixed[7],
          mixed[2],
          mixed[0],
          ...mixed.slice(8, 13),
          mixed[1],
          ...mixed.slice(3, 7),
        ]),
      ).expect(200);

      const parts = lifeOf(split);
      await importFile(ndjson(parts.slice(6).reverse())).expect(200);
      expect(await ticketByKey(testApp.dataSource, split)).toMatchObject({
        subject: `(imported ticket ${split})`,
        channel: 'api',
        status: 'closed',
      });
      await importFile(ndjson(parts.slice(0, 6))).expect(200);

      const expected = projectedState(await ticketByKey(testApp.dataSource, inOrder));
      expect(expected).toMatchObject({ status: 'closed', subject: 'Charged twice for March' });
      expect(projectedState(await ticketByKey(testApp.dataSource, shuffled))).toEqual(expected);
      expect(projectedState(await ticketByKey(testApp.dataSource, split))).toEqual(expected);
    });

    it('opens a new ticket on the first agent reply and gives an unassigned solved ticket to its solver', async () => {
      const key = uniquePrefix('solver');
      await importFile(
        ndjson([
          {
            id: `${key}-2`,
            type: 'message',
            ticket: key,
            at: t(5),
            author: 'agent',
            agent: bo.email,
            visibility: 'public',
          },
          {
            id: `${key}-1`,
            type: 'ticket.created',
            ticket: key,
            at: t(0),
            channel: 'chat',
            subject: 'Card declined',
            requester: { name: 'Sam' },
          },
        ]),
      ).expect(200);
      expect(await ticketByKey(testApp.dataSource, key)).toMatchObject({
        status: 'open',
        assignee_id: null,
        category: 'other',
        priority: 'normal',
      });

      await importFile(
        ndjson([{ id: `${key}-3`, type: 'ticket.solved', ticket: key, at: t(9), agent: bo.email }]),
      ).expect(200);
      expect(await ticketByKey(testApp.dataSource, key)).toMatchObject({
        status: 'solved',
        assignee_id: bo.id,
        solved_at: new Date('2025-03-01T09:09:00Z'),
        updated_at: new Date('2025-03-01T09:09:00Z'),
      });
    });
  });

  describe('failures', () => {
    it('answers 500 and writes nothing of a batch whose transaction fails', async () => {
      // A database failure the validation cannot foresee, injected for one marked call.
      await testApp.dataSource.query(`
        CREATE FUNCTION fail_marked_call() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await testApp.dataSource.query(`
        CREATE TRIGGER fail_marked_call BEFORE INSERT ON ticket_calls
        FOR EACH ROW WHEN (NEW.wrap_up_seconds = 4242) EXECUTE FUNCTION fail_marked_call()`);
      try {
        const key = uniquePrefix('fails');
        const reply = await importFile(
          ndjson([lifeOf(key)[0], lifeOf(key)[1], { ...lifeOf(key)[6], wrapUpSeconds: 4242 }]),
        ).expect(500);
        expect(reply.body).toMatchObject({ statusCode: 500, error: 'Internal Server Error' });
        expect(await ticketByKey(testApp.dataSource, key)).toBeUndefined();
        expect(await query(`SELECT id FROM ticket_events WHERE external_id LIKE $1`, [`${key}-%`])).toEqual(
          [],
        );
      } finally {
        await testApp.dataSource.query(`DROP TRIGGER fail_marked_call ON ticket_calls`);
        await testApp.dataSource.query(`DROP FUNCTION fail_marked_call()`);
      }
    });

    it('imports each event once when the same file is sent twice at the same time', async () => {
      const key = uniquePrefix('race');
      const body = ndjson(lifeOf(key));
      const replies = await Promise.all([importFile(body), importFile(body)]);
      expect(replies.map((reply) => reply.status)).toEqual([200, 200]);
      expect(replies.reduce((sum, reply) => sum + (reply.body.imported as number), 0)).toBe(14);
      expect(replies.reduce((sum, reply) => sum + (reply.body.duplicates as number), 0)).toBe(14);
      expect(await eventsOf(key)).toHaveLength(14);
      expect(await ticketByKey(testApp.dataSource, key)).toMatchObject({
        status: 'closed',
        assignee_id: ana.id,
      });
    });
  });

  describe('rejected lines', () => {
    let key: string;
    let orphan: string;
    let response: Awaited<ReturnType<typeof importFile>>;

    const lines = (): (HistoryLine | string)[] => [
      {
        id: `${key}-1`,
        type: 'ticket.created',
        ticket: key,
        at: t(0),
        channel: 'web',
        subject: 'Refund?',
        requester: { email: 'kim@customer.example' },
      },
      { id: `${key}-2`, type: 'ticket.assigned', ticket: orphan, at: t(1), agent: 'nobody@old-desk.example' },
      { id: `${key}-3`, type: 'ticket.merged', ticket: key, at: t(2) },
      { id: `${key}-4`, type: 'ticket.closed', ticket: key, at: 'yesterday' },
      { id: `${key}-5`, type: 'ticket.closed', ticket: key, at: '2025-03-01T09:05:00' },
      `{"id": "${key}-6", "type": "csat", `,
      { id: `${key}-7`, type: 'message', ticket: key, at: t(7), author: 'customer' },
      { id: `${key}-8`, type: 'csat', ticket: key, at: t(8), rating: 6 },
      {
        id: `${key}-9`,
        type: 'message',
        ticket: key,
        at: t(9),
        author: 'customer',
        visibility: 'public',
        body: 'Any news?',
      },
      {
        id: `${key}-10`,
        type: 'call',
        ticket: orphan,
        at: t(10),
        agent: ana.email,
        direction: 'inbound',
        endedAt: t(11),
        holdSeconds: 61,
      },
    ];

    beforeAll(async () => {
      key = uniquePrefix('rejects');
      orphan = uniquePrefix('orphan');
      response = await importFile(ndjson(lines()));
    });

    it('answers 422 with each rejected line’s number and reason, and the counts', () => {
      expect(response.status).toBe(422);
      const errors = [
        { line: 2, reason: 'unknown agent "nobody@old-desk.example"' },
        {
          line: 3,
          reason: expect.stringMatching(/^unknown type "ticket.merged" \(expected one of ticket.created, /),
        },
        { line: 4, reason: 'at "yesterday" is not an ISO 8601 timestamp like 2025-03-01T09:30:00Z' },
        { line: 5, reason: 'at "2025-03-01T09:05:00" has no UTC offset (end it with Z or ±hh:mm)' },
        { line: 6, reason: expect.stringMatching(/^malformed JSON: /) },
        { line: 7, reason: 'missing field visibility' },
        { line: 8, reason: 'rating must be an integer from 1 to 5 (got 6)' },
        {
          line: 10,
          reason: 'holdSeconds is longer than the call (hold is part of the call, from at to endedAt)',
        },
      ];
      expect(response.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: '8 of 10 lines rejected; the other lines were imported and a corrected re-run is idempotent',
        details: errors,
        read: 10,
        imported: 2,
        duplicates: 0,
        rejected: 8,
        errors,
        errorsNotListed: 0,
      });
    });

    it('writes nothing of a rejected line and imports the valid ones', async () => {
      expect((await eventsOf(key)).map((e) => e.external_id)).toEqual([`${key}-1`, `${key}-9`]);
      expect(await ticketByKey(testApp.dataSource, orphan)).toBeUndefined();
      const rejectedIds = [2, 3, 4, 5, 6, 7, 8, 10].map((n) => `${key}-${n}`);
      expect(await query(`SELECT id FROM ticket_events WHERE external_id = ANY($1)`, [rejectedIds])).toEqual(
        [],
      );
      expect(
        await query(
          `SELECT id FROM ticket_calls WHERE ticket_id IN (SELECT id FROM tickets WHERE external_key = $1)`,
          [orphan],
        ),
      ).toEqual([]);
    });

    it('imports only the corrected lines when the fixed file is sent again', async () => {
      const fixed = lines();
      fixed[1] = { ...(fixed[1] as HistoryLine), agent: bo.email };
      fixed[2] = { ...(fixed[2] as HistoryLine), type: 'ticket.reopened' };
      fixed[3] = { ...(fixed[3] as HistoryLine), at: t(3) };
      fixed[4] = { ...(fixed[4] as HistoryLine), at: '2025-03-01T09:05:00Z' };
      fixed[5] = { id: `${key}-6`, type: 'csat', ticket: key, at: t(6), rating: 3 };
      fixed[6] = { ...(fixed[6] as HistoryLine), visibility: 'public' };
      fixed[7] = { ...(fixed[7] as HistoryLine), rating: 5 };
      fixed[9] = { ...(fixed[9] as HistoryLine), holdSeconds: 60 };
      const rerun = await importFile(ndjson(fixed)).expect(200);
      expect(rerun.body).toMatchObject({ read: 10, imported: 8, duplicates: 2, rejected: 0 });
      expect(await ticketByKey(testApp.dataSource, orphan)).toMatchObject({
        assignee_id: bo.id,
        status: 'open',
      });
    });

    it('refuses an id already used by another event, and a second ticket.created for a ticket', async () => {
      const other = uniquePrefix('reuse');
      const reply = await importFile(
        ndjson([
          { id: `${key}-9`, type: 'ticket.closed', ticket: other, at: t(20) },
          {
            id: `${other}-1`,
            type: 'ticket.created',
            ticket: key,
            at: t(21),
            channel: 'web',
            subject: 'Again',
            requester: { name: 'Kim' },
          },
          {
            id: `${other}-2`,
            type: 'ticket.created',
            ticket: other,
            at: t(22),
            channel: 'web',
            subject: 'New',
            requester: { name: 'Kim' },
          },
          {
            id: `${other}-3`,
            type: 'ticket.created',
            ticket: other,
            at: t(23),
            channel: 'web',
            subject: 'Newer',
            requester: { name: 'Kim' },
          },
        ]),
      ).expect(422);
      expect(reply.body).toMatchObject({
        imported: 1,
        errors: [
          { line: 1, reason: `id "${key}-9" is already used by a message event of ticket "${key}"` },
          { line: 2, reason: `ticket "${key}" is already created by event "${key}-1"` },
          { line: 4, reason: `ticket "${other}" is already created by event "${other}-2"` },
        ],
      });
      expect(await ticketByKey(testApp.dataSource, other)).toMatchObject({ subject: 'New' });
      expect(await ticketByKey(testApp.dataSource, key)).toMatchObject({ subject: 'Refund?' });
    });

    it('lists the first 1000 rejected lines and counts the rest', async () => {
      const reply = await importFile(Array.from({ length: 1005 }, () => 'not json').join('\n')).expect(422);
      expect(reply.body).toMatchObject({ read: 1005, imported: 0, rejected: 1005, errorsNotListed: 5 });
      expect(reply.body.errors).toHaveLength(1000);
      expect(reply.body.errors[999]).toEqual({
        line: 1000,
        reason: expect.stringMatching(/^malformed JSON/),
      });
    });
  });

  describe('the request', () => {
    it('streams a body sent without a length (chunked)', async () => {
      const key = uniquePrefix('chunked');
      const body = ndjson(lifeOf(key));
      const reply = await testApp.app.inject({
        method: 'POST',
        url: '/api/import',
        headers: { authorization: admin.auth, 'content-type': `${NDJSON}; charset=utf-8` },
        payload: Readable.from(body.match(/[\s\S]{1,50}/g) ?? []),
      });
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ read: 14, imported: 14 });
    });

    it('imports an empty body as nothing', async () => {
      const reply = await importFile('').expect(200);
      expect(reply.body).toEqual({
        read: 0,
        imported: 0,
        duplicates: 0,
        rejected: 0,
        errors: [],
        errorsNotListed: 0,
      });
    });

    it('needs a token', async () => {
      await testApp.http().post('/api/import').set('Content-Type', NDJSON).send(ndjson([])).expect(401);
    });

    it.each(['agent', 'supervisor'] as const)('is refused to a %s', async (role) => {
      const someone = await testApp.agent(role);
      const reply = await importFile(ndjson(lifeOf(uniquePrefix('forbidden'))), someone.auth).expect(403);
      expect(reply.body.message).toBe('This action needs the role admin');
    });

    it('answers 415 to a JSON body', async () => {
      const reply = await testApp
        .http()
        .post('/api/import')
        .set('Authorization', admin.auth)
        .send(lifeOf(uniquePrefix('json')))
        .expect(415);
      expect(reply.body).toMatchObject({
        statusCode: 415,
        message: 'Send the history as application/x-ndjson (one JSON event per line), not application/json',
      });
    });
  });
});

describe('POST /api/import with IMPORT_MAX_BYTES', () => {
  let testApp: TestApp;
  let admin: TestAgent;

  beforeAll(async () => {
    process.env.IMPORT_MAX_BYTES = '2048';
    try {
      testApp = await TestApp.start();
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
    admin = await testApp.agent('admin');
  });

  afterAll(() => testApp.close());

  const bigFile = (key: string): string =>
    ndjson(
      Array.from({ length: 40 }, (_, n) => ({
        id: `${key}-${n}`,
        type: 'ticket.closed',
        ticket: key,
        at: t(n),
      })),
    );

  it('answers 413 to a body whose length is over the limit, importing nothing', async () => {
    const key = uniquePrefix('too-big');
    const reply = await testApp
      .http()
      .post('/api/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', NDJSON)
      .send(bigFile(key))
      .expect(413);
    expect(reply.body.message).toMatch(/exceeds IMPORT_MAX_BYTES \(2048 bytes\)/);
    expect(await ticketByKey(testApp.dataSource, key)).toBeUndefined();
  });

  it('stops a streamed body at the limit with 413', async () => {
    const key = uniquePrefix('too-long');
    const body = bigFile(key);
    const reply = await testApp.app.inject({
      method: 'POST',
      url: '/api/import',
      headers: { authorization: admin.auth, 'content-type': NDJSON },
      payload: Readable.from(body.match(/[\s\S]{1,100}/g) ?? []),
    });
    expect(reply.statusCode).toBe(413);
    expect(reply.json().message).toMatch(/exceeds IMPORT_MAX_BYTES/);
  });
});
