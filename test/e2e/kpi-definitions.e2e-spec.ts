import { INestApplicationContext } from '@nestjs/common';
import { HistoryLine, uniquePrefix } from '../support/history-import';
import { importHistory, startWorker, waitForKpis } from '../support/kpi';
import { createAccount } from '../support/billing';
import { TestAgent, TestApp } from '../support/test-app';
import { createTicket, expectFieldError, patchTicket, UUID_NOBODY_HAS } from '../support/tickets';

/**
 * Worked examples of every definition, through the real path: history import → outbox →
 * BullMQ → worker → KPI tables → KPI API. Figures computed by hand (DESK_TIMEZONE is UTC).
 *
 * T1 email  created 03-04 09:00; Ana replies 09:30 (FRT 1800 s); Ana solves 10:00 (3600 s, FCR);
 *           rated 5 on 03-05.
 * T2 chat   created 03-04 10:00; Ana replies 10:10 (FRT 600 s); Ana solves 10:20; reopened
 *           03-05 09:00 (charged to Ana); Bo replies 09:30, solves 10:00 (86400 s, not FCR);
 *           rated 2 on 03-05, re-rated 4 on 03-06 (only the 4 counts, credited to Bo).
 * T3 phone  created 03-04 23:00; Bo's call 23:50–00:00 + 60 s wrap-up (FRT 3000 s, handle 660 s
 *           on 03-04); Bo works it 03-05 09:00–09:30 (handle 1800 s on 03-05); Bo solves 09:40
 *           (38400 s). One contact, but T4 (same account and category) arrives 03-08 — within
 *           7 days — so not FCR.
 * T4 email  created 03-08 09:00 by the same customer, same category; still open.
 * T5 email  priority high (SLA: first response 60 min, resolution 480 min) created 03-11 09:00;
 *           Cy replies 10:30 (first response target missed by 30 min), solves 16:00 (met).
 *
 * SLA compliance (normal priority: 240 / 1440 min): Ana meets T1's and T2's first responses and
 * T1's resolution (3 of 3); Bo meets T3's first response, T3's resolution and T2's resolution,
 * exactly at its due time 03-05 10:00 (3 of 3); Cy meets 1 of 2.
 *
 * Business hours (as seeded: Monday–Friday 09:00–17:00 UTC; 03-04 is a Monday): Ana's figures all
 * fall inside opening hours and equal the calendar ones. Bo's T3 call at 23:50 is a first response
 * of 0 business seconds; T2's resolution is Monday 10:00–17:00 + Tuesday 09:00–10:00 = 28800 s;
 * T3's is Tuesday 09:00–09:40 = 2400 s.
 */
