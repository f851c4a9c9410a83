import { INestApplicationContext } from '@nestjs/common';
import { AppConfig } from '@ledgerdesk/shared';
import { CloseSolvedTicketsUseCase } from '@ledgerdesk/tickets';
import { setEnvironment } from '../support/environment';
import { eventually } from '../support/eventually';
import { startWorker, useOwnDatabase, waitForKpis } from '../support/kpi';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, eventsOf, patchTicket, TicketBody, ticketRow } from '../support/tickets';

const DAY_MS = 86_400_000;

/**
 * On a database of its own: the sweep closes every solved ticket past the deadline, which on the
 * run's shared database would be other files' tickets too.
 */
describe('solved tickets close by themselves (AUTO_CLOSE_SOLVED_AFTER_DAYS)', () => {
  let restoreEnvironment: (() => void) | undefined;
  let restoreDatabase: () => Promise<void>;
  let testApp: TestApp;
  let worker: INestApplicationContext | undefined;
  let agent: TestAgent;
  let supervisor: TestAgent;

  beforeAll(async () => {
    restoreDatabase = await useOwnDatabase('auto_close');
    restoreEnvironment = setEnvironment({ AUTO_CLOSE_SOLVED_AFTER_DAYS: '14' });
    testApp = await TestApp.start();
    const team = uniqueTeam('auto-close');
    agent = await testApp.agent('agent', [team]);
    supervisor = await testApp.agent('supervisor', [team]);
  });

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
    await restoreDatabase?.();
    restoreEnvironment?.();
  });

  const sweep = (): CloseSolvedTicketsUseCase => testApp.app.get(CloseSolvedTicketsUseCase);
  const ticketIn = async (...statuses: string[]): Promise<TicketBody> => {
    const ticket = await createTicket(testApp, agent, { assigneeId: agent.id, teamId: agent.teamIds[0] });
    for (const status of statuses) await patchTicket(testApp, agent, ticket.id, { status }).expect(200);
    return ticket;
  };
  const statusOf = async (ticket: TicketBody): Promise<unknown> =>
    (await ticketRow(testApp, ticket.id)).status;
  /** Runs `act` while another transaction holds the ticket's row with `lock`. */
  async function whileLocked(
    ticket: TicketBody,
    lock: 'FOR UPDATE' | 'FOR KEY SHARE',
    act: () => Promise<void>,
  ): Promise<void> {
    const holder = testApp.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query(`SELECT id FROM tickets WHERE id = $1 ${lock}`, [ticket.id]);
      await act();
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
  }

  it('closes a ticket 14 days after its solve, as a ticket.closed event by the system, and nothing else', async () => {
    const solved = await ticketIn('open', 'solved');
    const open = await ticketIn('open');
    const pending = await ticketIn('pending');
    const reopened = await ticketIn('open', 'solved', 'open');
    const solvedAt = new Date(String((await ticketRow(testApp, solved.id)).solved_at));

    expect(await sweep().execute(new Date(solvedAt.getTime() + 14 * DAY_MS - 60_000))).toBe(0);
    expect(await statusOf(solved)).toBe('solved');

    expect(await sweep().execute(new Date(solvedAt.getTime() + 14 * DAY_MS + 60_000))).toBe(1);
    const row = await ticketRow(testApp, solved.id);
    expect(row).toMatchObject({ status: 'closed', assignee_id: agent.id });
    expect(row.closed_at).toBeInstanceOf(Date);
    const [closedEvent] = (await eventsOf(testApp, solved.id)).filter(
      (event) => event.type === 'ticket.closed',
    );
    expect(closedEvent).toMatchObject({
      actor_kind: 'system',
      actor_id: null,
      source: 'live',
      payload: { from: 'solved', to: 'closed', reason: 'auto_close', afterDays: 14 },
    });
    for (const untouched of [open, pending, reopened]) {
      expect(await statusOf(untouched)).not.toBe('closed');
    }
    // Closed is final, for the agent too.
    await patchTicket(testApp, agent, solved.id, { status: 'open' }).expect(409);
    // Run again: nothing more to close, nothing written twice.
    expect(await sweep().execute(new Date(solvedAt.getTime() + 30 * DAY_MS))).toBe(0);
    expect(
      (await eventsOf(testApp, solved.id)).filter((event) => event.type === 'ticket.closed'),
    ).toHaveLength(1);
  });

  it('skips a ticket another transaction holds (an agent reopening it now) until the next run', async () => {
    const ticket = await ticketIn('open', 'solved');
    const later = new Date(Date.now() + 15 * DAY_MS);
    await whileLocked(ticket, 'FOR UPDATE', async () => expect(await sweep().execute(later)).toBe(0));
    expect(await statusOf(ticket)).toBe('solved');
    expect(await sweep().execute(later)).toBe(1);
    expect(await statusOf(ticket)).toBe('closed');
  });

  it('closes a ticket the KPI worker is reading meanwhile (it holds the ticket FOR KEY SHARE)', async () => {
    const ticket = await ticketIn('open', 'solved');
    const later = new Date(Date.now() + 15 * DAY_MS);
    await whileLocked(ticket, 'FOR KEY SHARE', async () => expect(await sweep().execute(later)).toBe(1));
    expect(await statusOf(ticket)).toBe('closed');
  });

  it('never closes anything when the setting is 0', async () => {
    const ticket = await ticketIn('open', 'solved');
    const config = testApp.app.get(AppConfig);
    const never = new CloseSolvedTicketsUseCase(testApp.dataSource, {
      ...config,
      autoCloseSolvedAfterDays: 0,
    } as AppConfig);
    expect(await never.execute(new Date(Date.now() + 365 * DAY_MS))).toBe(0);
    expect(await statusOf(ticket)).toBe('solved');
  });

  it('is run by the worker (at boot, then every 10 minutes) and leaves the resolution in the KPIs', async () => {
    const ticket = await ticketIn('open', 'solved');
    // Solved 15 days ago, as far as the sweep can tell.
    await testApp.dataSource.query(
      `UPDATE tickets SET solved_at = now() - interval '15 days' WHERE id = $1`,
      [ticket.id],
    );
    worker = await startWorker();
    await eventually(async () => (await statusOf(ticket)) === 'closed');
    await waitForKpis(testApp.dataSource);
    const explained = await testApp
      .http()
      .get(`/api/kpis/tickets/${ticket.id}`)
      .set('authorization', supervisor.auth)
      .expect(200);
    expect(explained.body.facts).toMatchObject({ resolutionAgentId: agent.id, reopens: 0 });
    expect(explained.body.facts.resolvedAt).not.toBeNull();
  });
});
