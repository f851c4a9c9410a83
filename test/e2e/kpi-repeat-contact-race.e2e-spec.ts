import { KpiProjector } from '@ledgerdesk/kpi';
import { createAccount } from '../support/billing';
import { minutesAfterNine as t, uniquePrefix } from '../support/history-import';
import { importHistory } from '../support/kpi';
import { TestAgent, TestApp } from '../support/test-app';

/**
 * Two projections running at once, against real PostgreSQL: X's reads its repeat-contact
 * candidates before S becomes one; S's looks for the tickets it affects before X's facts are
 * committed. Each used to miss the other, and X kept an FCR that S revokes (seen as a rebuild
 * differing from the worker's tables on the 1M-event benchmark).
 */
describe('KPI projection: concurrent projections of one account and category', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    [admin, agent] = await Promise.all([testApp.agent('admin'), testApp.agent('agent')]);
  });

  afterAll(() => testApp.close());

  it('still marks the earlier ticket for recomputation, so the repeat contact revokes its FCR', async () => {
    const account = await createAccount(testApp, admin);
    const key = uniquePrefix('race');
    const created = (ticket: string, minutes: number) => ({
      id: `${ticket}-created`,
      type: 'ticket.created',
      ticket,
      at: t(minutes),
      channel: 'email',
      subject: 'Charged twice',
      category: 'duplicate_charge',
      requester: { email: 'payer@customer.example' },
      account: account.number,
    });
    await importHistory(testApp, admin, [
      created(`${key}-x`, 0),
      {
        id: `${key}-x-reply`,
        type: 'message',
        ticket: `${key}-x`,
        at: t(10),
        author: 'agent',
        agent: agent.email,
        visibility: 'public',
        body: 'Refunded.',
      },
      { id: `${key}-x-solved`, type: 'ticket.solved', ticket: `${key}-x`, at: t(11), agent: agent.email },
      // The same customer about the same thing a day later: a repeat contact.
      created(`${key}-s`, 24 * 60),
    ]);
    const ids = await testApp.dataSource.query<{ id: string; external_key: string }[]>(
      `SELECT id, external_key FROM tickets WHERE external_key = ANY($1::text[])`,
      [[`${key}-x`, `${key}-s`]],
    );
    const x = ids.find((row) => row.external_key === `${key}-x`)!.id;
    const s = ids.find((row) => row.external_key === `${key}-s`)!.id;
    await testApp.dataSource.query(`DELETE FROM kpi_pending WHERE ticket_id = ANY($1::uuid[])`, [[x, s]]);
    // S is not linked yet when X's projection reads its candidates (as before its import projection).
    await testApp.dataSource.query(`UPDATE tickets SET customer_account_id = NULL WHERE id = $1`, [s]);

    const projector = testApp.app.get(KpiProjector);
    const projectingX = testApp.dataSource.createQueryRunner();
    const projectingS = testApp.dataSource.createQueryRunner();
    try {
      await projectingX.startTransaction();
      await projector.project(projectingX.manager, [x], { markNeighbours: true });

      await testApp.dataSource.query(`UPDATE tickets SET customer_account_id = $2 WHERE id = $1`, [
        s,
        account.id,
      ]);
      await projectingS.startTransaction();
      const sDone = projector
        .project(projectingS.manager, [s], { markNeighbours: true })
        .then(() => projectingS.commitTransaction());
      await new Promise((resolve) => setTimeout(resolve, 300));
      await projectingX.commitTransaction();
      await sDone;
    } finally {
      await projectingX.release();
      await projectingS.release();
    }

    // S's projection saw X's facts and marked X again; recomputing X revokes its FCR.
    const marked = await testApp.dataSource.query<{ ticket_id: string }[]>(
      `SELECT ticket_id FROM kpi_pending WHERE ticket_id = $1`,
      [x],
    );
    expect(marked).toEqual([{ ticket_id: x }]);
    await testApp.dataSource.transaction((manager) =>
      projector.project(manager, [x], { markNeighbours: true }),
    );
    const [facts] = await testApp.dataSource.query<{ fcr: boolean; fcr_broken_by_ticket_id: string }[]>(
      `SELECT fcr, fcr_broken_by_ticket_id FROM kpi_ticket_facts WHERE ticket_id = $1`,
      [x],
    );
    expect(facts).toEqual({ fcr: false, fcr_broken_by_ticket_id: s });
  });
});
