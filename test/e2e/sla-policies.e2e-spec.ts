import { TestAgent, TestApp } from '../support/test-app';
import { createTicket, expectApiError, expectFieldError, patchTicket } from '../support/tickets';

/** Only this file changes a policy, and only `low` (sla.e2e-spec relies on the others). */
const LOW = { firstResponseMinutes: 480, resolutionMinutes: 4320 };
const MINUTE = 60_000;
const plus = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * MINUTE).toISOString();

interface SlaTarget {
  dueAt: string;
  completedAt: string | null;
  state: string;
}

describe('SLA policies (/api/sla/policies)', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    [admin, supervisor, agent] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent'),
    ]);
  });

  afterAll(async () => {
    await put('low', LOW, admin);
    await testApp.close();
  });

  const put = (priority: string, body: unknown, as: TestAgent = supervisor) =>
    testApp
      .http()
      .put(`/api/sla/policies/${priority}`)
      .set('Authorization', as.auth)
      .send(body as object);

  const slaOf = async (id: string): Promise<{ firstResponse: SlaTarget; resolution: SlaTarget }> =>
    (await testApp.http().get(`/api/tickets/${id}`).set('Authorization', supervisor.auth).expect(200)).body
      .sla;

  it('lists the seeded targets per priority, most urgent first, to any agent', async () => {
    const response = await testApp
      .http()
      .get('/api/sla/policies')
      .set('Authorization', agent.auth)
      .expect(200);
    expect(response.body.map((policy: { priority: string }) => policy.priority)).toEqual([
      'urgent',
      'high',
      'normal',
      'low',
    ]);
    expect(response.body.slice(0, 3)).toEqual([
      expect.objectContaining({ priority: 'urgent', firstResponseMinutes: 30, resolutionMinutes: 240 }),
      expect.objectContaining({ priority: 'high', firstResponseMinutes: 60, resolutionMinutes: 480 }),
      expect.objectContaining({ priority: 'normal', firstResponseMinutes: 240, resolutionMinutes: 1440 }),
    ]);
    expect(response.body[0]).toMatchObject({ clock: 'calendar', updatedAt: expect.any(String) });
  });

  it('answers 401 without a token', async () => {
    expectApiError(await testApp.http().get('/api/sla/policies'), 401);
    expectApiError(await testApp.http().put('/api/sla/policies/low').send(LOW), 401);
  });

  it('lets only supervisors and admins change a policy (403 for agents)', async () => {
    expectApiError(await put('low', LOW, agent), 403);
    expectApiError(
      await testApp.http().get('/api/sla/policies/changes').set('Authorization', agent.auth),
      403,
    );
  });

  it('refuses bad targets naming the field', async () => {
    expectFieldError(await put('low', { resolutionMinutes: 60 }), 'firstResponseMinutes');
    expectFieldError(
      await put('low', { firstResponseMinutes: '30', resolutionMinutes: 60 }),
      'firstResponseMinutes',
    );
    expectFieldError(
      await put('low', { firstResponseMinutes: 30, resolutionMinutes: 0 }),
      'resolutionMinutes',
    );
    expectFieldError(
      await put('low', { firstResponseMinutes: 1.5, resolutionMinutes: 60 }),
      'firstResponseMinutes',
    );
    expectFieldError(
      await put('low', { firstResponseMinutes: 30, resolutionMinutes: 525_601 }),
      'resolutionMinutes',
    );
    expectFieldError(await put('low', { ...LOW, businessHours: true }), 'businessHours');
    expectFieldError(await put('lowest', LOW), 'priority');

    const inverted = await put('low', { firstResponseMinutes: 120, resolutionMinutes: 60 });
    expectApiError(inverted, 422, 'firstResponseMinutes');
    expect(inverted.body.details).toEqual([{ field: 'firstResponseMinutes', problems: expect.any(Array) }]);
  });

  it('re-times the running targets of unresolved tickets of that priority and records who changed what', async () => {
    const untouched = await createTicket(testApp, supervisor, { priority: 'low' });
    const answered = await createTicket(testApp, supervisor, { priority: 'low' });
    await testApp
      .http()
      .post(`/api/tickets/${answered.id}/messages`)
      .set('Authorization', supervisor.auth)
      .send({ kind: 'reply', body: 'On it' })
      .expect(201);
    const solved = await createTicket(testApp, supervisor, { priority: 'low' });
    await patchTicket(testApp, supervisor, solved.id, { status: 'solved' }).expect(200);

    const response = await put('low', { firstResponseMinutes: 20, resolutionMinutes: 25 }).expect(200);
    expect(response.body).toMatchObject({
      priority: 'low',
      firstResponseMinutes: 20,
      resolutionMinutes: 25,
      updatedBy: { id: supervisor.id },
      retimedTickets: expect.any(Number),
    });
    expect(response.body.retimedTickets).toBeGreaterThanOrEqual(2);

    expect(await slaOf(untouched.id)).toMatchObject({
      firstResponse: { dueAt: plus(untouched.createdAt, 20), state: 'due_soon' },
      resolution: { dueAt: plus(untouched.createdAt, 25), state: 'due_soon' },
    });
    expect(await slaOf(answered.id)).toMatchObject({
      firstResponse: { dueAt: plus(answered.createdAt, LOW.firstResponseMinutes), state: 'met' },
      resolution: { dueAt: plus(answered.createdAt, 25) },
    });
    expect(await slaOf(solved.id)).toMatchObject({
      firstResponse: { dueAt: plus(solved.createdAt, LOW.firstResponseMinutes), state: 'met' },
      resolution: { dueAt: plus(solved.createdAt, LOW.resolutionMinutes), state: 'met' },
    });
    // A ticket opened after the change gets the new targets.
    const later = await createTicket(testApp, supervisor, { priority: 'low' });
    expect((await slaOf(later.id)).resolution.dueAt).toBe(plus(later.createdAt, 25));

    const policies = await testApp
      .http()
      .get('/api/sla/policies')
      .set('Authorization', agent.auth)
      .expect(200);
    expect(policies.body.find((policy: { priority: string }) => policy.priority === 'low')).toMatchObject({
      firstResponseMinutes: 20,
      resolutionMinutes: 25,
      updatedBy: { id: supervisor.id, name: expect.any(String) },
    });

    const changes = await testApp
      .http()
      .get('/api/sla/policies/changes')
      .set('Authorization', supervisor.auth)
      .expect(200);
    expect(changes.body[0]).toEqual({
      id: expect.any(String),
      priority: 'low',
      firstResponseMinutes: 20,
      resolutionMinutes: 25,
      previousFirstResponseMinutes: LOW.firstResponseMinutes,
      previousResolutionMinutes: LOW.resolutionMinutes,
      clock: 'calendar',
      previousClock: 'calendar',
      retimedTickets: response.body.retimedTickets,
      changedBy: { id: supervisor.id, name: expect.any(String) },
      changedAt: expect.any(String),
    });
  });

  it('records nothing when the targets do not change', async () => {
    const current = { firstResponseMinutes: 20, resolutionMinutes: 25 };
    await put('low', current).expect(200);
    const before = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM sla_policy_changes`);
    const again = await put('low', current, admin).expect(200);
    expect(again.body).toMatchObject({ retimedTickets: 0, updatedBy: { id: supervisor.id } });
    expect(await testApp.dataSource.query(`SELECT count(*)::int AS n FROM sla_policy_changes`)).toEqual(
      before,
    );
  });
});
