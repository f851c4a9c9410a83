import { INestApplicationContext } from '@nestjs/common';
import { HistoryLine, uniquePrefix } from '../support/history-import';
import { importHistory, startWorker, waitForKpis } from '../support/kpi';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { expectApiError, expectFieldError } from '../support/tickets';

/** Only this file changes KPI targets; it puts the seeded desk-wide fcrRate back at the end. */
const SEEDED_FCR_RATE = 0.7;

describe('KPI targets (/api/kpis/targets)', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let admin: TestAgent;
  let supervisor: TestAgent;
  /** In teams A and B. */
  let ana: TestAgent;
  /** In no team. */
  let bo: TestAgent;
  let teamA: string;
  let teamB: string;
  const period = '?from=2017-05-01&to=2017-05-31';

  beforeAll(async () => {
    testApp = await TestApp.start();
    worker = await startWorker();
    [admin, supervisor, ana, bo] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent', [uniqueTeam('targets-a'), uniqueTeam('targets-b')]),
      testApp.agent('agent'),
    ]);
    [teamA, teamB] = ana.teamIds;

    // Ana: one ticket answered after 30 min and solved with that one contact (FCR rate 1).
    // Bo: one ticket answered twice after 2 h, then solved (FCR rate 0, FRT 7200 s).
    const key = uniquePrefix('targets');
    const at = (time: string): string => `2017-05-02T${time}:00Z`;
    const reply = (id: string, ticket: string, time: string, agent: TestAgent): HistoryLine => ({
      id,
      type: 'message',
      ticket,
      at: at(time),
      author: 'agent',
      agent: agent.email,
      visibility: 'public',
      body: 'Done',
    });
    await importHistory(testApp, admin, [
      {
        id: `${key}-1`,
        type: 'ticket.created',
        ticket: `${key}-a`,
        at: at('09:00'),
        channel: 'email',
        subject: 'A',
      },
      reply(`${key}-2`, `${key}-a`, '09:30', ana),
      { id: `${key}-3`, type: 'ticket.solved', ticket: `${key}-a`, at: at('09:40'), agent: ana.email },
      {
        id: `${key}-4`,
        type: 'ticket.created',
        ticket: `${key}-b`,
        at: at('09:00'),
        channel: 'chat',
        subject: 'B',
      },
      reply(`${key}-5`, `${key}-b`, '11:00', bo),
      reply(`${key}-6`, `${key}-b`, '11:10', bo),
      { id: `${key}-7`, type: 'ticket.solved', ticket: `${key}-b`, at: at('11:20'), agent: bo.email },
    ]);
    await waitForKpis(testApp.dataSource);
  });

  afterAll(async () => {
    await put('fcrRate', { value: SEEDED_FCR_RATE }, admin);
    await worker?.close();
    await testApp.close();
  });

  const put = (kpi: string, body: unknown, as: TestAgent = supervisor) =>
    testApp
      .http()
      .put(`/api/kpis/targets/${kpi}`)
      .set('Authorization', as.auth)
      .send(body as object);

  const list = async (as: TestAgent = ana) =>
    (await testApp.http().get('/api/kpis/targets').set('Authorization', as.auth).expect(200)).body;

  const scorecard = async (as: TestAgent = supervisor) =>
    (await testApp.http().get(`/api/kpis/agents${period}`).set('Authorization', as.auth).expect(200)).body;

  it('lists the KPIs a target can be set for and the seeded desk-wide targets, to any agent', async () => {
    const body = await list();
    expect(body.definitions).toEqual(
      expect.arrayContaining([
        { kpi: 'fcrRate', direction: 'at_least', min: 0, max: 1 },
        { kpi: 'csatScore', direction: 'at_least', min: 0, max: 100 },
        { kpi: 'frtMedianSeconds', direction: 'at_most', min: 1, max: 30 * 86400 },
        { kpi: 'reopenRate', direction: 'at_most', min: 0, max: 1 },
      ]),
    );
    const desk = Object.fromEntries(
      body.targets
        .filter((target: { teamId: string | null }) => target.teamId === null)
        .map((target: { kpi: string; value: number }) => [target.kpi, target.value]),
    );
    expect(desk).toMatchObject({
      frtMedianSeconds: 3600,
      ahtSeconds: 600,
      csatScore: 85,
      resolutionMedianSeconds: 86400,
      reopenRate: 0.05,
    });
  });

  it('answers 401 without a token and 403 to agents changing targets', async () => {
    expectApiError(await testApp.http().get('/api/kpis/targets'), 401);
    expectApiError(await put('fcrRate', { value: 0.8 }, ana), 403);
    expectApiError(
      await testApp.http().delete('/api/kpis/targets/fcrRate').set('Authorization', ana.auth),
      403,
    );
  });

  it('refuses unknown KPIs, values outside the KPI’s range, and unknown teams, naming the field', async () => {
    expectFieldError(await put('fcr_rate', { value: 0.8 }), 'kpi');
    expectFieldError(await put('fcrRate', { value: '0.8' }), 'value');
    expectFieldError(await put('fcrRate', {}), 'value');
    expectFieldError(await put('fcrRate', { value: 0.8, teamId: 'team-a' }), 'teamId');
    expectFieldError(await put('fcrRate', { value: 0.8, direction: 'at_most' }), 'direction');
    for (const [kpi, value] of [
      ['fcrRate', 1.5],
      ['csatScore', 101],
      ['ahtSeconds', 0],
      ['reopenRate', -0.1],
    ] as const) {
      const response = await put(kpi, { value });
      expectApiError(response, 422, kpi);
      expect(response.body.details).toEqual([{ field: 'value', problems: expect.any(Array) }]);
    }
    const unknownTeam = await put('fcrRate', { value: 0.8, teamId: '00000000-0000-4000-8000-000000000000' });
    expectApiError(unknownTeam, 422, 'teamId');
  });

  it('takes targets of KPIs in seconds in whole seconds only (400 naming the field); rates stay fractional', async () => {
    for (const kpi of ['ahtSeconds', 'frtMedianSeconds', 'resolutionP90Seconds'] as const) {
      const response = await put(kpi, { value: 12.5 });
      expectFieldError(response, 'value');
      expect(response.body.message).toMatch(/whole number of seconds/);
    }
    const [{ n }] = await testApp.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM kpi_targets WHERE value <> round(value)
          AND kpi IN ('ahtSeconds', 'frtMedianSeconds', 'resolutionP90Seconds')`,
    );
    expect(n).toBe(0);
    const team = await testApp
      .http()
      .post('/api/teams')
      .set('Authorization', admin.auth)
      .send({ name: uniqueTeam() });
    expect((await put('ahtSeconds', { value: 450, teamId: team.body.id })).status).toBe(200);
    expect((await put('reopenRate', { value: 0.125, teamId: team.body.id })).body.value).toBe(0.125);
  });

  it('sets desk-wide targets and team overrides, recording who changed what', async () => {
    const desk = await put('fcrRate', { value: 0.75 }).expect(200);
    expect(desk.body).toEqual({
      kpi: 'fcrRate',
      direction: 'at_least',
      teamId: null,
      value: 0.75,
      updatedAt: expect.any(String),
      updatedBy: { id: supervisor.id, name: expect.any(String) },
    });
    await put('fcrRate', { value: 0.9, teamId: teamA }).expect(200);
    await put('fcrRate', { value: 0.8, teamId: teamB }, admin).expect(200);

    const fcrTargets = (await list()).targets.filter((target: { kpi: string }) => target.kpi === 'fcrRate');
    expect(fcrTargets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ teamId: null, value: 0.75 }),
        expect.objectContaining({
          teamId: teamA,
          value: 0.9,
          updatedBy: expect.objectContaining({ id: supervisor.id }),
        }),
        expect.objectContaining({
          teamId: teamB,
          value: 0.8,
          updatedBy: expect.objectContaining({ id: admin.id }),
        }),
      ]),
    );
    const changes = await testApp.dataSource.query(
      `SELECT kpi, team_id, value, previous_value, changed_by FROM kpi_target_changes
        WHERE kpi = 'fcrRate' AND team_id = $1`,
      [teamA],
    );
    expect(changes).toEqual([
      { kpi: 'fcrRate', team_id: teamA, value: 0.9, previous_value: null, changed_by: supervisor.id },
    ]);
  });

  it('adds each agent’s effective targets to the scorecard, without changing the agent rows', async () => {
    const body = await scorecard();
    expect(Object.keys(body)).toEqual(['from', 'to', 'timezone', 'agents', 'targets']);
    const anaRow = body.agents.find((row: { agentId: string }) => row.agentId === ana.id);
    expect(anaRow).toMatchObject({ fcrRate: 1, frtMedianSeconds: 1800, resolved: 1, reopens: 0 });
    expect(anaRow).not.toHaveProperty('targets');

    // Ana's teams override fcrRate (0.9 and 0.8: the strictest applies); the rest is desk-wide.
    expect(body.targets[ana.id]).toMatchObject({
      fcrRate: { target: 0.9, direction: 'at_least', met: true },
      frtMedianSeconds: { target: 3600, direction: 'at_most', met: true },
      reopenRate: { target: 0.05, direction: 'at_most', met: true },
      csatScore: { target: 85, direction: 'at_least', met: null },
    });
    expect(body.targets[bo.id]).toMatchObject({
      fcrRate: { target: 0.75, met: false },
      frtMedianSeconds: { target: 3600, met: false },
    });
    expect(body.targets[ana.id]).not.toHaveProperty('billingAccuracy');

    const own = await scorecard(bo);
    expect(Object.keys(own.targets)).toEqual([bo.id]);
  });

  it('removes a team override, after which the desk-wide target applies; 404 when there is none', async () => {
    const remove = (teamId: string) =>
      testApp
        .http()
        .delete(`/api/kpis/targets/fcrRate?teamId=${teamId}`)
        .set('Authorization', supervisor.auth);
    await remove(teamA).expect(204);
    await remove(teamB).expect(204);
    expectApiError(await remove(teamA), 404);
    expect((await scorecard()).targets[ana.id].fcrRate).toEqual({
      target: 0.75,
      direction: 'at_least',
      met: true,
    });
    const [{ value }] = await testApp.dataSource.query(
      `SELECT value FROM kpi_target_changes WHERE kpi = 'fcrRate' AND team_id = $1 ORDER BY id DESC LIMIT 1`,
      [teamA],
    );
    expect(value).toBeNull();
  });
});
