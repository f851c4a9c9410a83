import { QueueCountsMessage, QueueMetricsMessage, TicketChangedMessage, Wire } from '@ledgerdesk/contracts';
import { ticketByKey, uniquePrefix } from '../support/history-import';
import { importHistory, waitForKpis } from '../support/kpi';
import { connectLive, LiveClient, listen, pause } from '../support/live';
import { MailRun, startMailRun } from '../support/mail';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, patchTicket } from '../support/tickets';

type Metrics = Wire<QueueMetricsMessage>;

describe('live queue metrics and counts over socket.io (/live)', () => {
  let run: MailRun;
  let testApp: TestApp;
  let url: string;
  let supervisor: TestAgent;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    // A database of its own: the desk-wide figures must not see other test files' tickets.
    run = await startMailRun('live_metrics');
    testApp = run.testApp;
    url = await listen(testApp);
    supervisor = await testApp.agent('supervisor', [uniqueTeam()]);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await run.stop();
  });

  async function connect(agent: TestAgent): Promise<LiveClient> {
    const client = await connectLive(url, agent);
    clients.push(client);
    return client;
  }

  it('sends queue.metrics to a supervisor on connect, and none to an agent', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    await createTicket(testApp, agent, { teamId: agent.teamIds[0], channel: 'chat', priority: 'high' });
    const watching = await connect(supervisor);
    const metrics = await watching.next<Metrics>('queue.metrics', (message) => message.open.total >= 1);
    expect(metrics).toMatchObject({
      at: expect.any(String),
      open: {
        total: expect.any(Number),
        byStatus: expect.objectContaining({ new: expect.any(Number) }),
        byChannel: expect.objectContaining({ chat: expect.any(Number) }),
        byPriority: expect.objectContaining({ high: expect.any(Number) }),
        byTeam: expect.arrayContaining([{ teamId: agent.teamIds[0], name: expect.any(String), count: 1 }]),
      },
      unassigned: expect.any(Number),
      oldestWaiting: {
        ticketId: expect.any(String),
        number: expect.stringMatching(/^LD-\d+$/),
        waitingSince: expect.any(String),
        waitingSeconds: expect.any(Number),
      },
      sla: { breached: expect.any(Array), dueSoon: expect.any(Array) },
      agents: expect.arrayContaining([
        { agentId: agent.id, name: 'Test agent', presence: 'offline', workingOn: [] },
      ]),
      today: {
        date: new Date().toISOString().slice(0, 10),
        timezone: 'UTC',
        created: expect.any(Number),
        resolved: expect.any(Number),
        csatResponses: expect.any(Number),
      },
    });

    const agentLive = await connect(agent);
    await agentLive.next<QueueCountsMessage>('queue.counts');
    await pause(500);
    expect(agentLive.all('queue.metrics')).toEqual([]);
  });

  it('pushes metrics within 1 s after a ticket is solved, and today’s resolved once the KPI worker ran', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const ticket = await createTicket(testApp, agent, { assigneeId: agent.id });
    await waitForKpis(testApp.dataSource);
    const watching = await connect(supervisor);
    const before = await watching.next<Metrics>('queue.metrics');
    watching.clear('queue.metrics');
    const openBefore = (
      await testApp.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM tickets WHERE status IN ('new', 'open', 'pending', 'on_hold')`,
      )
    )[0].n;

    await patchTicket(testApp, agent, ticket.id, { status: 'solved' }).expect(200);
    const committed = Date.now();

    await watching.next<Metrics>('queue.metrics', (message) => message.open.total === openBefore - 1, 1000);
    const latency = Date.now() - committed;
    expect(latency).toBeLessThan(1000);

    await waitForKpis(testApp.dataSource);
    const after = await watching.next<Metrics>(
      'queue.metrics',
      (message) => message.today.resolved === before.today.resolved + 1,
      5000,
    );
    expect(after.today.resolved).toBe(before.today.resolved + 1);
  });

  it('coalesces a burst of 300 changes into a bounded number of metrics pushes', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const tickets = await Promise.all(
      Array.from({ length: 10 }, () => createTicket(testApp, agent, { teamId: agent.teamIds[0] })),
    );
    const watching = await connect(supervisor);
    await watching.next<Metrics>('queue.metrics');
    await pause(300);
    watching.clear('queue.metrics');

    const started = Date.now();
    const priorities = ['low', 'normal', 'high', 'urgent'];
    for (let round = 0; round < 30; round += 1) {
      await Promise.all(
        tickets.map((ticket) =>
          patchTicket(testApp, agent, ticket.id, { priority: priorities[round % 4] }).expect(200),
        ),
      );
    }
    const burstMs = Date.now() - started;
    const finalPriority = priorities[29 % 4];
    const last = await watching.next<Metrics>(
      'queue.metrics',
      (message) => message.open.byPriority[finalPriority] >= tickets.length,
      3000,
    );
    await pause(600);
    const pushes = watching.all<Metrics>('queue.metrics').length;
    // At most one computation per 250 ms while the burst lasts, plus the trailing one.
    expect(pushes).toBeLessThanOrEqual(Math.ceil((burstMs + 1000) / 250) + 1);
    expect(pushes).toBeLessThan(300 / 4);
    expect(last.open.byPriority[finalPriority]).toBeGreaterThanOrEqual(tickets.length);
  });

  it('pushes metrics when an agent’s presence changes and shows what it works on', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const ticket = await createTicket(testApp, agent, { teamId: agent.teamIds[0] });
    const watching = await connect(supervisor);
    await watching.next<Metrics>('queue.metrics', (message) =>
      message.agents.some((row) => row.agentId === agent.id),
    );

    await testApp
      .http()
      .put('/api/me/presence')
      .set('Authorization', agent.auth)
      .send({ presence: 'available' })
      .expect(200);
    await watching.next<Metrics>(
      'queue.metrics',
      (message) => message.agents.find((row) => row.agentId === agent.id)?.presence === 'available',
      1000,
    );

    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/work/heartbeat`)
      .set('Authorization', agent.auth)
      .expect(200);
    const working = await watching.next<Metrics>(
      'queue.metrics',
      (message) => (message.agents.find((row) => row.agentId === agent.id)?.workingOn.length ?? 0) > 0,
      1000,
    );
    expect(working.agents.find((row) => row.agentId === agent.id)?.workingOn).toEqual([
      { ticketId: ticket.id, number: ticket.number, subject: ticket.subject, since: expect.any(String) },
    ]);
  });

  it('refreshes the metrics after a history import without pushing its tickets one by one', async () => {
    const admin = await testApp.agent('admin', [uniqueTeam()]);
    const watching = await connect(supervisor);
    const before = await watching.next<Metrics>('queue.metrics');
    const key = uniquePrefix('live-import');
    await importHistory(testApp, admin, [
      {
        id: `${key}-1`,
        type: 'ticket.created',
        ticket: key,
        at: new Date(Date.now() - 3600_000).toISOString(),
        channel: 'phone',
        subject: 'Imported: card declined',
        requester: { name: 'Sam' },
      },
    ]);
    const imported = await ticketByKey(testApp.dataSource, key);

    await watching.next<Metrics>(
      'queue.metrics',
      (message) => message.open.total === before.open.total + 1,
      2000,
    );
    await pause(300);
    expect(
      watching.all<TicketChangedMessage>('ticket.changed', (message) => message.ticketId === imported?.id),
    ).toEqual([]);
  });

  it('lists tickets at SLA risk and counts them in the agent’s breachingSoon view', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const agentLive = await connect(agent);
    await agentLive.next<QueueCountsMessage>('queue.counts', (message) => message.views.breachingSoon === 0);
    const watching = await connect(supervisor);

    // Urgent: first response due in 30 minutes, i.e. within the due-soon window at once.
    const ticket = await createTicket(testApp, agent, { teamId: agent.teamIds[0], priority: 'urgent' });

    const metrics = await watching.next<Metrics>('queue.metrics', (message) =>
      message.sla.dueSoon.some((ref) => ref.ticketId === ticket.id),
    );
    expect(metrics.sla.dueSoon.find((ref) => ref.ticketId === ticket.id)).toMatchObject({
      number: ticket.number,
      subject: ticket.subject,
      priority: 'urgent',
      assigneeId: null,
      dueAt: expect.any(String),
      target: 'first_response',
    });
    const counts = await agentLive.next<QueueCountsMessage>(
      'queue.counts',
      (message) => message.views.breachingSoon === 1,
    );
    expect(counts.views).toEqual({
      mine: 0,
      unassigned: 1,
      team: 1,
      all: 1,
      pending: 0,
      breachingSoon: 1,
    });
  });

  it('pushes metrics and counts within 1 s of an SLA policy change that re-times tickets', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const agentLive = await connect(agent);
    const watching = await connect(supervisor);
    // Low: first response due in 8 hours, far from the due-soon window.
    const ticket = await createTicket(testApp, agent, { teamId: agent.teamIds[0], priority: 'low' });
    await watching.next<Metrics>('queue.metrics', (message) => message.unassigned >= 1);
    await agentLive.next<QueueCountsMessage>('queue.counts', (message) => message.views.team === 1);
    const [seeded] = await testApp.dataSource.query<{ first: number; resolution: number }[]>(
      `SELECT first_response_minutes AS first, resolution_minutes AS resolution FROM sla_policies
        WHERE priority = 'low'`,
    );
    watching.clear('queue.metrics');
    agentLive.clear('queue.counts');
    try {
      const changed = await testApp
        .http()
        .put('/api/sla/policies/low')
        .set('Authorization', supervisor.auth)
        .send({ firstResponseMinutes: 10, resolutionMinutes: seeded.resolution })
        .expect(200);
      const committed = Date.now();
      expect(changed.body.retimedTickets).toBeGreaterThanOrEqual(1);

      // Not the 30-second clock: within 1 s of the commit.
      await watching.next<Metrics>(
        'queue.metrics',
        (message) => message.sla.dueSoon.some((ref) => ref.ticketId === ticket.id),
        1000,
      );
      expect(Date.now() - committed).toBeLessThan(1000);
      await agentLive.next<QueueCountsMessage>(
        'queue.counts',
        (message) => message.views.breachingSoon === 1,
        1000,
      );
    } finally {
      await testApp
        .http()
        .put('/api/sla/policies/low')
        .set('Authorization', supervisor.auth)
        .send({ firstResponseMinutes: seeded.first, resolutionMinutes: seeded.resolution })
        .expect(200);
    }
  });
});
