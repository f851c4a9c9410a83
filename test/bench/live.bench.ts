/**
 * Live push benchmark: latency from a change's COMMIT to its receipt by a socket.io client, and
 * how a burst of changes is coalesced into `queue.metrics` pushes.
 *
 *   npm run bench:live
 *   npm run bench:live -- --changes 500 --interval 10 --burst-rate 500 --burst-seconds 5
 *
 * On a throwaway database (created, migrated, dropped) and Redis key prefix of its own, it starts
 * the real api (Fastify + socket.io) on a loopback port, connects an agent (watching 20 tickets of
 * its team) and a supervisor with socket.io-client, then:
 *
 *  1. latency: commits --changes events (default 200), one transaction each, every --interval ms
 *     (default 25), on a separate PostgreSQL connection — as the worker or another api instance
 *     would — and measures, per event, from the moment COMMIT is sent to the receipt of its
 *     `ticket.event` (watcher) and of the ticket's `ticket.changed` (inbox): p50/p95/max;
 *  2. burst: commits --burst-rate changes/s (default 500) for --burst-seconds (default 3) over 4
 *     connections and counts the `queue.metrics` pushes the supervisor receives (target: at most
 *     ~4/s) and how long after the last commit the last one arrives.
 *
 * The machine's load average is printed: anything else running on it skews every figure.
 * DATABASE_URL names the PostgreSQL server (its database is not touched), REDIS_URL the Redis server.
 */
import 'reflect-metadata';
import { CreateAgentUseCase } from '@ledgerdesk/agents';
import { QueueMetricsPusher } from '@ledgerdesk/live';
import { AppConfig, buildTypeOrmOptions } from '@ledgerdesk/shared';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : Number(process.argv[index + 1]);
};
const CHANGES = argument('--changes', 200);
const INTERVAL_MS = argument('--interval', 25);
const BURST_RATE = argument('--burst-rate', 500);
const BURST_SECONDS = argument('--burst-seconds', 3);
const TICKETS = 20;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const now = (): number => performance.timeOrigin + performance.now();

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  return sorted[low] + (sorted[Math.ceil(rank)] - sorted[low]) * (rank - low);
}

function summary(label: string, latencies: number[], expected: number): string {
  const sorted = [...latencies].sort((a, b) => a - b);
  const ms = (value: number): string => `${value.toFixed(1)} ms`;
  return (
    `${label}: received ${sorted.length}/${expected}, p50 ${ms(percentile(sorted, 0.5))}, ` +
    `p95 ${ms(percentile(sorted, 0.95))}, max ${ms(sorted[sorted.length - 1] ?? Number.NaN)}`
  );
}

