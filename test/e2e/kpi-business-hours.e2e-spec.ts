import { INestApplicationContext } from '@nestjs/common';
import { RebuildKpisUseCase } from '@ledgerdesk/kpi';
import { MONDAY_TO_FRIDAY, openOn, setBusinessHours } from '../support/business-hours';
import { HistoryLine } from '../support/history-import';
import { importHistory, kpiTables, startWorker, useOwnDatabase, waitForKpis } from '../support/kpi';
import { TestAgent, TestApp } from '../support/test-app';

/**
 * Business-hours FRT and resolution time, and their re-measuring when the desk's schedule
 * changes. Hand-computed on the seeded schedule (Monday–Friday 09:00–17:00 UTC):
 *
 * FRIDAY  created Friday 2019-03-08 16:00 UTC, Ana answers Monday 03-11 10:00 (calendar 237,600 s;
 *         business 16:00–17:00 + 09:00–10:00 = 7,200 s), Ana solves Monday 12:00 (14,400 s).
 * APRIL   created Wednesday 2019-04-10 09:00 UTC, Ana answers 11:00 (7,200 s either way).
 *
 * Then Monday 03-11 becomes a holiday: FRIDAY's first response measures 3,600 s and its resolution
 * 3,600 s too; APRIL, a month away, is not even marked for recomputation.
 * Then the schedule moves to America/New_York (09:00–17:00 local, the holiday kept): FRIDAY was
 * created at 11:00 EST, so 6 hours (21,600 s) to Friday's close, and the Monday is still a holiday;
 * APRIL's 09:00–11:00 UTC is 05:00–07:00 EDT (daylight saving time began on 03-10): 0 s.
 */
describe('KPI engine: business-hours FRT and resolution time', () => {
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let worker: INestApplicationContext | undefined;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let ana: TestAgent;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('kpi_business_hours');
    testApp = await TestApp.start();
    [admin, supervisor, ana] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent'),
    ]);
    worker = await startWorker();
    const created = (ticket: string, id: string, at: string, channel: string): HistoryLine => ({
      id,
      type: 'ticket.created',
      ticket,
      at,
      channel,
      subject: `Invoice question (${ticket})`,
      category: 'invoice_question',
      requester: { email: 'payer@customer.example' },
    });
    const reply = (ticket: string, id: string, at: string): HistoryLine => ({
      id,
      type: 'message',
      ticket,
      at,
      author: 'agent',
      agent: ana.email,
      visibility: 'public',
    });
    await importHistory(testApp, admin, [
      created('FRIDAY', 'bh-1', '2019-03-08T16:00:00Z', 'email'),
      reply('FRIDAY', 'bh-2', '2019-03-11T10:00:00Z'),
      { id: 'bh-3', type: 'ticket.solved', ticket: 'FRIDAY', at: '2019-03-11T12:00:00Z', agent: ana.email },
      created('APRIL', 'bh-4', '2019-04-10T09:00:00Z', 'chat'),
      reply('APRIL', 'bh-5', '2019-04-10T11:00:00Z'),
    ]);
    for (const key of ['FRIDAY', 'APRIL']) {
      const [row] = await testApp.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE external_key = $1`,
        [key],
      );
      ids[key] = row.id;
    }
    await waitForKpis(testApp.dataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
    await restoreDatabase?.();
  });

  const facts = async (key: string) => {
    const response = await testApp
      .http()
      .get(`/api/kpis/tickets/${ids[key]}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    return response.body.facts;
  };
  const anaIn = async (from: string, to: string) => {
    const response = await testApp
      .http()
      .get(`/api/kpis/agents?from=${from}&to=${to}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    return response.body.agents.find((row: { agentId: string }) => row.agentId === ana.id);
  };
  const pendingTickets = async () =>
    (await testApp.dataSource.query<{ ticket_id: string }[]>(`SELECT ticket_id FROM kpi_pending`)).map(
      (row) => row.ticket_id,
    );

  it('measures first response and resolution in the hours the desk was open', async () => {
    expect(await facts('FRIDAY')).toMatchObject({
      firstResponseSeconds: 237_600,
      firstResponseBusinessSeconds: 7200,
      resolutionSeconds: 244_800,
      resolutionBusinessSeconds: 14_400,
    });
    expect(await facts('APRIL')).toMatchObject({
      firstResponseSeconds: 7200,
      firstResponseBusinessSeconds: 7200,
      resolutionBusinessSeconds: null,
    });
    expect(await anaIn('2019-03-01', '2019-04-30')).toMatchObject({
      firstResponses: 2,
      frtMeanSeconds: 122_400,
      frtBusinessMeanSeconds: 7200,
      frtBusinessMedianSeconds: 7200,
      resolutionBusinessMeanSeconds: 14_400,
    });
  });

  it('re-measures the tickets around a new holiday, and only those', async () => {
    await worker?.close();
    worker = undefined;
    await testApp
      .http()
      .put('/api/sla/business-hours/holidays/2019-03-11')
      .set('authorization', supervisor.auth)
      .send({ name: 'Staff day' })
      .expect(200);
    expect(await pendingTickets()).toEqual([ids.FRIDAY]);
    worker = await startWorker();
    await waitForKpis(testApp.dataSource);
    expect(await facts('FRIDAY')).toMatchObject({
      firstResponseBusinessSeconds: 3600,
      resolutionBusinessSeconds: 3600,
    });
    expect(await facts('APRIL')).toMatchObject({ firstResponseBusinessSeconds: 7200 });
    expect(await anaIn('2019-03-11', '2019-03-11')).toMatchObject({
      frtBusinessMeanSeconds: 3600,
      resolutionBusinessP90Seconds: 3600,
    });
  });

  it('re-measures every ticket in the new time zone, daylight saving time included, as a rebuild would', async () => {
    await worker?.close();
    worker = undefined;
    await setBusinessHours(
      testApp,
      supervisor,
      'America/New_York',
      openOn(MONDAY_TO_FRIDAY, '09:00', '17:00'),
    );
    // Marked once, though the change deleted and inserted opening hours and moved the time zone.
    const marks = await testApp.dataSource.query<{ ticket_id: string; version: string }[]>(
      `SELECT ticket_id, version FROM kpi_pending ORDER BY ticket_id`,
    );
    expect(marks).toEqual(
      [ids.FRIDAY, ids.APRIL].sort().map((ticketId) => ({ ticket_id: ticketId, version: '1' })),
    );
    worker = await startWorker();
    await waitForKpis(testApp.dataSource);
    expect(await facts('FRIDAY')).toMatchObject({
      firstResponseBusinessSeconds: 21_600,
      resolutionBusinessSeconds: 21_600,
    });
    expect(await facts('APRIL')).toMatchObject({
      firstResponseSeconds: 7200,
      firstResponseBusinessSeconds: 0,
    });
    const incremental = await kpiTables(testApp.dataSource);
    await testApp.app.get(RebuildKpisUseCase).execute({});
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
  });

  it('lets a supervisor set a target on a business-hours figure and judges it', async () => {
    await testApp
      .http()
      .put('/api/kpis/targets/frtBusinessMedianSeconds')
      .set('authorization', supervisor.auth)
      .send({ value: 3600 })
      .expect(200);
    const response = await testApp
      .http()
      .get('/api/kpis/agents?from=2019-03-01&to=2019-04-30')
      .set('authorization', supervisor.auth)
      .expect(200);
    // Ana's median of 21,600 and 0 s is 10,800 s: above a target of at most an hour.
    expect(response.body.targets[ana.id].frtBusinessMedianSeconds).toEqual({
      target: 3600,
      direction: 'at_most',
      met: false,
    });
  });
});
