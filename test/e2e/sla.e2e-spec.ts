import { AuthenticatedAgent } from '@ledgerdesk/agents';
import { SlaBreachQuery } from '@ledgerdesk/tickets';
import { HistoryLine, ndjson, uniquePrefix } from '../support/history-import';
import { startWorker, waitForKpis } from '../support/kpi';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, expectFieldError, patchTicket, TicketBody } from '../support/tickets';

/** The seeded policies of the priorities these tests use; `low` belongs to sla-policies.e2e-spec. */
const URGENT = { firstResponse: 30, resolution: 240 };
const HIGH = { firstResponse: 60, resolution: 480 };
const NORMAL = { firstResponse: 240, resolution: 1440 };

const MINUTE = 60_000;
const NDJSON = 'application/x-ndjson';

interface SlaTarget {
  dueAt: string;
  completedAt: string | null;
  pausedSince: string | null;
  state: string;
}
type SlaTicket = TicketBody & {
  status: string;
  solvedAt: string | null;
  sla: { firstResponse: SlaTarget; resolution: SlaTarget };
};

/** What SlaBreachQuery receives from the live dashboard: the authenticated caller. */
const principal = (agent: TestAgent): AuthenticatedAgent => ({
  id: agent.id,
  email: agent.email,
  name: agent.email,
  role: agent.role,
  teamIds: agent.teamIds,
});

const plus = (iso: string, minutes: number): string =>
  new Date(Date.parse(iso) + minutes * MINUTE).toISOString();
const ago = (minutes: number): string => new Date(Date.now() - minutes * MINUTE).toISOString();

