import { AppConfig } from '@ledgerdesk/shared';
import type { Response } from 'supertest';
import { EndIdleWorkSessionsUseCase } from '@ledgerdesk/tickets';
import { TestAgent, TestApp, uniqueTeam } from '../support/test-app';
import {
  createTicket,
  eventsOf,
  eventsSince,
  expectApiError,
  UUID_NOBODY_HAS,
  withFailingEvent,
} from '../support/tickets';

interface SessionRow {
  id: string;
  agent_id: string;
  started_at: Date;
  last_heartbeat_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
  end_event_id: string | null;
}

describe('work sessions', () => {
  let testApp: TestApp;
  let idleSeconds: number;
  let agent: TestAgent;
  let teammate: TestAgent;
  let outsider: TestAgent;
  let team: string;

  beforeAll(async () => {
    testApp = await TestApp.start();
    idleSeconds = testApp.app.get(AppConfig).workSessionIdleSeconds;
    team = uniqueTeam('work');
    agent = await testApp.agent('agent', [team]);
    teammate = await testApp.agent('agent', [team]);
    outsider = await testApp.agent('agent', [uniqueTeam()]);
  });

  afterAll(() => testApp.close());

  const heartbeat = (ticketId: string, caller: TestAgent = agent) =>
    testApp.http().post(`/api/tickets/${ticketId}/work/heartbeat`).set('Authorization', caller.auth);
  const stop = (ticketId: string, caller: TestAgent = agent) =>
    testApp.http().post(`/api/tickets/${ticketId}/work/stop`).set('Authorization', caller.auth);
  const sessionsOf = (ticketId: string): Promise<SessionRow[]> =>
    testApp.dataSource.query(
      `SELECT id, agent_id, started_at, last_heartbeat_at, ended_at, end_reason, end_event_id
         FROM work_sessions WHERE ticket_id = $1 ORDER BY started_at, id`,
      [ticketId],
    );
  /** Moves a session into the past: it started `ago` seconds ago and last beat `idle` seconds ago. */
  const backdate = (sessionId: string, ago: number, idle: number): Promise<unknown> =>
    testApp.dataSource.query(
      `UPDATE work_sessions
          SET started_at = now() - make_interval(secs => $2), last_heartbeat_at = now() - make_interval(secs => $3)
        WHERE id = $1`,
      [sessionId, ago, idle],
    );

  it('starts a session on the first heartbeat with one work.started event', async () => {
    const ticket = await createTicket(testApp, agent);
    const before = await eventsOf(testApp, ticket.id);

    const response = await heartbeat(ticket.id).expect(200);

    expect(response.body).toEqual({
      id: expect.any(String),
      ticketId: ticket.id,
      startedAt: expect.any(String),
      lastHeartbeatAt: response.body.startedAt,
      endedAt: null,
      endReason: null,
    });
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([
      expect.objectContaining({
        type: 'work.started',
        actor_id: agent.id,
        payload: { sessionId: response.body.id, agentId: agent.id },
      }),
    ]);
  });

  it('takes no handling time on a closed ticket: 409, and the session open on it ends', async () => {
    const ticket = await createTicket(testApp, agent);
    const session = (await heartbeat(ticket.id).expect(200)).body as { id: string };
    const close = (status: string) =>
      testApp
        .http()
        .patch(`/api/tickets/${ticket.id}`)
        .set('Authorization', agent.auth)
        .send({ status })
        .expect(200);
    await close('solved');
    await close('closed');

    const refused = await heartbeat(ticket.id).expect(409);
    expectApiError(refused, 409, /closed/);
    const sessions = await sessionsOf(ticket.id);
    expect(sessions).toEqual([expect.objectContaining({ id: session.id, end_reason: 'stopped' })]);
    expect(sessions[0].ended_at).not.toBeNull();
  });

  it('extends the open session on later heartbeats without writing events', async () => {
    const ticket = await createTicket(testApp, agent);
    const first = await heartbeat(ticket.id).expect(200);
    const before = await eventsOf(testApp, ticket.id);

    const second = await heartbeat(ticket.id).expect(200);

    expect(second.body.id).toBe(first.body.id);
    expect(second.body.startedAt).toBe(first.body.startedAt);
    expect(new Date(second.body.lastHeartbeatAt).getTime()).toBeGreaterThan(
      new Date(first.body.lastHeartbeatAt).getTime(),
    );
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
    expect(await sessionsOf(ticket.id)).toHaveLength(1);
  });

  it('keeps one session per agent on the same ticket', async () => {
    const ticket = await createTicket(testApp, agent);
    const mine = await heartbeat(ticket.id).expect(200);
    const theirs = await heartbeat(ticket.id, teammate).expect(200);

    expect(theirs.body.id).not.toBe(mine.body.id);
    expect((await sessionsOf(ticket.id)).map((session) => session.agent_id).sort()).toEqual(
      [agent.id, teammate.id].sort(),
    );
    await stop(ticket.id, teammate).expect(200);
    const sessions = await sessionsOf(ticket.id);
    expect(sessions.find((session) => session.agent_id === agent.id)?.ended_at).toBeNull();
  });

  it('ends the session on stop with one work event stamped with the session start', async () => {
    const ticket = await createTicket(testApp, agent);
    const started = await heartbeat(ticket.id).expect(200);
    const before = await eventsOf(testApp, ticket.id);

    const response = await stop(ticket.id).expect(200);

    expect(response.body).toMatchObject({
      id: started.body.id,
      startedAt: started.body.startedAt,
      endedAt: expect.any(String),
      endReason: 'stopped',
    });
    const added = await eventsSince(testApp, ticket.id, before);
    expect(added).toEqual([
      expect.objectContaining({
        type: 'work',
        actor_kind: 'agent',
        actor_id: agent.id,
        at: new Date(started.body.startedAt),
        payload: {
          sessionId: started.body.id,
          agentId: agent.id,
          endedAt: expect.any(String),
          reason: 'stopped',
        },
      }),
    ]);
    expect(new Date(added[0].payload.endedAt as string).toISOString()).toBe(response.body.endedAt);
    const [session] = await sessionsOf(ticket.id);
    expect(session).toMatchObject({ end_reason: 'stopped', end_event_id: added[0].id });
  });

  it('answers null and writes nothing when stopping without an open session', async () => {
    const ticket = await createTicket(testApp, agent);
    await heartbeat(ticket.id).expect(200);
    await stop(ticket.id).expect(200);
    const before = await eventsOf(testApp, ticket.id);

    const response = await stop(ticket.id).expect(200);

    expect(response.body).toBeNull();
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
  });

  it('starts a new session after a stop', async () => {
    const ticket = await createTicket(testApp, agent);
    const first = await heartbeat(ticket.id).expect(200);
    await stop(ticket.id).expect(200);
    const second = await heartbeat(ticket.id).expect(200);
    expect(second.body.id).not.toBe(first.body.id);
    expect((await eventsOf(testApp, ticket.id)).map((event) => event.type).slice(-3)).toEqual([
      'work.started',
      'work',
      'work.started',
    ]);
  });

  it('ends an idle session at its last heartbeat when the agent comes back, then starts a new one', async () => {
    const ticket = await createTicket(testApp, agent);
    const stale = await heartbeat(ticket.id).expect(200);
    await backdate(stale.body.id, idleSeconds + 600, idleSeconds + 60);
    const [backdated] = await sessionsOf(ticket.id);
    const before = await eventsOf(testApp, ticket.id);

    const fresh = await heartbeat(ticket.id).expect(200);

    expect(fresh.body.id).not.toBe(stale.body.id);
    const sessions = await sessionsOf(ticket.id);
    expect(sessions[0]).toMatchObject({
      id: stale.body.id,
      ended_at: backdated.last_heartbeat_at,
      end_reason: 'idle',
    });
    expect(sessions[1]).toMatchObject({ id: fresh.body.id, ended_at: null });
    const added = await eventsSince(testApp, ticket.id, before);
    expect(added.map((event) => [event.type, event.at, event.payload])).toEqual([
      [
        'work',
        backdated.started_at,
        {
          sessionId: stale.body.id,
          agentId: agent.id,
          endedAt: expect.any(String),
          reason: 'idle',
        },
      ],
      ['work.started', expect.any(Date), { sessionId: fresh.body.id, agentId: agent.id }],
    ]);
    expect(new Date(added[0].payload.endedAt as string)).toEqual(backdated.last_heartbeat_at);
  });

  it('ends an idle session at its last heartbeat on stop as well', async () => {
    const ticket = await createTicket(testApp, agent);
    const stale = await heartbeat(ticket.id).expect(200);
    await backdate(stale.body.id, idleSeconds + 300, idleSeconds + 10);
    const [backdated] = await sessionsOf(ticket.id);

    const response = await stop(ticket.id).expect(200);

    expect(response.body).toMatchObject({
      id: stale.body.id,
      endedAt: backdated.last_heartbeat_at.toISOString(),
      endReason: 'idle',
    });
  });

  it('lets the sweep end idle sessions at their last heartbeat and leaves live ones alone', async () => {
    const ticket = await createTicket(testApp, agent);
    const idle = await heartbeat(ticket.id).expect(200);
    const live = await heartbeat(ticket.id, teammate).expect(200);
    await backdate(idle.body.id, idleSeconds * 3, idleSeconds + 1);
    const [backdated] = (await sessionsOf(ticket.id)).filter((session) => session.id === idle.body.id);
    const before = await eventsOf(testApp, ticket.id);

    const ended = await testApp.app.get(EndIdleWorkSessionsUseCase).execute();

    expect(ended).toBeGreaterThanOrEqual(1);
    const sessions = await sessionsOf(ticket.id);
    expect(sessions.find((session) => session.id === idle.body.id)).toMatchObject({
      ended_at: backdated.last_heartbeat_at,
      end_reason: 'idle',
    });
    expect(sessions.find((session) => session.id === live.body.id)?.ended_at).toBeNull();
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([
      expect.objectContaining({
        type: 'work',
        actor_id: agent.id,
        at: backdated.started_at,
        payload: expect.objectContaining({ sessionId: idle.body.id, reason: 'idle' }),
      }),
    ]);
    // A second sweep finds nothing more to do for this ticket.
    await testApp.app.get(EndIdleWorkSessionsUseCase).execute();
    expect(await eventsSince(testApp, ticket.id, before)).toHaveLength(1);
  });

  it('starts no session when its work.started event cannot be written', async () => {
    const ticket = await createTicket(testApp, agent);
    const before = await eventsOf(testApp, ticket.id);
    const response = await withFailingEvent(testApp, { ticketId: ticket.id, type: 'work.started' }, () =>
      heartbeat(ticket.id),
    );
    expectApiError(response, 500);
    expect(await sessionsOf(ticket.id)).toEqual([]);
    expect(await eventsSince(testApp, ticket.id, before)).toEqual([]);
  });

  it('keeps the session open when its work event cannot be written', async () => {
    const ticket = await createTicket(testApp, agent);
    await heartbeat(ticket.id).expect(200);
    const response = await withFailingEvent(testApp, { ticketId: ticket.id, type: 'work' }, () =>
      stop(ticket.id),
    );
    expectApiError(response, 500);
    const [session] = await sessionsOf(ticket.id);
    expect(session).toMatchObject({ ended_at: null, end_reason: null, end_event_id: null });
  });

  it('refuses an agent outside the ticket’s team (403), unknown tickets (404), malformed ids (400), no token (401)', async () => {
    const ticket = await createTicket(testApp, agent);
    for (const call of [heartbeat, stop]) {
      expectApiError(await call(ticket.id, outsider), 403);
      expectApiError(await call(UUID_NOBODY_HAS), 404);
      expectApiError(await call('not-a-ticket'), 400, /\bid\b/);
    }
    expectApiError(await testApp.http().post(`/api/tickets/${ticket.id}/work/heartbeat`), 401);
    expectApiError(await testApp.http().post(`/api/tickets/${ticket.id}/work/stop`), 401);
    expect(await sessionsOf(ticket.id)).toEqual([]);
  });

  it('ends a session at its start, not before it, when the stop began before the heartbeat that opened it', async () => {
    const ticket = await createTicket(testApp, agent);
    const opening = testApp.dataSource.createQueryRunner();
    await opening.connect();
    try {
      // A heartbeat holding the ticket: the stop's transaction begins while it waits for it.
      await opening.startTransaction();
      await opening.query(`SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE`, [ticket.id]);
      const stopped: Promise<Response> = stop(ticket.id).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // …and opens the session later than the stop's transaction began.
      await opening.query(
        `INSERT INTO work_sessions (ticket_id, agent_id, started_at, last_heartbeat_at)
         VALUES ($1, $2, clock_timestamp(), clock_timestamp())`,
        [ticket.id, agent.id],
      );
      await opening.commitTransaction();

      const response = await stopped;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ endReason: 'stopped' });
      expect(response.body.endedAt).toBe(response.body.startedAt);
    } finally {
      if (opening.isTransactionActive) await opening.rollbackTransaction();
      await opening.release();
    }
  });

  it('ends every session the agent has open when it signs out, and nobody else’s', async () => {
    const leaving = await testApp.agent('agent', [team]);
    const first = await createTicket(testApp, agent);
    const second = await createTicket(testApp, agent);
    const mine = [
      (await heartbeat(first.id, leaving).expect(200)).body.id,
      (await heartbeat(second.id, leaving).expect(200)).body.id,
    ];
    const theirs = (await heartbeat(first.id, agent).expect(200)).body.id;

    const response = await testApp
      .http()
      .post('/api/me/work/stop')
      .set('Authorization', leaving.auth)
      .expect(200);

    expect(response.body.map((session: { id: string }) => session.id).sort()).toEqual([...mine].sort());
    expect(response.body.every((session: { endReason: string }) => session.endReason === 'stopped')).toBe(
      true,
    );
    const sessions = [...(await sessionsOf(first.id)), ...(await sessionsOf(second.id))];
    expect(sessions.filter((session) => session.ended_at === null).map((session) => session.id)).toEqual([
      theirs,
    ]);
    expect((await eventsOf(testApp, second.id)).map((event) => event.type).slice(-1)).toEqual(['work']);
    const again = await testApp
      .http()
      .post('/api/me/work/stop')
      .set('Authorization', leaving.auth)
      .expect(200);
    expect(again.body).toEqual([]);
    expectApiError(await testApp.http().post('/api/me/work/stop'), 401);
  });

  it('waits for a heartbeat in flight instead of missing the session it extends', async () => {
    const ticket = await createTicket(testApp, agent);
    const started = await heartbeat(ticket.id).expect(200);
    const inFlight = testApp.dataSource.createQueryRunner();
    await inFlight.connect();
    try {
      // What a heartbeat holds while it runs: the ticket, then the session it extends.
      await inFlight.startTransaction();
      await inFlight.query(`SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE`, [ticket.id]);
      await inFlight.query(`UPDATE work_sessions SET last_heartbeat_at = now() WHERE id = $1`, [
        started.body.id,
      ]);
      const stopped: Promise<Response> = stop(ticket.id).then((response) => response);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await inFlight.commitTransaction();

      const response = await stopped;
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: started.body.id, endReason: 'stopped' });
      expect((await sessionsOf(ticket.id))[0].ended_at).not.toBeNull();
    } finally {
      if (inFlight.isTransactionActive) await inFlight.rollbackTransaction();
      await inFlight.release();
    }
  });
});
