import { INestApplicationContext } from '@nestjs/common';
import { KpiOutbox, RebuildKpisUseCase } from '@ledgerdesk/kpi';
import { EVERY_DAY, MONDAY_TO_FRIDAY, openOn, setBusinessHours } from '../support/business-hours';
import { HistoryLine } from '../support/history-import';
import { importHistory, kpiTables, startWorker, useOwnDatabase, waitForKpis } from '../support/kpi';
import { createAccount } from '../support/billing';
import { seededRandom } from '../support/seeded-random';
import { TestAgent, TestApp } from '../support/test-app';

interface GeneratedTicket {
  key: string;
  category: string;
  account: number | null;
  lines: HistoryLine[];
}

const SEED = Number(process.env.KPI_PROPERTY_SEED ?? 20261125);
const START = Date.UTC(2018, 4, 1, 8, 0);
const iso = (ms: number): string => new Date(ms).toISOString();

function generate(rand: () => number, agents: TestAgent[], tickets: number): GeneratedTicket[] {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];
  let clock = START;
  const result: GeneratedTicket[] = [];
  for (let t = 0; t < tickets; t += 1) {
    const key = `prop-${t}`;
    let n = 0;
    const id = () => `${key}-${(n += 1)}`;
    // Strictly increasing instants across the whole stream: no ties to break.
    const next = (maxMinutes: number) => (clock += 60_000 + Math.floor(rand() * maxMinutes) * 60_000);
    clock = START + Math.floor(rand() * 20) * 86_400_000 + t * 1000;
    const category = pick(['incorrect_charge', 'refund_request']);
    const lines: HistoryLine[] = [
      {
        id: id(),
        type: 'ticket.created',
        ticket: key,
        at: iso(clock),
        channel: pick(['email', 'chat', 'phone', 'web']),
        subject: key,
        category,
        requester: { email: `${key}@customer.example` },
      },
    ];
    if (lines[0].channel === 'phone' && rand() < 0.5) {
      // The call that led to the ticket, logged with its real start before the ticket's creation.
      const started = clock - (5 + Math.floor(rand() * 20)) * 60_000;
      lines.push({
        id: id(),
        type: 'call',
        ticket: key,
        at: iso(started),
        agent: pick(agents).email,
        direction: 'inbound',
        endedAt: iso(started + 4 * 60_000),
        holdSeconds: 0,
        wrapUpSeconds: 30,
      });
    }
    let solved = false;
    const steps = Math.floor(rand() * 9);
    for (let s = 0; s < steps; s += 1) {
      const at = next(600);
      const agent = pick(agents).email;
      const roll = rand();
      if (roll < 0.15)
        lines.push({
          id: id(),
          type: 'message',
          ticket: key,
          at: iso(at),
          author: 'customer',
          visibility: 'public',
        });
      else if (roll < 0.35)
        lines.push({
          id: id(),
          type: 'message',
          ticket: key,
          at: iso(at),
          author: 'agent',
          agent,
          visibility: 'public',
        });
      else if (roll < 0.42)
        lines.push({
          id: id(),
          type: 'message',
          ticket: key,
          at: iso(at),
          author: 'agent',
          agent,
          visibility: 'internal',
        });
      else if (roll < 0.52) {
        lines.push({
          id: id(),
          type: 'call',
          ticket: key,
          at: iso(at),
          agent,
          direction: pick(['inbound', 'outbound']),
          endedAt: iso(at + Math.floor(rand() * 1800) * 1000),
          holdSeconds: 0,
          wrapUpSeconds: Math.floor(rand() * 300),
        });
      } else if (roll < 0.6) {
        lines.push({
          id: id(),
          type: 'work',
          ticket: key,
          at: iso(at),
          agent,
          endedAt: iso(at + Math.floor(rand() * 3600) * 1000),
        });
      } else if (roll < 0.66) {
        lines.push({ id: id(), type: 'ticket.assigned', ticket: key, at: iso(at), agent });
      } else if (roll < 0.82 && !solved) {
        lines.push({ id: id(), type: 'ticket.solved', ticket: key, at: iso(at), agent });
        solved = true;
      } else if (roll < 0.9 && solved) {
        lines.push({ id: id(), type: 'ticket.reopened', ticket: key, at: iso(at) });
        solved = false;
      } else {
        lines.push({ id: id(), type: 'csat', ticket: key, at: iso(at), rating: 1 + Math.floor(rand() * 5) });
      }
    }
    result.push({ key, category, account: rand() < 0.7 ? Math.floor(rand() * 2) : null, lines });
  }
  return result;
}