describe('SLA state of tickets', () => {
  let testApp: TestApp;
  let admin: TestAgent;
  let supervisor: TestAgent;
  /** In team A only. */
  let agent: TestAgent;
  /** In team B only. */
  let other: TestAgent;

  beforeAll(async () => {
    testApp = await TestApp.start();
    [admin, supervisor, agent, other] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent', [uniqueTeam('sla-a')]),
      testApp.agent('agent', [uniqueTeam('sla-b')]),
    ]);
  });

  afterAll(() => testApp.close());

  const view = async (id: string, as: TestAgent = supervisor): Promise<SlaTicket> =>
    (await testApp.http().get(`/api/tickets/${id}`).set('Authorization', as.auth).expect(200)).body;

  const reply = (id: string, kind: 'reply' | 'note' = 'reply') =>
    testApp
      .http()
      .post(`/api/tickets/${id}/messages`)
      .set('Authorization', supervisor.auth)
      .send({ kind, body: 'Looking into it.' })
      .expect(201);

  const importLines = async (lines: HistoryLine[]): Promise<void> => {
    const response = await testApp
      .http()
      .post('/api/import')
      .set('Authorization', admin.auth)
      .set('Content-Type', NDJSON)
      .send(ndjson(lines));
    expect(response.body).toMatchObject({ rejected: 0 });
  };

  const idOfKey = async (key: string): Promise<string> => {
    const rows = await testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets WHERE external_key = $1`,
      [key],
    );
    return rows[0].id;
  };

  /** An imported ticket created `minutesAgo` minutes ago, plus its further history. */
  const importTicket = async (
    minutesAgo: number,
    priority: string,
    more: (key: string, createdAt: string) => HistoryLine[] = () => [],
  ): Promise<{ id: string; createdAt: string }> => {
    const key = uniquePrefix('sla');
    const createdAt = ago(minutesAgo);
    await importLines([
      {
        id: `${key}-created`,
        type: 'ticket.created',
        ticket: key,
        at: createdAt,
        channel: 'email',
        subject: `Imported ${key}`,
        priority,
      },
      ...more(key, createdAt),
    ]);
    return { id: await idOfKey(key), createdAt };
  };

  /** The history of a ticket a supervisor answered publicly 10 minutes after its creation. */
  const answeredAfterTenMinutes = (key: string, createdAt: string): HistoryLine[] => [
    {
      id: `${key}-r`,
      type: 'message',
      ticket: key,
      at: plus(createdAt, 10),
      author: 'agent',
      agent: supervisor.email,
      visibility: 'public',
      body: 'Could you send us the invoice number?',
    },
  ];

  describe('a live ticket', () => {
    it('is due from its creation by the targets of its priority; a new urgent ticket is due soon', async () => {
      const ticket = (await createTicket(testApp, supervisor, { priority: 'urgent' })) as SlaTicket;
      expect(ticket.sla).toEqual({
        firstResponse: {
          dueAt: plus(ticket.createdAt, URGENT.firstResponse),
          completedAt: null,
          pausedSince: null,
          state: 'due_soon',
        },
        resolution: {
          dueAt: plus(ticket.createdAt, URGENT.resolution),
          completedAt: null,
          pausedSince: null,
          state: 'pending',
        },
      });
    });

    it('meets the first response with the first public reply, not with an internal note', async () => {
      const ticket = await createTicket(testApp, supervisor, { priority: 'urgent' });
      await reply(ticket.id, 'note');
      expect((await view(ticket.id)).sla.firstResponse).toMatchObject({
        completedAt: null,
        state: 'due_soon',
      });

      await reply(ticket.id);
      const { sla } = await view(ticket.id);
      expect(sla.firstResponse).toMatchObject({ state: 'met', completedAt: expect.any(String) });
      expect(Date.parse(sla.firstResponse.completedAt!)).toBeGreaterThanOrEqual(Date.parse(ticket.createdAt));
      expect(sla.resolution.state).toBe('pending');
    });

    it('meets the first response with a call', async () => {
      const ticket = await createTicket(testApp, supervisor, { priority: 'high', channel: 'phone' });
      const startedAt = new Date(Date.now() - 2 * MINUTE).toISOString();
      await testApp
        .http()
        .post(`/api/tickets/${ticket.id}/calls`)
        .set('Authorization', supervisor.auth)
        .send({ direction: 'inbound', startedAt, endedAt: new Date().toISOString() })
        .expect(201);
      expect((await view(ticket.id)).sla.firstResponse).toEqual({
        dueAt: plus(ticket.createdAt, HIGH.firstResponse),
        completedAt: startedAt,
        pausedSince: null,
        state: 'met',
      });
    });

    it('re-times running targets from the creation when the priority changes; an achieved one keeps its due time', async () => {
      const ticket = await createTicket(testApp, supervisor, { priority: 'normal' });
      expect(ticket.priority).toBe('normal');
      expect((ticket as SlaTicket).sla.firstResponse.dueAt).toBe(
        plus(ticket.createdAt, NORMAL.firstResponse),
      );

      const urgent: SlaTicket = (
        await patchTicket(testApp, supervisor, ticket.id, { priority: 'urgent' }).expect(200)
      ).body;
      expect(urgent.sla.firstResponse).toMatchObject({
        dueAt: plus(ticket.createdAt, URGENT.firstResponse),
        state: 'due_soon',
      });
      expect(urgent.sla.resolution.dueAt).toBe(plus(ticket.createdAt, URGENT.resolution));

      await reply(ticket.id);
      const high: SlaTicket = (
        await patchTicket(testApp, supervisor, ticket.id, { priority: 'high' }).expect(200)
      ).body;
      expect(high.sla.firstResponse).toMatchObject({
        dueAt: plus(ticket.createdAt, URGENT.firstResponse),
        state: 'met',
      });
      expect(high.sla.resolution).toMatchObject({
        dueAt: plus(ticket.createdAt, HIGH.resolution),
        state: 'pending',
      });
    });

    it('meets the resolution when solved in time and stops the first response at the solve', async () => {
      const ticket = await createTicket(testApp, supervisor, { priority: 'high' });
      const solved: SlaTicket = (
        await patchTicket(testApp, supervisor, ticket.id, { status: 'solved' }).expect(200)
      ).body;
      expect(solved.sla.resolution).toMatchObject({ state: 'met', completedAt: solved.solvedAt });
      expect(solved.sla.firstResponse).toMatchObject({ state: 'met', completedAt: solved.solvedAt });
    });
  });

  describe('an imported (back-dated) ticket', () => {
    it('is due soon, then breached, at the right times', async () => {
      const twentyAgo = await importTicket(20, 'urgent');
      const fortyAgo = await importTicket(40, 'urgent');
      const fiveHoursAgo = await importTicket(5 * 60, 'urgent');

      expect((await view(twentyAgo.id)).sla).toMatchObject({
        firstResponse: { dueAt: plus(twentyAgo.createdAt, 30), state: 'due_soon' },
        resolution: { dueAt: plus(twentyAgo.createdAt, 240), state: 'pending' },
      });
      expect((await view(fortyAgo.id)).sla).toMatchObject({
        firstResponse: { dueAt: plus(fortyAgo.createdAt, 30), completedAt: null, state: 'breached' },
        resolution: { state: 'pending' },
      });
      expect((await view(fiveHoursAgo.id)).sla).toMatchObject({
        firstResponse: { state: 'breached' },
        resolution: { dueAt: plus(fiveHoursAgo.createdAt, 240), completedAt: null, state: 'breached' },
      });
    });

    it('takes the first agent contact from its history; a late one is a breached target', async () => {
      const inTime = await importTicket(60, 'urgent', (key, createdAt) => [
        {
          id: `${key}-c`,
          type: 'message',
          ticket: key,
          at: plus(createdAt, 1),
          author: 'customer',
          visibility: 'public',
          body: 'Hello?',
        },
        {
          id: `${key}-n`,
          type: 'message',
          ticket: key,
          at: plus(createdAt, 5),
          author: 'agent',
          agent: supervisor.email,
          visibility: 'internal',
          body: 'note',
        },
        {
          id: `${key}-r`,
          type: 'message',
          ticket: key,
          at: plus(createdAt, 20),
          author: 'agent',
          agent: supervisor.email,
          visibility: 'public',
          body: 'On it',
        },
      ]);
      expect((await view(inTime.id)).sla.firstResponse).toEqual({
        dueAt: plus(inTime.createdAt, 30),
        completedAt: plus(inTime.createdAt, 20),
        pausedSince: null,
        state: 'met',
      });

      const late = await importTicket(60, 'urgent', (key, createdAt) => [
        {
          id: `${key}-r`,
          type: 'message',
          ticket: key,
          at: plus(createdAt, 45),
          author: 'agent',
          agent: supervisor.email,
          visibility: 'public',
          body: 'Sorry',
        },
      ]);
      expect((await view(late.id)).sla.firstResponse).toMatchObject({
        completedAt: plus(late.createdAt, 45),
        state: 'breached',
      });
    });

    it('runs the resolution again after a reopen, still due from the original creation', async () => {
      const ticket = await importTicket(5 * 60, 'urgent', (key, createdAt) => [
        ...answeredAfterTenMinutes(key, createdAt),
        {
          id: `${key}-s`,
          type: 'ticket.solved',
          ticket: key,
          at: plus(createdAt, 30),
          agent: supervisor.email,
        },
      ]);
      expect((await view(ticket.id)).sla.resolution).toMatchObject({
        completedAt: plus(ticket.createdAt, 30),
        state: 'met',
      });

      await patchTicket(testApp, supervisor, ticket.id, { status: 'open' }).expect(200);
      expect((await view(ticket.id)).sla).toMatchObject({
        firstResponse: { state: 'met' },
        resolution: { dueAt: plus(ticket.createdAt, 240), completedAt: null, state: 'breached' },
      });
    });
  });

  describe('paused while pending (waiting for the customer)', () => {
    const setStatus = (id: string, status: string) =>
      patchTicket(testApp, supervisor, id, { status }).expect(200);
    /** A test cannot wait hours: it moves the running pause's start back instead. */
    const pauseBegan = (id: string, minutesAgo: number) =>
      testApp.dataSource.query(
        `UPDATE tickets SET resolution_paused_since = now() - make_interval(mins => $2)
          WHERE id = $1 AND resolution_paused_since IS NOT NULL`,
        [id, minutesAgo],
      );
    /** Seconds the resolution due time lies after creation + the policy's target. */
    const shiftOf = (target: SlaTarget, createdAt: string, minutes: number): number =>
      (Date.parse(target.dueAt) - Date.parse(plus(createdAt, minutes))) / 1000;
    const breachedIds = async (): Promise<string[]> =>
      (
        await testApp
          .http()
          .get('/api/tickets?sla=breached&pageSize=100')
          .set('Authorization', supervisor.auth)
      ).body.items.map((item: { id: string }) => item.id);

    it('stops the resolution clock while pending and moves its due time on by each pause', async () => {
      const ticket = await importTicket(5 * 60, 'normal', answeredAfterTenMinutes);
      await setStatus(ticket.id, 'pending');
      const paused = (await view(ticket.id)).sla;
      expect(paused.firstResponse).toMatchObject({ state: 'met', pausedSince: null });
      expect(paused.resolution).toMatchObject({
        dueAt: plus(ticket.createdAt, NORMAL.resolution),
        completedAt: null,
        state: 'paused',
      });
      expect(Date.now() - Date.parse(paused.resolution.pausedSince ?? '')).toBeLessThan(60_000);

      await pauseBegan(ticket.id, 120);
      await setStatus(ticket.id, 'open');
      const resumed = (await view(ticket.id)).sla.resolution;
      expect(resumed).toMatchObject({ completedAt: null, pausedSince: null, state: 'pending' });
      expect(shiftOf(resumed, ticket.createdAt, NORMAL.resolution)).toBeGreaterThanOrEqual(120 * 60);
      expect(shiftOf(resumed, ticket.createdAt, NORMAL.resolution)).toBeLessThan(120 * 60 + 10);

      // Pauses add up; on_hold (waiting for a third party) does not pause.
      await setStatus(ticket.id, 'pending');
      await pauseBegan(ticket.id, 30);
      await setStatus(ticket.id, 'on_hold');
      const held = (await view(ticket.id)).sla.resolution;
      expect(held.state).toBe('pending');
      expect(shiftOf(held, ticket.createdAt, NORMAL.resolution)).toBeGreaterThanOrEqual(150 * 60);
      expect(shiftOf(held, ticket.createdAt, NORMAL.resolution)).toBeLessThan(150 * 60 + 10);

      // A reopen and a priority change re-time from the creation, keeping the pauses.
      await setStatus(ticket.id, 'solved');
      await setStatus(ticket.id, 'open');
      await patchTicket(testApp, supervisor, ticket.id, { priority: 'high' }).expect(200);
      const retimed = (await view(ticket.id)).sla.resolution;
      expect(shiftOf(retimed, ticket.createdAt, HIGH.resolution)).toBeGreaterThanOrEqual(150 * 60);
      expect(shiftOf(retimed, ticket.createdAt, HIGH.resolution)).toBeLessThan(150 * 60 + 10);
    });

    it('leaves a pending ticket out of the breached filter; it is back once it is open again', async () => {
      const ticket = await importTicket(5 * 60, 'urgent', answeredAfterTenMinutes);
      expect(await breachedIds()).toContain(ticket.id);
      await setStatus(ticket.id, 'pending');
      expect(await breachedIds()).not.toContain(ticket.id);

      await setStatus(ticket.id, 'open');
      expect(await breachedIds()).toContain(ticket.id);
    });

    it('measures a solve straight from pending against the moved due time, in the SLA KPI too', async () => {
      // Urgent: resolution within 240 min. Created 5 h ago, pending for the last 3 h: 2 h ran.
      const ticket = await importTicket(5 * 60, 'urgent', answeredAfterTenMinutes);
      await setStatus(ticket.id, 'pending');
      await pauseBegan(ticket.id, 180);
      await setStatus(ticket.id, 'solved');
      const { sla, solvedAt } = await view(ticket.id);
      expect(sla.resolution).toMatchObject({ completedAt: solvedAt, pausedSince: null, state: 'met' });
      expect(shiftOf(sla.resolution, ticket.createdAt, URGENT.resolution)).toBeGreaterThanOrEqual(180 * 60);

      const worker = await startWorker();
      try {
        await waitForKpis(testApp.dataSource);
      } finally {
        await worker.close();
      }
      const explained = (
        await testApp
          .http()
          .get(`/api/kpis/tickets/${ticket.id}`)
          .set('Authorization', supervisor.auth)
          .expect(200)
      ).body as { contributions: { kind: string; amount: number }[] };
      expect(explained.contributions.filter((c) => c.kind === 'sla_resolution')).toEqual([
        expect.objectContaining({ kind: 'sla_resolution', amount: 1 }),
      ]);
    });
  });

  describe('GET /api/tickets filter sla and sort slaDue', () => {
    let team: string;
    let breached: { id: string };
    let dueSoon: { id: string };
    let pending: { id: string };
    let solved: { id: string };
    let late: { id: string };

    const list = async (
      query: string,
      as: TestAgent = agent,
    ): Promise<{ items: SlaTicket[]; total: number }> =>
      (await testApp.http().get(`/api/tickets?${query}`).set('Authorization', as.auth).expect(200)).body;
    const ids = (page: { items: { id: string }[] }): string[] => page.items.map((item) => item.id);

    beforeAll(async () => {
      team = agent.teamIds[0];
      const assignToAgent = (key: string, createdAt: string): HistoryLine[] => [
        { id: `${key}-a`, type: 'ticket.assigned', ticket: key, at: plus(createdAt, 1), agent: agent.email },
      ];
      // Imported tickets carry no team; assigning them to the agent makes them visible to it.
      breached = await importTicket(45, 'urgent', assignToAgent);
      late = await importTicket(5 * 60, 'high', (key, createdAt) => [
        ...assignToAgent(key, createdAt),
        {
          id: `${key}-r`,
          type: 'message',
          ticket: key,
          at: plus(createdAt, 2),
          author: 'agent',
          agent: agent.email,
          visibility: 'public',
          body: 'Hi',
        },
      ]);
      dueSoon = await createTicket(testApp, supervisor, { priority: 'urgent', teamId: team });
      pending = await createTicket(testApp, supervisor, { priority: 'normal', teamId: team });
      solved = await createTicket(testApp, supervisor, { priority: 'urgent', teamId: team });
      await patchTicket(testApp, supervisor, solved.id, { status: 'solved' }).expect(200);
      // Seen by the supervisor only: another team's urgent ticket.
      await createTicket(testApp, supervisor, { priority: 'urgent', teamId: other.teamIds[0] });
    });

    it('filters breached, due_soon and at_risk on the running target', async () => {
      expect(ids(await list('sla=breached'))).toEqual([breached.id]);
      expect(ids(await list('sla=due_soon'))).toEqual([dueSoon.id]);
      expect(new Set(ids(await list('sla=at_risk')))).toEqual(new Set([breached.id, dueSoon.id]));
      // Its late first response is history; its resolution (due in 3 h) is what runs now.
      expect((await list('sla=at_risk')).items.map((item) => item.id)).not.toContain(late.id);
      expect((await list('sla=at_risk&priority=normal')).total).toBe(0);
    });

    it('sorts by the running target, soonest first, tickets without one last', async () => {
      const page = await list('sort=slaDue');
      expect(ids(page)).toEqual([breached.id, dueSoon.id, late.id, pending.id, solved.id]);
      expect(ids(await list('sort=sla_due'))).toEqual(ids(page));
      expect(ids(await list('sort=-slaDue'))).toEqual([
        pending.id,
        late.id,
        dueSoon.id,
        breached.id,
        solved.id,
      ]);
      const first = page.items[0];
      expect(first.sla.firstResponse.state).toBe('breached');
    });

    it('refuses an unknown sla filter, naming it', async () => {
      const response = await testApp.http().get('/api/tickets?sla=late').set('Authorization', agent.auth);
      expectFieldError(response, 'sla');
    });

    it('SlaBreachQuery.atRisk lists what the agent may see, with the running target', async () => {
      const query = testApp.app.get(SlaBreachQuery);
      const agentView = await query.atRisk({ visibleTo: principal(agent) });
      expect(agentView.breached).toEqual([
        expect.objectContaining({
          ticketId: breached.id,
          priority: 'urgent',
          assigneeId: agent.id,
          teamId: null,
          target: 'first_response',
          number: expect.stringMatching(/^[A-Z]+-\d+$/),
        }),
      ]);
      expect(agentView.dueSoon).toEqual([
        expect.objectContaining({ ticketId: dueSoon.id, teamId: team, target: 'first_response' }),
      ]);
      const otherView = await query.atRisk({ visibleTo: principal(other) });
      expect(otherView.breached).toEqual([]);
      expect(otherView.dueSoon).toHaveLength(1);

      const everything = await query.atRisk({ limit: 1000 });
      const everyId = [...everything.breached, ...everything.dueSoon].map((ref) => ref.ticketId);
      expect(everyId).toEqual(
        expect.arrayContaining([breached.id, dueSoon.id, otherView.dueSoon[0].ticketId]),
      );
      const capped = await query.atRisk({ limit: 1 });
      expect(capped.breached.length).toBeLessThanOrEqual(1);
      // The lists stop at the limit; the counts do not (a dashboard tile shows the counts).
      expect(capped.breachedCount).toBeGreaterThanOrEqual(everything.breached.length);
      expect(capped.dueSoonCount).toBeGreaterThanOrEqual(everything.dueSoon.length);
      expect(capped.breachedCount + capped.dueSoonCount).toBeGreaterThan(1);
      expect(everything.breached.every((ref) => new Date(ref.dueAt).getTime() <= Date.now())).toBe(true);
    });

    it('countAtRisk equals the total of the at_risk listing for that agent', async () => {
      const query = testApp.app.get(SlaBreachQuery);
      expect(await query.countAtRisk(principal(agent))).toBe(2);
      expect(await query.countAtRisk(principal(other))).toBe(1);
      const supervisorCount = await query.countAtRisk(principal(supervisor));
      expect(supervisorCount).toBeGreaterThanOrEqual(3);
    });
  });
});