async function login(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function connect(url: string, token: string): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: { token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('session', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** One change = one transaction on `client`; resolves with the time COMMIT was sent and the event id. */
async function commitChange(client: Client, ticketId: string): Promise<{ id: string; sentAt: number }> {
  await client.query('BEGIN');
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO ticket_events (ticket_id, type, actor_kind, payload)
     VALUES ($1, 'ticket.tags_changed', 'system', '{"added":["bench"],"removed":[]}') RETURNING id::text AS id`,
    [ticketId],
  );
  const sentAt = now();
  await client.query('COMMIT');
  return { id: rows[0].id, sentAt };
}

async function main(): Promise<void> {
  const id = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const database = `ledgerdesk_livebench_${id}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const databaseUrl = new URL(server.toString());
  databaseUrl.pathname = `/${database}`;
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl.toString(),
    REDIS_KEY_PREFIX: `ld-live-bench-${id}`,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    LOG_LEVEL: 'silent',
  });
  const loadAtStart = loadavg()[0];
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const writers: Client[] = [];
  const sockets: Socket[] = [];
  let app: Awaited<ReturnType<typeof import('../../apps/api/src/create-api-app').createApiApp>> | undefined;
  try {
    const migrations = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
    await migrations.runMigrations({ transaction: 'each' });
    await migrations.destroy();

    const { createApiApp } = await import('../../apps/api/src/create-api-app');
    app = await createApiApp({ logger: false, swaggerUi: false });
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const agents = app.get(CreateAgentUseCase);
    const agent = await agents.execute(
      { email: 'agent@bench.example', name: 'Bench agent', role: 'agent', password, teams: ['Bench'] },
      null,
    );
    await agents.execute(
      {
        email: 'supervisor@bench.example',
        name: 'Bench supervisor',
        role: 'supervisor',
        password,
        teams: ['Bench'],
      },
      null,
    );
    const agentToken = await login(url, 'agent@bench.example', password);
    const supervisorToken = await login(url, 'supervisor@bench.example', password);
    const ticketIds: string[] = [];
    for (let index = 0; index < TICKETS; index += 1) {
      const response = await fetch(`${url}/api/tickets`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
        body: JSON.stringify({
          channel: 'email',
          subject: `Bench ticket ${index}`,
          body: 'Charged twice.',
          requester: { email: `customer-${index}@bench.example` },
          teamId: agent.teams[0].id,
        }),
      });
      ticketIds.push(((await response.json()) as { id: string }).id);
    }

    const watcher = await connect(url, agentToken);
    sockets.push(watcher);
    for (const ticketId of ticketIds) await watcher.emitWithAck('ticket.watch', { ticketId });
    const eventReceived = new Map<string, number>();
    const changedReceived = new Map<string, number>();
    watcher.on('ticket.event', (message: { event: { id: string } }) =>
      eventReceived.set(message.event.id, now()),
    );
    watcher.on('ticket.changed', (message: { lastEvent: { id: string } }) =>
      changedReceived.set(message.lastEvent.id, now()),
    );
    for (let index = 0; index < 4; index += 1) {
      const client = new Client({ connectionString: databaseUrl.toString() });
      await client.connect();
      writers.push(client);
    }
    await sleep(500);

    // 1. Latency, one change at a time.
    const sent = new Map<string, number>();
    for (let index = 0; index < CHANGES; index += 1) {
      const change = await commitChange(writers[0], ticketIds[index % TICKETS]);
      sent.set(change.id, change.sentAt);
      await sleep(INTERVAL_MS);
    }
    await sleep(1500);
    const latencies = (received: Map<string, number>): number[] =>
      [...sent].flatMap(([eventId, at]) => (received.has(eventId) ? [received.get(eventId)! - at] : []));
    console.log(
      `live push latency, commit → client receipt (${CHANGES} changes, one every ${INTERVAL_MS} ms):`,
    );
    console.log(`  ${summary('ticket.event (watcher)', latencies(eventReceived), CHANGES)}`);
    console.log(`  ${summary('ticket.changed (inbox)', latencies(changedReceived), CHANGES)}`);

    // 2. Burst: queue.metrics coalescing.
    const supervisor = await connect(url, supervisorToken);
    sockets.push(supervisor);
    const metricsAt: number[] = [];
    supervisor.on('queue.metrics', () => metricsAt.push(now()));
    await sleep(1000);
    metricsAt.length = 0;
    const pusher = app.get(QueueMetricsPusher);
    const computationsBefore = pusher.computations;
    const total = BURST_RATE * BURST_SECONDS;
    const perWriter = Math.ceil(total / writers.length);
    const spacing = (1000 * writers.length) / BURST_RATE;
    const burstStart = now();
    let lastCommit = 0;
    await Promise.all(
      writers.map(async (client, writer) => {
        for (let index = 0; index < perWriter; index += 1) {
          const due = burstStart + index * spacing + (writer * spacing) / writers.length;
          const wait = due - now();
          if (wait > 0) await sleep(wait);
          await commitChange(client, ticketIds[(index * writers.length + writer) % TICKETS]);
          lastCommit = Math.max(lastCommit, now());
        }
      }),
    );
    const burstSeconds = (lastCommit - burstStart) / 1000;
    await sleep(1500);
    const during = metricsAt.filter((at) => at <= lastCommit).length;
    const afterLast = metricsAt.length > 0 ? metricsAt[metricsAt.length - 1] - lastCommit : Number.NaN;
    console.log(
      `burst: ${perWriter * writers.length} changes in ${burstSeconds.toFixed(2)} s ` +
        `(${((perWriter * writers.length) / burstSeconds).toFixed(0)}/s): ` +
        `${metricsAt.length} queue.metrics pushes (${during} during the burst = ${(during / burstSeconds).toFixed(1)}/s), ` +
        `${pusher.computations - computationsBefore} computations; last push ${afterLast.toFixed(0)} ms after the last commit`,
    );
    console.log(`load average: ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end`);
  } finally {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all(writers.map((client) => client.end()));
    await app?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`ld-live-bench-${id}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