interface Expected {
  resolved: number;
  fcr: number;
  frt: number[];
  resolution: number[];
  frtBusiness: number[];
  resolutionBusiness: number[];
  reopens: number;
  handleSeconds: number;
  handledTickets: Set<string>;
  csatResponses: number;
  csatSatisfied: number;
  calls: number;
  slaTargets: number;
  slaMet: number;
}

/** The seeded normal-priority SLA policy (calendar time): the generated tickets have no priority. */
const FIRST_RESPONSE_DUE_MS = 240 * 60_000;
const RESOLUTION_DUE_MS = 1440 * 60_000;

/** A desk schedule in UTC: opening hours per weekday (0 = Sunday) as [opens, closes) hours, and holidays. */
interface UtcSchedule {
  hours: Record<number, [number, number][]>;
  holidays: Set<string>;
}
/** As seeded: Monday–Friday 09:00–17:00 UTC; the test adds a holiday on Monday 2018-05-07. */
const SEEDED_WEEK: UtcSchedule['hours'] = {
  1: [[9, 17]],
  2: [[9, 17]],
  3: [[9, 17]],
  4: [[9, 17]],
  5: [[9, 17]],
};
const HOLIDAY = '2018-05-07';

/** Business seconds between two instants, day by day in UTC: the plain way, not the engine's SQL. */
function businessSeconds(from: number, to: number, schedule: UtcSchedule): number {
  const DAY = 86_400_000;
  let open = 0;
  for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
    if (schedule.holidays.has(new Date(day).toISOString().slice(0, 10))) continue;
    for (const [opens, closes] of schedule.hours[new Date(day).getUTCDay()] ?? []) {
      open += Math.max(0, Math.min(to, day + closes * 3_600_000) - Math.max(from, day + opens * 3_600_000));
    }
  }
  return Math.round(open / 1000);
}

