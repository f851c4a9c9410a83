import { AppConfig } from '@ledgerdesk/shared';
import { Client, Notification } from 'pg';
import { TestApp } from '../support/test-app';
import { createTicket } from '../support/tickets';

/**
 * Notifications of the application's transactions are sent after COMMIT, not at it
 * (migration 1764094200000), against real PostgreSQL: what a LISTEN connection receives.
 */
describe('deferred notifications', () => {
  let testApp: TestApp;
  let listener: Client;
  const received: Notification[] = [];
  const channel = `deferred_test_${process.pid}`;

  beforeAll(async () => {
    testApp = await TestApp.start();
    listener = new Client({ connectionString: testApp.app.get(AppConfig).databaseUrl });
    await listener.connect();
    listener.on('notification', (notification) => received.push(notification));
    await listener.query(`LISTEN ${channel}`);
  });

  afterAll(async () => {
    await listener.end();
    await testApp.close();
  });

  /** Notifications arrive asynchronously: a NOTIFY from the listener itself marks "all in". */
  let drains = 0;
  const drain = async (): Promise<string[]> => {
    const marker = `end-${++drains}`;
    await listener.query(`SELECT pg_notify($1, $2)`, [channel, marker]);
    for (let tries = 0; !received.some((n) => n.payload === marker); tries++) {
      if (tries > 200) throw new Error('the end marker never came');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const payloads = received
      .filter((n) => n.payload !== marker)
      .map((n) => (n.channel === channel ? (n.payload ?? '') : `${n.channel}:${n.payload ?? ''}`));
    received.length = 0;
    return payloads;
  };

  it('sends a transaction notifications once it has committed, each distinct one once, in order', async () => {
    await testApp.dataSource.transaction(async (manager) => {
      for (const payload of ['a', 'b', 'a', 'c'])
        await manager.query(`SELECT ledgerdesk_notify($1, $2)`, [channel, payload]);
      // Recorded, not sent: nothing is queued for delivery by this transaction.
      const [{ recorded }] = await manager.query<{ recorded: string }[]>(
        `SELECT current_setting('ledgerdesk.deferred_notifications') AS recorded`,
      );
      expect(recorded.split('\n').filter(Boolean)).toHaveLength(4);
    });
    expect(await drain()).toEqual(['a', 'b', 'c']);
  });

  it('sends nothing for a rolled-back transaction or savepoint', async () => {
    await expect(
      testApp.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT ledgerdesk_notify($1, 'rolled back')`, [channel]);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await testApp.dataSource.transaction(async (outer) => {
      await outer.query(`SELECT ledgerdesk_notify($1, 'kept')`, [channel]);
      await expect(
        outer.transaction(async (inner) => {
          await inner.query(`SELECT ledgerdesk_notify($1, 'savepoint rolled back')`, [channel]);
          throw new Error('abort savepoint');
        }),
      ).rejects.toThrow('abort savepoint');
      await outer.transaction((inner) =>
        inner.query(`SELECT ledgerdesk_notify($1, 'savepoint kept')`, [channel]),
      );
    });
    expect(await drain()).toEqual(['kept', 'savepoint kept']);
  });

  it('notifies at once outside a transaction the application opened', async () => {
    await testApp.dataSource.query(`SELECT ledgerdesk_notify($1, 'direct')`, [channel]);
    expect(await drain()).toEqual(['direct']);
  });

  it('defers what the triggers send: a live event reaches its listeners after the commit', async () => {
    const agent = await testApp.agent('agent');
    const ticket = await createTicket(testApp, agent);
    await drain();
    await listener.query(`LISTEN live_ticket_events`);
    try {
      const eventId = await testApp.dataSource.transaction(async (manager) => {
        const [event] = await manager.query<{ id: string }[]>(
          `INSERT INTO ticket_events (ticket_id, type, actor_kind, payload)
           VALUES ($1, 'message', 'customer', '{"author":"customer","visibility":"public"}') RETURNING id`,
          [ticket.id],
        );
        const [{ recorded }] = await manager.query<{ recorded: string }[]>(
          `SELECT current_setting('ledgerdesk.deferred_notifications') AS recorded`,
        );
        expect(recorded).toContain(`["live_ticket_events", "${event.id}"]`);
        return String(event.id);
      });
      expect(await drain()).toContain(`live_ticket_events:${eventId}`);
    } finally {
      await listener.query(`UNLISTEN live_ticket_events`);
    }
  });
});