describe('KPI engine: worked examples', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let ana: TestAgent;
  let bo: TestAgent;
  let cy: TestAgent;
  const key = uniquePrefix('kpi');
  const ids: Record<string, string> = {};
  const at = (day: number, time: string) => `2019-03-${String(day).padStart(2, '0')}T${time}:00Z`;

  beforeAll(async () => {
    testApp = await TestApp.start();
    worker = await startWorker();
    [admin, supervisor, ana, bo, cy] = await Promise.all([
      testApp.agent('admin'),
      testApp.agent('supervisor'),
      testApp.agent('agent'),
      testApp.agent('agent'),
      testApp.agent('agent'),
    ]);
    const n = (() => {
      let i = 0;
      return () => `${key}-${(i += 1)}`;
    })();
    const created = (
      ticket: string,
      time: string,
      channel: string,
      category = 'incorrect_charge',
    ): HistoryLine => ({
      id: n(),
      type: 'ticket.created',
      ticket: `${key}-${ticket}`,
      at: time,
      channel,
      subject: ticket,
      category,
      requester: { email: `${ticket.toLowerCase()}@customer.example` },
    });
    const reply = (ticket: string, time: string, agent: TestAgent): HistoryLine => ({
      id: n(),
      type: 'message',
      ticket: `${key}-${ticket}`,
      at: time,
      author: 'agent',
      agent: agent.email,
      visibility: 'public',
      body: 'Hello',
    });
    const customer = (ticket: string, time: string): HistoryLine => ({
      id: n(),
      type: 'message',
      ticket: `${key}-${ticket}`,
      at: time,
      author: 'customer',
      visibility: 'public',
      body: 'Help',
    });
    const solved = (ticket: string, time: string, agent: TestAgent): HistoryLine => ({
      id: n(),
      type: 'ticket.solved',
      ticket: `${key}-${ticket}`,
      at: time,
      agent: agent.email,
    });
    const lines: HistoryLine[] = [
      created('T1', at(4, '09:00'), 'email'),
      customer('T1', at(4, '09:00')),
      reply('T1', at(4, '09:30'), ana),
      solved('T1', at(4, '10:00'), ana),
      { id: n(), type: 'csat', ticket: `${key}-T1`, at: at(5, '08:00'), rating: 5 },
      created('T2', at(4, '10:00'), 'chat'),
      reply('T2', at(4, '10:10'), ana),
      solved('T2', at(4, '10:20'), ana),
      { id: n(), type: 'ticket.reopened', ticket: `${key}-T2`, at: at(5, '09:00') },
      reply('T2', at(5, '09:30'), bo),
      solved('T2', at(5, '10:00'), bo),
      { id: n(), type: 'csat', ticket: `${key}-T2`, at: at(5, '11:00'), rating: 2 },
      { id: n(), type: 'csat', ticket: `${key}-T2`, at: at(6, '12:00'), rating: 4 },
      created('T3', at(4, '23:00'), 'phone'),
      {
        id: n(),
        type: 'call',
        ticket: `${key}-T3`,
        at: at(4, '23:50'),
        agent: bo.email,
        direction: 'inbound',
        endedAt: at(5, '00:00'),
        holdSeconds: 120,
        wrapUpSeconds: 60,
      },
      {
        id: n(),
        type: 'work',
        ticket: `${key}-T3`,
        at: at(5, '09:00'),
        agent: bo.email,
        endedAt: at(5, '09:30'),
      },
      solved('T3', at(5, '09:40'), bo),
      created('T4', at(8, '09:00'), 'email'),
      customer('T4', at(8, '09:00')),
      { ...created('T5', at(11, '09:00'), 'email', 'refund_request'), priority: 'high' },
      reply('T5', at(11, '10:30'), cy),
      solved('T5', at(11, '16:00'), cy),
    ];
    // Delivered out of order, and part of it twice: the figures must not care.
    await importHistory(testApp, admin, [...lines].reverse());
    await importHistory(testApp, admin, lines.slice(0, 8));
    for (const ticket of ['T1', 'T2', 'T3', 'T4', 'T5']) {
      const [row] = await testApp.dataSource.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE external_key = $1`,
        [`${key}-${ticket}`],
      );
      ids[ticket] = row.id;
    }
    const account = await createAccount(testApp, supervisor);
    for (const ticket of ['T3', 'T4']) {
      await testApp
        .http()
        .patch(`/api/tickets/${ids[ticket]}`)
        .set('authorization', supervisor.auth)
        .send({ accountId: account.id })
        .expect(200);
    }
    await waitForKpis(testApp.dataSource);
  });

  afterAll(async () => {
    await worker?.close();
    await testApp.close();
  });

  const period = '?from=2019-03-01&to=2019-03-31';
  const scorecard = async (agent: TestAgent) => {
    const response = await testApp
      .http()
      .get(`/api/kpis/agents${period}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    return response.body.agents.find((row: { agentId: string }) => row.agentId === agent.id);
  };

  it('credits first responses, resolutions, FCR, reopens and CSAT to Ana as defined', async () => {
    expect(await scorecard(ana)).toMatchObject({
      firstResponses: 2,
      frtMeanSeconds: 1200,
      frtMedianSeconds: 1200,
      frtP90Seconds: 1680, // 600 + 0.9 × (1800 − 600), linear interpolation
      frtBusinessMeanSeconds: 1200, // inside opening hours: the same as the calendar figures
      frtBusinessMedianSeconds: 1200,
      frtBusinessP90Seconds: 1680,
      resolved: 1, // T2's solve was undone by the reopen
      resolutionMeanSeconds: 3600,
      resolutionBusinessMeanSeconds: 3600,
      fcr: 1,
      fcrRate: 1,
      reopens: 1,
      csatResponses: 1,
      csatSatisfied: 1,
      csatScore: 100,
      handleSeconds: 0,
      handledTickets: 0,
      ahtSeconds: null,
      contactsByChannel: { email: 1, chat: 1 },
      slaTargets: 3,
      slaMet: 3,
      slaCompliance: 1,
    });
  });

  it('credits the later solve, the re-rating and the handle time over two days to Bo', async () => {
    expect(await scorecard(bo)).toMatchObject({
      firstResponses: 1,
      frtMeanSeconds: 3000,
      resolved: 2,
      resolutionMeanSeconds: 62400,
      resolutionMedianSeconds: 62400,
      resolutionP90Seconds: 81600, // 38400 + 0.9 × (86400 − 38400)
      frtBusinessMeanSeconds: 0, // T3's call at 23:50, the desk closed
      resolutionBusinessMeanSeconds: 15600, // (28800 + 2400) / 2
      resolutionBusinessMedianSeconds: 15600,
      resolutionBusinessP90Seconds: 26160, // 2400 + 0.9 × (28800 − 2400)
      fcr: 0, // T2 reopened, T3 revoked by the repeat contact T4
      fcrRate: 0,
      reopens: 0,
      csatResponses: 1, // T2's latest rating only
      csatSatisfied: 1,
      csatScore: 100,
      calls: 1,
      handleSeconds: 2460, // (600 + 60) on 03-04 and 1800 on 03-05
      handledTickets: 1,
      ahtSeconds: 2460, // one ticket over the two days, not a sum of daily averages
      contactsByChannel: { chat: 1, phone: 1 },
      slaTargets: 3,
      slaMet: 3, // T2's solve came exactly at its due time: met
      slaCompliance: 1,
    });
  });

  it('counts SLA targets met by their due time on the priority of the ticket', async () => {
    expect(await scorecard(cy)).toMatchObject({
      firstResponses: 1,
      resolved: 1,
      slaTargets: 2,
      slaMet: 1,
      slaCompliance: 0.5,
      slaFirstResponseCompliance: 0,
      slaResolutionCompliance: 1,
    });
    const explained = await testApp
      .http()
      .get(`/api/kpis/tickets/${ids.T5}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    expect(
      explained.body.contributions
        .filter((c: { kind: string }) => c.kind.startsWith('sla_'))
        .map(
          (c: { kind: string; amount: number; eventType: string }) => `${c.kind}:${c.eventType}:${c.amount}`,
        )
        .sort(),
    ).toEqual(['sla_first_response:message:0', 'sla_resolution:ticket.solved:1']);
  });

  it('splits Bo’s figures by day and derives daily AHT per day', async () => {
    const daily = await testApp
      .http()
      .get(`/api/kpis/agents/${bo.id}/daily?from=2019-03-04&to=2019-03-06`)
      .set('authorization', bo.auth)
      .expect(200);
    const rows = Object.fromEntries(daily.body.days.map((row: { day: string }) => [row.day, row]));
    expect(rows['2019-03-04']).toMatchObject({
      firstResponses: 1,
      handleSeconds: 660,
      ahtSeconds: 660,
      resolved: 0,
    });
    expect(rows['2019-03-05']).toMatchObject({
      resolved: 2,
      handleSeconds: 1800,
      ahtSeconds: 1800,
      csatResponses: 0,
    });
    expect(rows['2019-03-06']).toMatchObject({ csatResponses: 1, csatScore: 100 });
  });

  it('explains a ticket’s figures down to the events they came from', async () => {
    const explained = await testApp
      .http()
      .get(`/api/kpis/tickets/${ids.T3}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    const [repeat] = await testApp.dataSource.query<{ number: string }[]>(
      `SELECT number::text AS number FROM tickets WHERE id = $1`,
      [ids.T4],
    );
    expect(explained.body.facts).toMatchObject({
      firstResponseSeconds: 3000,
      firstResponseBusinessSeconds: 0,
      resolutionSeconds: 38400,
      resolutionBusinessSeconds: 2400,
      resolutionAgentId: bo.id,
      contactsBeforeResolution: 1,
      fcr: false,
      fcrBrokenByTicketId: ids.T4,
      fcrBrokenByTicketNumber: `LD-${repeat.number}`,
      handleSeconds: 2460,
    });
    const kinds = explained.body.contributions.map(
      (c: { kind: string; eventType: string }) => `${c.kind}:${c.eventType}`,
    );
    expect(kinds).toEqual(
      expect.arrayContaining([
        'first_response:call',
        'handle:call',
        'handle:work',
        'resolution:ticket.solved',
        'first_response_business:call',
        'resolution_business:ticket.solved',
      ]),
    );
  });

  it('lets an agent read only its own figures', async () => {
    const own = await testApp
      .http()
      .get(`/api/kpis/agents${period}`)
      .set('authorization', ana.auth)
      .expect(200);
    expect(own.body.agents.map((row: { agentId: string }) => row.agentId)).toEqual([ana.id]);
    await testApp
      .http()
      .get(`/api/kpis/agents/${bo.id}/daily${period}`)
      .set('authorization', ana.auth)
      .expect(403);
    await testApp.http().get(`/api/kpis/desk${period}`).set('authorization', ana.auth).expect(403);
    await testApp.http().get(`/api/kpis/agents${period}`).expect(401);
  });

  it('exports the agent table as CSV', async () => {
    const csv = await testApp
      .http()
      .get(`/api/kpis/agents${period}`)
      .set('authorization', supervisor.auth)
      .set('accept', 'text/csv')
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const [header, ...rows] = csv.text.trim().split('\n');
    expect(header.split(',').slice(0, 4)).toEqual(['agentId', 'email', 'name', 'resolved']);
    expect(rows.find((row) => row.startsWith(bo.id))?.split(',')[3]).toBe('2');
  });

  it('refuses a bad period', async () => {
    const bad = await testApp
      .http()
      .get('/api/kpis/agents?from=2019-03-31&to=2019-03-01')
      .set('authorization', supervisor.auth)
      .expect(422);
    expect(bad.body.message).toMatch(/to must not be before from/);
    await testApp
      .http()
      .get('/api/kpis/agents?from=yesterday&to=2019-03-01')
      .set('authorization', supervisor.auth)
      .expect(400);
  });

  it('counts the call that led to a ticket as a contact, though it started before the ticket was created', async () => {
    // The live phone workflow: take the call, open the ticket, log the call with its real start.
    const ticket = await createTicket(testApp, supervisor, { channel: 'phone', subject: 'Why two charges?' });
    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/calls`)
      .set('authorization', supervisor.auth)
      .send({ direction: 'inbound', startedAt: minutesAgo(10), endedAt: minutesAgo(5) })
      .expect(201);
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/messages`)
      .set('authorization', supervisor.auth)
      .send({ kind: 'reply', body: 'As promised on the phone: the second charge is refunded.' })
      .expect(201);
    await patchTicket(testApp, supervisor, ticket.id, { status: 'solved' }).expect(200);
    await waitForKpis(testApp.dataSource);
    const explained = await testApp
      .http()
      .get(`/api/kpis/tickets/${ticket.id}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    // Two contacts before the resolution: not a first contact resolution.
    expect(explained.body.facts).toMatchObject({ agentContacts: 2, contactsBeforeResolution: 2, fcr: false });
  });

  it('names the parameter of an impossible date or a too long period, and 404s an unknown agent', async () => {
    const get = (path: string) => testApp.http().get(path).set('authorization', supervisor.auth);
    // 30 February used to roll over in the check and then fail in PostgreSQL: a 500.
    expectFieldError(await get('/api/kpis/agents?from=2019-02-30&to=2019-03-05').expect(400), 'from');
    expectFieldError(await get('/api/kpis/desk?from=2019-02-01&to=2019-02-29').expect(400), 'to');
    expectFieldError(
      await get(`/api/kpis/agents/${bo.id}/daily?from=2019-02-01&to=2019-02-31`).expect(400),
      'to',
    );
    const tooLong = await get('/api/kpis/agents?from=2010-01-01&to=2019-01-01').expect(422);
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'to' })]);
    await get(`/api/kpis/agents/${UUID_NOBODY_HAS}/daily${period}`).expect(404);
  });
});