/** The definitions, computed the plain way from the generated stream (independently of the engine). */
function expectedByAgent(
  tickets: GeneratedTicket[],
  emailToId: Map<string, string>,
  schedule: UtcSchedule,
): Map<string, Expected> {
  const byAgent = new Map<string, Expected>();
  const of = (email: unknown): Expected => {
    const agentId = emailToId.get(String(email)) ?? 'unknown';
    if (!byAgent.has(agentId)) {
      byAgent.set(agentId, {
        resolved: 0,
        fcr: 0,
        frt: [],
        resolution: [],
        frtBusiness: [],
        resolutionBusiness: [],
        reopens: 0,
        handleSeconds: 0,
        handledTickets: new Set(),
        csatResponses: 0,
        csatSatisfied: 0,
        calls: 0,
        slaTargets: 0,
        slaMet: 0,
      });
    }
    return byAgent.get(agentId) as Expected;
  };
  const time = (line: HistoryLine) => Date.parse(String(line.at));
  const secs = (from: number, to: number) => Math.round((to - from) / 1000);
  for (const ticket of tickets) {
    const lines = [...ticket.lines].sort((a, b) => time(a) - time(b));
    const created = time(lines.find((l) => l.type === 'ticket.created') ?? lines[0]);
    const isContact = (l: HistoryLine) =>
      l.type === 'call' || (l.type === 'message' && l.author === 'agent' && l.visibility === 'public');
    const contacts = lines.filter(isContact);
    const firstResponse = contacts.find((l) => time(l) >= created);
    if (firstResponse) {
      const responder = of(firstResponse.agent);
      responder.frt.push(secs(created, time(firstResponse)));
      responder.frtBusiness.push(businessSeconds(created, time(firstResponse), schedule));
      responder.slaTargets += 1;
      if (time(firstResponse) <= created + FIRST_RESPONSE_DUE_MS) responder.slaMet += 1;
    }
    const reopenIndexes = lines.map((l, i) => (l.type === 'ticket.reopened' ? i : -1)).filter((i) => i >= 0);
    const lastReopen = reopenIndexes.length ? reopenIndexes[reopenIndexes.length - 1] : -1;
    const resolution = lines.find((l, i) => i > lastReopen && l.type === 'ticket.solved');
    for (const i of reopenIndexes) {
      const undone = lines
        .slice(0, i)
        .reverse()
        .find((l) => l.type === 'ticket.solved' || l.type === 'ticket.reopened');
      if (undone?.type === 'ticket.solved') of(undone.agent).reopens += 1;
    }
    if (resolution) {
      const solver = of(resolution.agent);
      solver.resolved += 1;
      solver.resolution.push(secs(created, time(resolution)));
      solver.resolutionBusiness.push(businessSeconds(created, time(resolution), schedule));
      solver.slaTargets += 1;
      if (time(resolution) <= created + RESOLUTION_DUE_MS) solver.slaMet += 1;
      const repeat =
        ticket.account !== null &&
        tickets.some(
          (other) =>
            other !== ticket &&
            other.account === ticket.account &&
            other.category === ticket.category &&
            time(other.lines[0]) > time(resolution) &&
            time(other.lines[0]) <= time(resolution) + 7 * 86_400_000,
        );
      if (
        contacts.filter((c) => time(c) <= time(resolution)).length <= 1 &&
        reopenIndexes.length === 0 &&
        !repeat
      )
        solver.fcr += 1;
    }
    for (const l of lines) {
      if (l.type === 'call' || l.type === 'work') {
        const agent = of(l.agent);
        agent.handleSeconds +=
          secs(time(l), Date.parse(String(l.endedAt))) + (l.type === 'call' ? Number(l.wrapUpSeconds) : 0);
        agent.handledTickets.add(ticket.key);
        if (l.type === 'call') agent.calls += 1;
      }
    }
    const latestRating = lines.filter((l) => l.type === 'csat').pop();
    if (latestRating) {
      const solve = lines.filter((l) => l.type === 'ticket.solved' && time(l) < time(latestRating)).pop();
      if (solve) {
        const agent = of(solve.agent);
        agent.csatResponses += 1;
        if (Number(latestRating.rating) >= 4) agent.csatSatisfied += 1;
      }
    }
  }
  return byAgent;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

describe(`KPI engine consistency (seed ${SEED})`, () => {
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let workers: INestApplicationContext[] = [];
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agents: TestAgent[];
  let tickets: GeneratedTicket[];

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('kpi_consistency');
    testApp = await TestApp.start();
    [admin, supervisor, ...agents] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent'),
      testApp.agent('agent'),
      testApp.agent('agent'),
    ]);
    tickets = generate(seededRandom(SEED), agents, 100);
    // Two workers compete for the same outbox.
    workers = [await startWorker(), await startWorker()];

    await testApp
      .http()
      .put(`/api/sla/business-hours/holidays/${HOLIDAY}`)
      .set('authorization', supervisor.auth)
      .send({ name: 'May bank holiday' })
      .expect(200);
    const accounts = [await createAccount(testApp, supervisor), await createAccount(testApp, supervisor)];
    const rand = seededRandom(SEED + 1);
    const lines = tickets.flatMap((ticket) => ticket.lines).sort(() => rand() - 0.5);
    const third = Math.ceil(lines.length / 3);
    // Three files in random order, the second imported twice, then the first again.
    await importHistory(testApp, admin, lines.slice(third, 2 * third));
    await importHistory(testApp, admin, lines.slice(0, third));
    await importHistory(testApp, admin, lines.slice(third, 2 * third));
    await importHistory(testApp, admin, lines.slice(2 * third));
    await importHistory(testApp, admin, lines.slice(0, third));
    for (const ticket of tickets.filter((t) => t.account !== null)) {
      const [row] = await testApp.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE external_key = $1`,
        [ticket.key],
      );
      await testApp
        .http()
        .patch(`/api/tickets/${row.id}`)
        .set('authorization', supervisor.auth)
        .send({ accountId: accounts[ticket.account as number].id })
        .expect(200);
    }
    await waitForKpis(testApp.dataSource, 60_000);
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) await worker.close();
    await testApp?.close();
    await restoreDatabase?.();
  });

  /** Compares every agent's row of the KPI API with the plain computation on this schedule. */
  async function expectFiguresOf(schedule: UtcSchedule): Promise<void> {
    const emailToId = new Map(agents.map((agent) => [agent.email, agent.id]));
    const expected = expectedByAgent(tickets, emailToId, schedule);
    // The stream must exercise both sides of every SLA due time, or the SLA check proves nothing.
    const sla = [...expected.values()].reduce(
      (sum, e) => ({ targets: sum.targets + e.slaTargets, met: sum.met + e.slaMet }),
      { targets: 0, met: 0 },
    );
    expect(sla.met).toBeGreaterThan(0);
    expect(sla.met).toBeLessThan(sla.targets);
    // Business hours must differ from calendar time somewhere, or the business check proves nothing.
    const all = [...expected.values()];
    expect(all.some((e) => e.frtBusiness.some((value, i) => value !== e.frt[i]))).toBe(true);
    expect(all.some((e) => e.resolutionBusiness.some((value, i) => value !== e.resolution[i]))).toBe(true);
    const response = await testApp
      .http()
      .get('/api/kpis/agents?from=2018-04-01&to=2018-06-30')
      .set('authorization', supervisor.auth)
      .expect(200);
    for (const agent of agents) {
      const want = expected.get(agent.id);
      const got = response.body.agents.find((row: { agentId: string }) => row.agentId === agent.id);
      expect({ agent: agent.email, ...got }).toMatchObject({
        agent: agent.email,
        resolved: want?.resolved ?? 0,
        fcr: want?.fcr ?? 0,
        firstResponses: want?.frt.length ?? 0,
        frtMeanSeconds: want ? mean(want.frt) : null,
        frtMedianSeconds: want ? percentile(want.frt, 0.5) : null,
        frtP90Seconds: want ? percentile(want.frt, 0.9) : null,
        resolutionMeanSeconds: want ? mean(want.resolution) : null,
        resolutionMedianSeconds: want ? percentile(want.resolution, 0.5) : null,
        resolutionP90Seconds: want ? percentile(want.resolution, 0.9) : null,
        frtBusinessMeanSeconds: want ? mean(want.frtBusiness) : null,
        frtBusinessMedianSeconds: want ? percentile(want.frtBusiness, 0.5) : null,
        frtBusinessP90Seconds: want ? percentile(want.frtBusiness, 0.9) : null,
        resolutionBusinessMeanSeconds: want ? mean(want.resolutionBusiness) : null,
        resolutionBusinessMedianSeconds: want ? percentile(want.resolutionBusiness, 0.5) : null,
        resolutionBusinessP90Seconds: want ? percentile(want.resolutionBusiness, 0.9) : null,
        reopens: want?.reopens ?? 0,
        handleSeconds: want?.handleSeconds ?? 0,
        handledTickets: want?.handledTickets.size ?? 0,
        csatResponses: want?.csatResponses ?? 0,
        csatSatisfied: want?.csatSatisfied ?? 0,
        calls: want?.calls ?? 0,
        slaTargets: want?.slaTargets ?? 0,
        slaMet: want?.slaMet ?? 0,
        slaCompliance: want?.slaTargets ? want.slaMet / want.slaTargets : null,
      });
    }
  }

  it('matches a plain computation of every definition from the generated stream', async () => {
    await expectFiguresOf({ hours: SEEDED_WEEK, holidays: new Set([HOLIDAY]) });
  });

  it('produces the same tables when rebuilt from the log', async () => {
    const incremental = await kpiTables(testApp.dataSource);
    expect(incremental.contributions.length).toBeGreaterThan(100);
    await testApp.app.get(RebuildKpisUseCase).execute({});
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
    await testApp.app.get(RebuildKpisUseCase).execute({ from: '2018-05-05', to: '2018-05-10' });
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
    // Small batches, two in flight at a time, touching the same daily rows.
    const progress: number[] = [];
    await testApp.app
      .get(RebuildKpisUseCase)
      .execute({}, ({ done }) => progress.push(done), { batchSize: 7 });
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
    expect(progress.length).toBeGreaterThan(10);
    const [{ count }] = await testApp.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM tickets`,
    );
    expect(progress.at(-1)).toBe(count);
    await testApp.app.get(RebuildKpisUseCase).execute({ from: '2018-05-01', to: '2018-05-31' }, undefined, {
      batchSize: 5,
    });
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
  });

  it('changes nothing when the same tickets are delivered again', async () => {
    const before = await kpiTables(testApp.dataSource);
    const rows = await testApp.dataSource.query<{ id: string }[]>(
      `SELECT id FROM tickets ORDER BY id LIMIT 20`,
    );
    const claims = rows.map((row) => ({ ticketId: row.id, version: '0' }));
    const outbox = testApp.app.get(KpiOutbox);
    await outbox.process(claims);
    await Promise.all([outbox.process(claims), outbox.process(claims.slice(5))]);
    expect(await kpiTables(testApp.dataSource)).toEqual(before);
  });

  it('recovers when a worker dies in the middle of a batch', async () => {
    const before = await kpiTables(testApp.dataSource);
    // Wipe the tables and mark every ticket, so the workers must redo everything.
    await testApp.dataSource.query(
      `TRUNCATE kpi_agent_daily, kpi_desk_daily, kpi_contributions, kpi_ticket_facts`,
    );
    await testApp.dataSource
      .query(`CREATE OR REPLACE FUNCTION kpi_test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(3); RETURN NULL; END $$`);
    await testApp.dataSource.query(
      `CREATE TRIGGER kpi_test_stall AFTER INSERT ON kpi_contributions FOR EACH STATEMENT EXECUTE FUNCTION kpi_test_stall()`,
    );
    await testApp.dataSource.query(
      `INSERT INTO kpi_pending (ticket_id) SELECT id FROM tickets
       ON CONFLICT (ticket_id) DO UPDATE SET version = kpi_pending.version + 1`,
    );
    await testApp.dataSource.query(`SELECT pg_notify('kpi_pending', '')`);
    // Kill the database sessions of the workers caught mid-transaction.
    let killed = 0;
    for (let attempt = 0; attempt < 50 && killed === 0; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const [row] = await testApp.dataSource.query<{ killed: number }[]>(
        `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity
          WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%kpi_contributions%' AND state = 'active'`,
      );
      killed = row.killed;
    }
    expect(killed).toBeGreaterThan(0);
    await testApp.dataSource.query(`DROP TRIGGER kpi_test_stall ON kpi_contributions`);
    await waitForKpis(testApp.dataSource, 60_000);
    expect(await kpiTables(testApp.dataSource)).toEqual(before);
  }, 90_000);

  it('re-measures the business-hours figures when the schedule changes, as a rebuild would', async () => {
    // Saturdays 10:00–14:00 added and the holiday removed: both mark the tickets they change.
    await setBusinessHours(testApp, supervisor, 'UTC', [
      ...openOn(MONDAY_TO_FRIDAY, '09:00', '17:00'),
      ...openOn(['saturday'], '10:00', '14:00'),
    ]);
    await testApp
      .http()
      .delete(`/api/sla/business-hours/holidays/${HOLIDAY}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    await waitForKpis(testApp.dataSource, 60_000);
    await expectFiguresOf({ hours: { ...SEEDED_WEEK, 6: [[10, 14]] }, holidays: new Set() });
    const incremental = await kpiTables(testApp.dataSource);
    await testApp.app.get(RebuildKpisUseCase).execute({});
    expect(await kpiTables(testApp.dataSource)).toEqual(incremental);
  }, 90_000);

  it('measures exactly the calendar figures on a desk open around the clock', async () => {
    await setBusinessHours(testApp, supervisor, 'UTC', openOn(EVERY_DAY, '00:00', '24:00'));
    await waitForKpis(testApp.dataSource, 60_000);
    const [row] = await testApp.dataSource.query<{ measured: number; different: number }[]>(
      `SELECT count(*) FILTER (WHERE first_response_at IS NOT NULL OR resolved_at IS NOT NULL)::int AS measured,
              count(*) FILTER (WHERE first_response_business_seconds IS DISTINCT FROM first_response_seconds
                                  OR resolution_business_seconds IS DISTINCT FROM resolution_seconds)::int AS different
         FROM kpi_ticket_facts`,
    );
    expect(row.measured).toBeGreaterThan(50);
    expect(row.different).toBe(0);
  }, 90_000);
});
