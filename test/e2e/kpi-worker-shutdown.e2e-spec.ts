import { INestApplicationContext } from '@nestjs/common';
import { ImportHistoryUseCase } from '@ledgerdesk/tickets';
import { HistoryLine, minutesAfterNine as t, ndjson, uniquePrefix } from '../support/history-import';
import { startWorker, useOwnDatabase, waitForKpis } from '../support/kpi';
import { TestAgent, TestApp } from '../support/test-app';

/**
 * A worker shut down (a deploy, a scale-down) while it projects KPI jobs leaves nothing stuck:
 * the next worker brings the tables up to date at once, without waiting for BullMQ's
 * stalled-job check (30 s) or the outbox's claim expiry (120 s) to free the tickets of the jobs
 * the first one had in hand. On a database of its own: it counts the whole outbox.
 */
describe('KPI worker shutdown', () => {
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let agent: TestAgent;
  const workers: INestApplicationContext[] = [];

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('kpi_worker_shutdown');
    testApp = await TestApp.start();
    agent = await testApp.agent('agent');
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close().catch(() => undefined);
    await testApp.close();
    await restoreDatabase();
  });

  const claimed = async (): Promise<number> => {
    const [{ count }] = await testApp.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM kpi_pending WHERE enqueued_version IS NOT NULL`,
    );
    return count;
  };

  it('leaves no job half done when it stops: the next worker catches up within seconds', async () => {
    const prefix = uniquePrefix('shutdown');
    const lines: HistoryLine[] = Array.from({ length: 6000 }, (_, n) => [
      {
        id: `${prefix}-${n}-created`,
        type: 'ticket.created',
        ticket: `${prefix}-${n}`,
        at: t(n),
        channel: 'email',
        subject: `Invoice question ${n}`,
        requester: { email: `customer-${n}@example.com` },
      },
      {
        id: `${prefix}-${n}-reply`,
        type: 'message',
        ticket: `${prefix}-${n}`,
        at: t(n + 1),
        author: 'agent',
        agent: agent.email,
        visibility: 'public',
        body: 'Sorted.',
      },
      {
        id: `${prefix}-${n}-solved`,
        type: 'ticket.solved',
        ticket: `${prefix}-${n}`,
        at: t(n + 2),
        agent: agent.email,
      },
    ]).flat();
    await testApp.app.get(ImportHistoryUseCase).execute([ndjson(lines)]);

    const first = await startWorker();
    workers.push(first);
    const deadline = Date.now() + 10_000;
    while ((await claimed()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await claimed()).toBeGreaterThan(0);
    await first.close();

    const [{ pending }] = await testApp.dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM kpi_pending`,
    );
    expect(pending).toBeGreaterThan(0);
    const restarted = Date.now();
    workers.push(await startWorker());
    // Well under BullMQ's 30-second stalled-job check and the outbox's 120-second claim expiry.
    await waitForKpis(testApp.dataSource, 15_000);
    expect(Date.now() - restarted).toBeLessThan(15_000);
  }, 90_000);
});
