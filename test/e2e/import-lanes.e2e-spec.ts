import { IMPORT_BATCH_SIZE, IMPORT_LANES } from '@ledgerdesk/tickets';
import { HistoryLine, minutesAfterNine as t, ndjson } from '../support/history-import';
import { useOwnDatabase } from '../support/kpi';
import { TestAgent, TestApp } from '../support/test-app';

/**
 * A file big enough to keep every writer lane busy with several batches, on a database of its
 * own so that ticket numbers can be checked for gaps.
 */
describe('history import over concurrent writer lanes', () => {
  const TICKETS = 2500;
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let admin: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('import_lanes');
    testApp = await TestApp.start();
    [admin, agent] = await Promise.all([testApp.agent('admin'), testApp.agent('agent')]);
  });

  afterAll(async () => {
    await testApp.close();
    await restoreDatabase();
  });

  /** Each ticket: created, answered, solved (even ones reopened and solved again), closed. */
  function history(): HistoryLine[] {
    const lines: HistoryLine[] = [];
    for (let n = 0; n < TICKETS; n++) {
      const ticket = `lane-${n}`;
      const at = (minutes: number): string => t(n + minutes);
      lines.push(
        {
          id: `${ticket}-1`,
          type: 'ticket.created',
          ticket,
          at: at(0),
          channel: 'email',
          subject: `Invoice ${n}`,
          category: 'invoice_question',
          priority: 'normal',
          requester: { email: `c${n}@example.com` },
        },
        {
          id: `${ticket}-2`,
          type: 'message',
          ticket,
          at: at(1),
          author: 'customer',
          visibility: 'public',
          body: 'Why was I charged twice?',
        },
        {
          id: `${ticket}-3`,
          type: 'message',
          ticket,
          at: at(30),
          author: 'agent',
          agent: agent.email,
          visibility: 'public',
          body: 'Refunded.',
        },
        { id: `${ticket}-4`, type: 'ticket.solved', ticket, at: at(31), agent: agent.email },
      );
      if (n % 2 === 0) {
        lines.push(
          { id: `${ticket}-5`, type: 'ticket.reopened', ticket, at: at(600) },
          { id: `${ticket}-6`, type: 'ticket.solved', ticket, at: at(610), agent: agent.email },
        );
      }
      lines.push({ id: `${ticket}-7`, type: 'ticket.closed', ticket, at: at(5000) });
    }
    // Export order: by time across tickets, so every batch holds a slice of many tickets; the
    // closing lines come first, so most tickets are first seen through a later event.
    return lines.sort(
      (a, b) =>
        (a.type === 'ticket.closed' ? -1 : 0) - (b.type === 'ticket.closed' ? -1 : 0) ||
        String(a.at).localeCompare(String(b.at)),
    );
  }

  it('imports every line once, draws one ticket number per new ticket and projects each ticket from its whole log', async () => {
    const lines = history();
    expect(lines.length).toBeGreaterThan(IMPORT_LANES * IMPORT_BATCH_SIZE);
    const body = ndjson(lines);
    const first = await testApp
      .http()
      .post('/api/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      read: lines.length,
      imported: lines.length,
      duplicates: 0,
      rejected: 0,
    });

    const [numbers] = await testApp.dataSource.query<{ count: number; lowest: string; highest: string }[]>(
      `SELECT count(*)::int AS count, min(number) AS lowest, max(number) AS highest FROM tickets WHERE external_key LIKE 'lane-%'`,
    );
    expect(numbers.count).toBe(TICKETS);
    expect(Number(numbers.highest) - Number(numbers.lowest) + 1).toBe(TICKETS);

    const states = await testApp.dataSource.query<{ status: string; subject_ok: boolean; count: number }[]>(
      `SELECT status, subject LIKE 'Invoice %' AS subject_ok, count(*)::int AS count
         FROM tickets WHERE external_key LIKE 'lane-%' GROUP BY 1, 2`,
    );
    expect(states).toEqual([{ status: 'closed', subject_ok: true, count: TICKETS }]);

    const again = await testApp
      .http()
      .post('/api/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(body);
    expect(again.body).toMatchObject({
      read: lines.length,
      imported: 0,
      duplicates: lines.length,
      rejected: 0,
    });
    const [after] = await testApp.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tickets`,
    );
    expect(after.count).toBe(TICKETS);
  });

  it('reports the lowest rejected line numbers in line order when lanes finish out of order', async () => {
    const lines: (HistoryLine | string)[] = [];
    for (let n = 0; n < 9000; n++) {
      const ticket = `bad-${n % 3000}`;
      lines.push({
        id: `bad-line-${n}`,
        type: 'message',
        ticket,
        at: t(n),
        author: 'agent',
        agent: 'nobody@old-desk.example',
        visibility: 'public',
        body: 'x',
      });
    }
    const response = await testApp
      .http()
      .post('/api/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', 'application/x-ndjson')
      .send(ndjson(lines));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ read: 9000, imported: 0, rejected: 9000, errorsNotListed: 8000 });
    const listed = (response.body.errors as { line: number; reason: string }[]).map((error) => error.line);
    expect(listed).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
  });
});
