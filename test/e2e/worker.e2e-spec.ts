import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { TestApp, uniqueTeam } from '../support/test-app';

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('worker', () => {
  let testApp: TestApp;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    testApp = await TestApp.start();
  });

  afterAll(async () => {
    await worker?.close();
    await testApp.close();
  });

  it('boots as an application context and ends work sessions whose heartbeats stopped', async () => {
    const agent = await testApp.agent('agent', [uniqueTeam()]);
    const ticket = await testApp
      .http()
      .post('/api/tickets')
      .set('authorization', agent.auth)
      .send({
        channel: 'web',
        subject: 'Idle session',
        body: 'x',
        requester: { email: 'idle@customer.example' },
      })
      .expect(201);
    const session = await testApp
      .http()
      .post(`/api/tickets/${ticket.body.id}/work/heartbeat`)
      .set('authorization', agent.auth)
      .expect(200);
    // The console went quiet five minutes ago.
    await testApp.dataSource.query(
      `UPDATE work_sessions SET started_at = now() - interval '9 minutes', last_heartbeat_at = now() - interval '5 minutes' WHERE id = $1`,
      [session.body.id],
    );

    worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    await worker.init();

    const ended = await waitFor(async () => {
      const [row] = await testApp.dataSource.query<
        { end_reason: string; ended_at: Date; last_heartbeat_at: Date }[]
      >(
        `SELECT end_reason, ended_at, last_heartbeat_at FROM work_sessions WHERE id = $1 AND ended_at IS NOT NULL`,
        [session.body.id],
      );
      return row;
    }, 10_000);
    expect(ended?.end_reason).toBe('idle');
    expect(ended?.ended_at).toEqual(ended?.last_heartbeat_at);

    const events = await testApp.dataSource.query<
      { at: Date; payload: { reason: string; endedAt: string } }[]
    >(`SELECT at, payload FROM ticket_events WHERE ticket_id = $1 AND type = 'work'`, [ticket.body.id]);
    expect(events).toHaveLength(1);
    expect(events[0].payload.reason).toBe('idle');
    expect(new Date(events[0].payload.endedAt).getTime()).toBe(ended?.last_heartbeat_at.getTime());
  });
});
