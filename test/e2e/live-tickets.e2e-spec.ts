import { QueueCountsMessage, TicketChangedMessage, TicketEventMessage } from '@ledgerdesk/contracts';
import { CommittedChangesListener } from '@ledgerdesk/live';
import { randomUUID } from 'node:crypto';
import { EndIdleWorkSessionsUseCase } from '@ledgerdesk/tickets';
import { createTransport } from 'nodemailer';
import { InboundSmtpListener } from '../../apps/worker/src/mail-inbound/inbound-smtp.listener';
import { connectLive, LiveClient, listen, pause } from '../support/live';
import { eventually, MailRun, startMailRun } from '../support/mail';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import { createTicket, patchTicket, TicketBody } from '../support/tickets';

interface ViewersMessage {
  ticketId: string;
  viewers: { agentId: string; name: string; mode: string; since: string }[];
}

type Ack = { ok: true; viewers?: ViewersMessage['viewers'] } | { ok: false; error: string };

describe('live ticket pushes over socket.io (/live)', () => {
  let run: MailRun;
  let testApp: TestApp;
  let url: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    run = await startMailRun('live_tickets');
    testApp = run.testApp;
    url = await listen(testApp);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await run.stop();
  });

  async function connect(agent: TestAgent, base = url): Promise<LiveClient> {
    const client = await connectLive(base, agent);
    clients.push(client);
    return client;
  }

  function reply(agent: TestAgent, ticketId: string, body: string, kind = 'reply'): Promise<unknown> {
    return testApp
      .http()
      .post(`/api/tickets/${ticketId}/messages`)
      .set('Authorization', agent.auth)
      .send({ kind, body })
      .expect(201);
  }

  const aboutTicket =
    (ticketId: string) =>
    (payload: { ticketId: string }): boolean =>
      payload.ticketId === ticketId;

  it('pushes a reply posted over HTTP by another agent to the watchers, in the shape of GET /events', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const grace = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const watcher = await connect(ada);
    const ack = await watcher.command<Ack>('ticket.watch', { ticketId: ticket.id });
    expect(ack).toMatchObject({ ok: true, viewers: [expect.objectContaining({ agentId: ada.id })] });

    await reply(grace, ticket.id, 'We refunded the second charge.');

    const pushed = await watcher.next<TicketEventMessage>(
      'ticket.event',
      (message) => message.event.message?.bodyText.includes('We refunded') === true,
    );
    expect(pushed.ticketId).toBe(ticket.id);
    expect(pushed.event.message?.bodyText).toBe('We refunded the second charge.');
    expect(pushed.event.actor).toEqual({ kind: 'agent', id: grace.id, name: 'Test agent' });
    const events = await testApp
      .http()
      .get(`/api/tickets/${ticket.id}/events`)
      .set('Authorization', ada.auth)
      .expect(200);
    const sameEvent = (events.body as { id: string }[]).find((event) => event.id === pushed.event.id);
    expect(pushed.event).toEqual(sameEvent);
    const changed = await watcher.next<TicketChangedMessage>('ticket.changed', aboutTicket(ticket.id));
    expect(changed).toMatchObject({
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      teamId: ada.teamIds[0],
      lastEvent: { type: expect.any(String), actor: { kind: 'agent' } },
    });
  });

  it('pushes a customer message that arrives by email through the worker', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const requester = `pat-${randomUUID().slice(0, 8)}@customer.example`;
    const ticket = await createTicket(testApp, ada, {
      teamId: ada.teamIds[0],
      requester: { email: requester, name: 'Pat' },
    });
    const watcher = await connect(ada);
    await watcher.command<Ack>('ticket.watch', { ticketId: ticket.id });

    const smtp = createTransport({
      host: '127.0.0.1',
      port: run.worker.get(InboundSmtpListener).port,
      secure: false,
      ignoreTLS: true,
    });
    await smtp.sendMail({
      from: requester,
      to: 'billing@desk.example',
      subject: `Re: ${ticket.subject} [${ticket.number}]`,
      text: 'The second charge is still on my card statement.',
    });
    smtp.close();

    const pushed = await watcher.next<TicketEventMessage>(
      'ticket.event',
      (message) =>
        message.ticketId === ticket.id &&
        message.event.actor.kind === 'customer' &&
        message.event.type === 'message' &&
        message.event.message?.bodyText.includes('still on my card') === true,
      15_000,
    );
    expect(pushed.event.source).toBe('live');
  });

  it('pushes the end of a work session that the worker’s idle sweep commits', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const watcher = await connect(ada);
    await watcher.command<Ack>('ticket.watch', { ticketId: ticket.id });
    await testApp
      .http()
      .post(`/api/tickets/${ticket.id}/work/heartbeat`)
      .set('Authorization', ada.auth)
      .expect(200);
    await watcher.next<TicketEventMessage>(
      'ticket.event',
      (message) => message.event.type === 'work.started',
    );
    await testApp.dataSource.query(
      `UPDATE work_sessions SET started_at = started_at - interval '1 hour',
              last_heartbeat_at = last_heartbeat_at - interval '1 hour' WHERE ticket_id = $1`,
      [ticket.id],
    );

    await run.worker.get(EndIdleWorkSessionsUseCase).execute();

    const ended = await watcher.next<TicketEventMessage>(
      'ticket.event',
      (message) => message.ticketId === ticket.id && message.event.type === 'work',
    );
    expect(ended.event.payload).toMatchObject({ agentId: ada.id, reason: 'idle' });
  });

  it('pushes an assignment change to the new and the previous assignee and updates their queue counts', async () => {
    const [ada, linus] = await Promise.all([
      testApp.agent('agent', [uniqueTeam()]),
      testApp.agent('agent', [uniqueTeam()]),
    ]);
    const ticket = await createTicket(testApp, ada, { assigneeId: ada.id });
    const [adaLive, linusLive] = await Promise.all([connect(ada), connect(linus)]);
    const mine = (count: number) => (message: QueueCountsMessage) => message.views.mine === count;
    await adaLive.next('queue.counts', mine(1));
    await linusLive.next('queue.counts', mine(0));

    await patchTicket(testApp, ada, ticket.id, { assigneeId: linus.id }).expect(200);

    const reassigned = (message: TicketChangedMessage): boolean =>
      message.ticketId === ticket.id && message.assigneeId === linus.id;
    const toPrevious = await adaLive.next<TicketChangedMessage>('ticket.changed', reassigned);
    const toNew = await linusLive.next<TicketChangedMessage>('ticket.changed', reassigned);
    for (const message of [toPrevious, toNew]) {
      expect(message).toMatchObject({
        assigneeId: linus.id,
        lastEvent: { type: 'ticket.assigned', actor: { kind: 'agent', id: ada.id } },
      });
    }
    await adaLive.next('queue.counts', mine(0));
    await linusLive.next('queue.counts', mine(1));
  });

  it('keeps an on-hold ticket in its agent’s views: its SLA still runs', async () => {
    const ada = await testApp.agent('agent', [uniqueTeam()]);
    const ticket = await createTicket(testApp, ada, {
      assigneeId: ada.id,
      teamId: ada.teamIds[0],
      priority: 'urgent',
    });
    await patchTicket(testApp, ada, ticket.id, { status: 'on_hold' }).expect(200);
    const adaLive = await connect(ada);
    await adaLive.next<QueueCountsMessage>('queue.counts', (message) => message.views.breachingSoon === 1);

    // Another ticket for the team: the counts change, and still hold the on-hold one.
    await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const counts = await adaLive.next<QueueCountsMessage>(
      'queue.counts',
      (message) => message.views.unassigned === 1,
    );
    expect(counts.views).toEqual({ mine: 1, unassigned: 1, team: 2, all: 2, pending: 0, breachingSoon: 1 });
  });

  it('tells the previous team when a ticket moves to another team, and stops its watchers', async () => {
    const billing = await testApp.agent('agent', [uniqueTeam('billing')]);
    const collections = await testApp.agent('agent', [uniqueTeam('collections')]);
    const ticket = await createTicket(testApp, billing, { teamId: billing.teamIds[0] });
    const [billingLive, collectionsLive] = await Promise.all([connect(billing), connect(collections)]);
    expect(await billingLive.command<Ack>('ticket.watch', { ticketId: ticket.id })).toMatchObject({
      ok: true,
    });

    await patchTicket(testApp, billing, ticket.id, { teamId: collections.teamIds[0] }).expect(200);

    const moved = (message: TicketChangedMessage): boolean =>
      message.ticketId === ticket.id && message.teamId === collections.teamIds[0];
    await billingLive.next<TicketChangedMessage>('ticket.changed', moved);
    await collectionsLive.next<TicketChangedMessage>('ticket.changed', moved);
    billingLive.clear('ticket.event');
    await reply(collections, ticket.id, 'Collections takes it from here.');
    await collectionsLive.next<TicketChangedMessage>(
      'ticket.changed',
      (message) => message.ticketId === ticket.id && message.lastEvent.actor.id === collections.id,
    );
    await pause(300);
    expect(billingLive.all('ticket.event', aboutTicket(ticket.id))).toEqual([]);
    expect(
      billingLive.all<TicketChangedMessage>(
        'ticket.changed',
        (message) => message.lastEvent.actor.id === collections.id,
      ),
    ).toEqual([]);
  });

  it('tells an agent of another team nothing about a ticket and refuses to let it watch', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const outsider = await testApp.agent('agent', [uniqueTeam()]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const [adaLive, outsiderLive] = await Promise.all([connect(ada), connect(outsider)]);

    const refused = await outsiderLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/only watch tickets of their teams/) });
    expect(await outsiderLive.command<Ack>('ticket.watch', { ticketId: randomUUID() })).toEqual({
      ok: false,
      error: expect.stringMatching(/No ticket with id/),
    });
    expect(await outsiderLive.command<Ack>('ticket.watch', { ticketId: 'LD-1' })).toEqual({
      ok: false,
      error: 'ticketId must be a UUID',
    });

    await reply(ada, ticket.id, 'Only for the team.');
    await patchTicket(testApp, ada, ticket.id, { priority: 'high' }).expect(200);
    await adaLive.next<TicketChangedMessage>(
      'ticket.changed',
      (message) => message.ticketId === ticket.id && message.priority === 'high',
    );
    await pause(300);
    expect(outsiderLive.all('ticket.changed', aboutTicket(ticket.id))).toEqual([]);
    expect(outsiderLive.all('ticket.event', aboutTicket(ticket.id))).toEqual([]);
  });

  it('shows two agents on one ticket to each other, with replying mode, and removes one that disconnects', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const grace = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const adaLive = await connect(ada);
    const graceLive = await connect(grace);
    await adaLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
    const graceAck = await graceLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
    expect(graceAck).toMatchObject({
      ok: true,
      viewers: [
        { agentId: ada.id, mode: 'viewing' },
        { agentId: grace.id, mode: 'viewing' },
      ],
    });
    const bothViewing = await adaLive.next<ViewersMessage>(
      'ticket.viewers',
      (message) => message.ticketId === ticket.id && message.viewers.length === 2,
    );
    expect(bothViewing.viewers.map((viewer) => viewer.agentId)).toEqual([ada.id, grace.id]);

    expect(
      await graceLive.command<Ack>('ticket.presence', { ticketId: ticket.id, mode: 'replying' }),
    ).toEqual({
      ok: true,
    });
    const replying = await adaLive.next<ViewersMessage>('ticket.viewers', (message) =>
      message.viewers.some((viewer) => viewer.agentId === grace.id && viewer.mode === 'replying'),
    );
    expect(replying.viewers).toContainEqual({
      agentId: grace.id,
      name: 'Test agent',
      mode: 'replying',
      since: expect.any(String),
    });
    expect(await graceLive.command<Ack>('ticket.presence', { ticketId: ticket.id, mode: 'typing' })).toEqual({
      ok: false,
      error: 'mode must be one of viewing, replying',
    });

    graceLive.close();
    const alone = await adaLive.next<ViewersMessage>(
      'ticket.viewers',
      (message) => message.ticketId === ticket.id && message.viewers.length === 1,
    );
    expect(alone.viewers).toEqual([expect.objectContaining({ agentId: ada.id, mode: 'viewing' })]);
  });

  it('stops pushing a ticket’s events to a watcher after unwatch', async () => {
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const adaLive = await connect(ada);
    await adaLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
    expect(await adaLive.command<Ack>('ticket.unwatch', { ticketId: ticket.id })).toEqual({ ok: true });
    // Events committed before the unwatch (the ticket's creation) may have arrived until now.
    adaLive.clear('ticket.event');
    await reply(ada, ticket.id, 'Not watched any more.');
    await adaLive.next<TicketChangedMessage>(
      'ticket.changed',
      (message) => message.ticketId === ticket.id && message.status === 'open',
    );
    await pause(200);
    expect(adaLive.all('ticket.event', aboutTicket(ticket.id))).toEqual([]);
  });

  it('shares viewers and pushes between two api instances', async () => {
    const second = await TestApp.start();
    try {
      const secondUrl = await listen(second);
      const team = uniqueTeam();
      const ada = await testApp.agent('agent', [team]);
      const grace = await testApp.agent('agent', [team]);
      const ticket: TicketBody = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
      const adaLive = await connect(ada, url);
      const graceLive = await connect(grace, secondUrl);
      await adaLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
      await graceLive.command<Ack>('ticket.watch', { ticketId: ticket.id });

      await adaLive.next<ViewersMessage>('ticket.viewers', (message) =>
        message.viewers.some((viewer) => viewer.agentId === grace.id),
      );
      await reply(ada, ticket.id, 'Sent through the first instance.');
      const pushed = await graceLive.next<TicketEventMessage>(
        'ticket.event',
        (message) => message.event.message?.bodyText.includes('first instance') === true,
      );
      expect(pushed.ticketId).toBe(ticket.id);
      expect(
        graceLive.all<TicketEventMessage>('ticket.event', (message) => message.event.id === pushed.event.id),
      ).toHaveLength(1);

      graceLive.close();
      await adaLive.next<ViewersMessage>(
        'ticket.viewers',
        (message) =>
          message.ticketId === ticket.id && message.viewers.every((viewer) => viewer.agentId !== grace.id),
      );
    } finally {
      await second.close();
    }
  });

  it('still pushes after the listening database connection was terminated', async () => {
    const listener = testApp.app.get(CommittedChangesListener);
    const team = uniqueTeam();
    const ada = await testApp.agent('agent', [team]);
    const ticket = await createTicket(testApp, ada, { teamId: ada.teamIds[0] });
    const adaLive = await connect(ada);
    await adaLive.command<Ack>('ticket.watch', { ticketId: ticket.id });
    const pid = listener.listeningBackendPid;
    expect(pid).toEqual(expect.any(Number));

    const [{ terminated }] = await testApp.dataSource.query<{ terminated: boolean }[]>(
      `SELECT pg_terminate_backend($1) AS terminated`,
      [pid],
    );
    expect(terminated).toBe(true);
    await reply(ada, ticket.id, 'Written while the listener was down.');

    const pushed = await adaLive.next<TicketEventMessage>(
      'ticket.event',
      (message) => message.event.message?.bodyText.includes('while the listener was down') === true,
      10_000,
    );
    expect(pushed.ticketId).toBe(ticket.id);
    const reconnectedPid = await eventually(() =>
      Promise.resolve(listener.listeningBackendPid !== pid && listener.listeningBackendPid),
    );
    expect(reconnectedPid).not.toBe(pid);

    await reply(ada, ticket.id, 'Written after the reconnect.');
    const after = await adaLive.next<TicketEventMessage>(
      'ticket.event',
      (message) => message.event.message?.bodyText.includes('after the reconnect') === true,
    );
    expect(
      adaLive.all<TicketEventMessage>('ticket.event', (message) => message.event.id === after.event.id),
    ).toHaveLength(1);
  });
});
