import { ImportHistoryUseCase, ProjectAbandonedImportsUseCase, SlaBreachQuery } from '@ledgerdesk/tickets';
import { QueueMetricsQuery } from '@ledgerdesk/live';
import { HistoryLine, minutesAfterNine as t, ndjson, uniquePrefix } from '../support/history-import';
import { TestAgent, TestApp } from '../support/test-app';

/**
 * An import projects each ticket from its whole log once its lines are in (deferred-projection.ts):
 * early when the ticket has gone quiet, else at the end; only then is the ticket handed to the
 * KPI worker (there is no worker in this app, so `kpi_pending` shows every hand-over).
 */
describe('history import: deferred ticket projection', () => {
  let testApp: TestApp;
  let agent: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
  });

  afterAll(() => testApp.close());

  const ticketLines = (key: string, start: number): HistoryLine[] => [
    {
      id: `${key}-created`,
      type: 'ticket.created',
      ticket: key,
      at: t(start),
      channel: 'email',
      subject: `Invoice question ${key}`,
      category: 'invoice_question',
      requester: { email: 'payer@customer.example' },
    },
    {
      id: `${key}-note`,
      type: 'message',
      ticket: key,
      at: t(start + 1),
      author: 'agent',
      agent: agent.email,
      visibility: 'internal',
      body: 'Checking.',
    },
    {
      id: `${key}-reply`,
      type: 'message',
      ticket: key,
      at: t(start + 2),
      author: 'agent',
      agent: agent.email,
      visibility: 'public',
      body: 'Fixed.',
    },
    { id: `${key}-solved`, type: 'ticket.solved', ticket: key, at: t(start + 3), agent: agent.email },
  ];

  const handOvers = async (keys: string[]): Promise<Map<string, number>> => {
    const rows = await testApp.dataSource.query<{ external_key: string; version: string }[]>(
      `SELECT t.external_key, p.version FROM kpi_pending p JOIN tickets t ON t.id = p.ticket_id
        WHERE t.external_key = ANY($1::text[])`,
      [keys],
    );
    return new Map(rows.map((row) => [row.external_key, Number(row.version)]));
  };

  it('projects quiet tickets during the import, a ticket again when a later line comes, and hands each to the KPI worker', async () => {
    const prefix = uniquePrefix('settle');
    const keys = Array.from({ length: 8000 }, (_, n) => `${prefix}-${n}`);
    const lines = keys.flatMap((key, n) => ticketLines(key, n));
    // The first ticket gets one more line at the very end: projected early, then again.
    lines.push({ id: `${keys[0]}-closed`, type: 'ticket.closed', ticket: keys[0], at: t(9000) });

    const report = await testApp.app
      .get(ImportHistoryUseCase)
      .execute([ndjson(lines)], { settledAfterLines: 100 });
    expect(report).toMatchObject({ imported: lines.length, rejected: 0 });

    const tickets = await testApp.dataSource.query<
      { external_key: string; subject: string; status: string; first_responded_at: Date }[]
    >(
      `SELECT external_key, subject, status, first_responded_at FROM tickets WHERE external_key = ANY($1::text[])`,
      [keys],
    );
    expect(tickets).toHaveLength(keys.length);
    const byKey = new Map(tickets.map((ticket) => [ticket.external_key, ticket]));
    expect(byKey.get(keys[0])).toMatchObject({ subject: `Invoice question ${keys[0]}`, status: 'closed' });
    expect(byKey.get(keys[1])).toMatchObject({ status: 'solved' });
    // The first agent contact is the public reply, not the internal note before it.
    expect(byKey.get(keys[1])?.first_responded_at).toEqual(new Date(t(1 + 2)));
    expect(tickets.filter((ticket) => ticket.subject.startsWith('(imported ticket'))).toEqual([]);

    const [{ marked }] = await testApp.dataSource.query<{ marked: number }[]>(
      `SELECT count(*)::int AS marked FROM ticket_projection_pending p JOIN tickets t ON t.id = p.ticket_id
        WHERE t.external_key = ANY($1::text[])`,
      [keys],
    );
    expect(marked).toBe(0);
    const versions = await handOvers(keys);
    expect(versions.size).toBe(keys.length);
    expect(versions.get(keys[0])).toBe(2);
    expect(versions.get(keys[1])).toBe(1);
  });

  it('keeps the placeholders of a running import out of lists, queue metrics, SLA views and the backlog', async () => {
    const supervisor = await testApp.agent('supervisor');
    const prefix = uniquePrefix('placeholder');
    const keys = Array.from({ length: 7000 }, (_, n) => `${prefix}-${n}`);
    // The customers wrote in 2025: as placeholders, they would be the longest-waiting customers.
    const lines = keys.flatMap((key, n) => [
      ticketLines(key, n)[0],
      {
        id: `${key}-asks`,
        type: 'message',
        ticket: key,
        at: t(n + 1),
        author: 'customer',
        visibility: 'public',
        body: 'Why was I charged twice?',
      },
    ]);
    // Closed in the end, so that they do not crowd other test files' queues afterwards.
    const closings = keys.map((key) => ({
      id: `${key}-closed`,
      type: 'ticket.closed',
      ticket: key,
      at: t(9000),
    }));
    // Every lane fills a batch (IMPORT_BATCH_SIZE lines) and writes it; then the file stalls.
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    async function* stallingFile(): AsyncGenerator<string> {
      yield ndjson(lines.slice(0, 13_000));
      await stalled;
      yield ndjson([...lines.slice(13_000), ...closings]);
    }
    const metrics = testApp.app.get(QueueMetricsQuery);
    const before = await metrics.compute();
    const backlog = async (): Promise<number> => {
      const response = await testApp
        .http()
        .get('/api/kpis/desk?from=2025-03-01&to=2025-03-01')
        .set('Authorization', supervisor.auth)
        .expect(200);
      return (response.body as { backlog: Record<string, number> }).backlog.new ?? 0;
    };
    const newBefore = await backlog();
    const listed = async (): Promise<number> => {
      const response = await testApp
        .http()
        .get(`/api/tickets?q=${prefix}&pageSize=1`)
        .set('Authorization', supervisor.auth)
        .expect(200);
      return (response.body as { total: number }).total;
    };

    const importing = testApp.app.get(ImportHistoryUseCase).execute(stallingFile());
    try {
      let placeholders = 0;
      for (let attempt = 0; attempt < 300 && placeholders < 5000; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        [{ placeholders }] = await testApp.dataSource.query<{ placeholders: number }[]>(
          `SELECT count(*)::int AS placeholders FROM tickets WHERE external_key LIKE $1 AND placeholder`,
          [`${prefix}-%`],
        );
      }
      expect(placeholders).toBeGreaterThanOrEqual(5000);

      expect(await listed()).toBe(0);
      const during = await metrics.compute();
      // Other test files write tickets meanwhile, but not thousands.
      expect((during.open.byStatus.new ?? 0) - (before.open.byStatus.new ?? 0)).toBeLessThan(500);
      expect(during.unassigned - before.unassigned).toBeLessThan(500);
      expect(during.oldestWaiting?.number).toBe(before.oldestWaiting?.number);
      const sla = await testApp.app.get(SlaBreachQuery).atRisk({ limit: 1000 });
      expect(sla.breached.filter((ticket) => ticket.subject.includes(prefix))).toEqual([]);
      expect((await backlog()) - newBefore).toBeLessThan(500);
    } finally {
      resume();
    }
    expect(await importing).toMatchObject({ imported: lines.length + closings.length, rejected: 0 });
    expect(await listed()).toBe(keys.length);
  }, 120_000);

  /** What the batches of an import commit before its process dies: a placeholder ticket, its events, its mark. */
  const leaveDiedImport = (key: string): Promise<string> =>
    testApp.dataSource.transaction(async (manager) => {
      const [ticket] = await manager.query<{ id: string }[]>(
        `INSERT INTO tickets (number, external_key, subject, channel)
         VALUES (nextval('ticket_number_seq'), $1, $2, 'api') RETURNING id`,
        [key, `(imported ticket ${key})`],
      );
      await manager.query(
        `INSERT INTO ticket_events (ticket_id, type, actor_kind, actor_id, at, source, external_id, payload)
         VALUES ($1, 'ticket.created', 'system', NULL, $2, 'import', $3, $4::jsonb),
                ($1, 'message', 'agent', $5, $6, 'import', $7, $8::jsonb)`,
        [
          ticket.id,
          t(0),
          `${key}-created`,
          JSON.stringify({
            channel: 'email',
            subject: `Invoice question ${key}`,
            category: 'invoice_question',
          }),
          agent.id,
          t(5),
          `${key}-reply`,
          JSON.stringify({ author: 'agent', visibility: 'public', agentId: agent.id }),
        ],
      );
      await manager.query(`INSERT INTO ticket_projection_pending (ticket_id) VALUES ($1)`, [ticket.id]);
      return ticket.id;
    });

  const state = async (key: string): Promise<Record<string, unknown>> => {
    const [row] = await testApp.dataSource.query<Record<string, unknown>[]>(
      `SELECT subject, status, first_responded_at,
              EXISTS (SELECT 1 FROM ticket_projection_pending WHERE ticket_id = t.id) AS marked
         FROM tickets t WHERE external_key = $1`,
      [key],
    );
    return row;
  };

  it('leaves tickets of an import that died marked, unprojected and unseen by the KPI worker; the next import projects them', async () => {
    const key = uniquePrefix('died');
    await leaveDiedImport(key);
    // Imported events alone neither hand the ticket to the KPI worker nor set its first contact.
    expect(await state(key)).toEqual({
      subject: `(imported ticket ${key})`,
      status: 'new',
      first_responded_at: null,
      marked: true,
    });
    expect((await handOvers([key])).size).toBe(0);

    // Any later import, even of nothing, ends by projecting what is marked.
    await testApp.app.get(ImportHistoryUseCase).execute([]);
    expect(await state(key)).toEqual({
      subject: `Invoice question ${key}`,
      status: 'open',
      first_responded_at: new Date(t(5)),
      marked: false,
    });
    expect((await handOvers([key])).get(key)).toBe(1);
  });

  it('has the worker sweep project what an import left marked 15 minutes ago, and leave a running import alone', async () => {
    const died = uniquePrefix('swept');
    const running = uniquePrefix('running');
    const diedId = await leaveDiedImport(died);
    await leaveDiedImport(running);
    await testApp.dataSource.query(
      `UPDATE ticket_projection_pending SET marked_at = now() - interval '16 minutes' WHERE ticket_id = $1`,
      [diedId],
    );

    const projected = await testApp.app.get(ProjectAbandonedImportsUseCase).execute();
    expect(projected).toBeGreaterThanOrEqual(1);
    expect(await state(died)).toMatchObject({ subject: `Invoice question ${died}`, marked: false });
    expect((await handOvers([died])).get(died)).toBe(1);
    expect(await state(running)).toMatchObject({ subject: `(imported ticket ${running})`, marked: true });
  });
});
