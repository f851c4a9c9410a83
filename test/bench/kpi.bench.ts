/**
 * The KPI engine's benchmark: end-to-end throughput, rebuild time, freshness and worker memory.
 *
 *   npm run bench:kpi                  # 1,000,000 events: about 5 minutes on 2 cores
 *   npm run bench:kpi -- --events 200000 --rate 500 --seconds 10 --skip-rebuild --keep
 *   npm run bench:kpi -- --database ledgerdesk_kpibench_xxx   # phases 2-3 on a kept database
 *
 * On a throwaway database (created, migrated, dropped) and Redis key prefix of its own, with
 * 60 agents and 25,000 customer accounts, it generates a realistic history (test/bench/support/
 * kpi-history.ts: ~112,000 tickets, events in export time order) and then:
 *
 *  1. end to end: starts the real worker (today's sources transpiled to plain JavaScript, in a
 *     child process so its memory and CPU are its own), imports the file through
 *     ImportHistoryUseCase (what `ledgerdesk import` runs) and measures from the start of the
 *     import until `kpi_pending` is empty: events/s from import to fresh KPI tables; the
 *     import's own time and the worker's CPU time are printed too;
 *  2. rebuild: `RebuildKpisUseCase.execute({})` (what `kpi:rebuild` runs) on that database, and
 *     checks that it reproduces the tables the worker built, byte for byte;
 *  3. freshness: commits live events (customer and agent messages, notes, calls, solves; one
 *     small transaction each, through appendTicketEvent) on the 20,000 latest tickets at
 *     --rate events/s for --seconds, and measures for each one commit → its ticket's
 *     `kpi_ticket_facts.last_event_id` reaching it (polled every 20 ms): p50/p95/max;
 *  4. floor: what PostgreSQL alone spends to store the rows phases 1–3 left, each written once
 *     by the cheapest path (INSERT … SELECT into empty copies of the tables, with and without
 *     their foreign keys, rolled back): a lower bound on any ingestion design that stores
 *     them, against the 100 µs per event that 20,000 events/s leaves on 2 cores;
 *  5. the worker's RSS (idle, and peak from VmHWM), and a summary against the targets.
 *
 * Phase 1 also prints where the CPU went: the import (this process), PostgreSQL (every server
 * process on the machine; a backend that exits takes its time with it, so this is a lower
 * bound) and the whole machine, against cores × seconds. On 2 cores the end-to-end figure is
 * bound by that total, not by waiting.
 *
 * The machine's load average is printed: anything else running on it skews every figure.
 * DATABASE_URL names the PostgreSQL server (its database is not touched), REDIS_URL the Redis
 * server. --keep keeps the database; --skip-rebuild / --skip-freshness / --skip-floor skip a
 * phase.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { RebuildKpisUseCase } from '@ledgerdesk/kpi';
import { AppConfig, buildTypeOrmOptions } from '@ledgerdesk/shared';
import { appendTicketEvent, ImportHistoryUseCase } from '@ledgerdesk/tickets';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Client } from 'pg';
import * as ts from 'typescript';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';
import {
  BENCH_ACCOUNT_COUNT,
  BENCH_AGENT_COUNT,
  benchAccountNumber,
  benchAgentEmail,
} from './support/kpi-history';

const ROOT = join(__dirname, '../..');
const TARGETS = { eventsPerSecond: 20_000, rebuildSeconds: 60, freshnessP95Ms: 2000 };

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const flag = (name: string): boolean => process.argv.includes(name);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`;
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Generating in a child process keeps its memory and CPU out of the way of what is measured. */
async function generateInChildProcess(file: string, events: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      join(__dirname, 'support/kpi-history.ts'),
      file,
      String(events),
    ],
    { stdio: 'inherit', cwd: ROOT },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`generating the history failed (exit ${code})`);
}

async function tsFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) =>
        entry.isFile() &&
        entry.name.endsWith('.ts') &&
        // Declarations (mailauth.d.ts) emit no JavaScript; tests are not part of the worker.
        !entry.name.endsWith('.d.ts') &&
        !entry.name.endsWith('.spec.ts'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * The worker as plain JavaScript (a transpile of today's sources, like `nest build` without
 * type checking): the measured process then carries no TypeScript compiler, as in production.
 */
async function buildWorker(outDir: string): Promise<string> {
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2023,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    esModuleInterop: true,
  };
  const sources = (
    await Promise.all(
      ['apps/worker/src', 'libs', 'migrations'].map((directory) => tsFiles(join(ROOT, directory))),
    )
  ).flat();
  for (const source of sources) {
    const target = join(outDir, relative(ROOT, source)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: options,
      fileName: source,
    });
    await writeFile(target, outputText);
  }
  await writeFile(
    join(outDir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { baseUrl: '.', paths: config.compilerOptions.paths } }),
  );
  return join(outDir, 'apps/worker/src/main.js');
}

interface Worker {
  process: ChildProcess;
  /** Current and peak resident set size (kB), from /proc. */
  memory(): { rssKb: number; peakKb: number };
  /** CPU time the worker process has used (user + system), in seconds. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function startWorker(main: string, buildDir: string, env: NodeJS.ProcessEnv): Worker {
  const child = spawn(process.execPath, ['-r', 'tsconfig-paths/register', main], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      TS_NODE_PROJECT: join(buildDir, 'tsconfig.json'),
      NODE_PATH: join(ROOT, 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited = false;
  child.on('exit', (code) => {
    exited = true;
    if (code !== 0 && code !== null) console.error(`worker exited with ${code}`);
  });
  // The worker logs "Ledgerdesk worker started" (at info, which is filtered): wait for its LISTEN.
  child.stdout?.on('data', (chunk: Buffer) => process.stdout.write(`  [worker] ${chunk.toString()}`));
  const memory = (): { rssKb: number; peakKb: number } => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const field = (name: string): number => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssKb: field('VmRSS'), peakKb: field('VmHWM') };
    } catch {
      return { rssKb: 0, peakKb: 0 };
    }
  };
  const cpuSeconds = (): number => (child.pid === undefined ? 0 : processCpuSeconds(child.pid));
  return {
    process: child,
    memory,
    cpuSeconds,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await once(child, 'exit');
      clearTimeout(killer);
    },
  };
}

/** CPU seconds (user + system) of a process, from fields 14 and 15 of /proc/<pid>/stat. */
function processCpuSeconds(pid: number | string): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) used so far by each PostgreSQL server process on this machine. */
async function postgresCpuByProcess(): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres')
        used.set(entry, processCpuSeconds(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return used;
}

/**
 * CPU seconds used so far by every PostgreSQL server process on this machine (the bench's
 * backends among them). Backends that exit between two readings take their time with them,
 * which the pooled connections measured here do not.
 */
async function postgresCpuSeconds(): Promise<number> {
  return [...(await postgresCpuByProcess()).values()].reduce((sum, seconds) => sum + seconds, 0);
}

/**
 * PostgreSQL CPU seconds used since `before` by the processes alive now: a backend that exited
 * meanwhile (another client's) does not make the sum go down.
 */
async function postgresCpuSince(before: Map<string, number>): Promise<number> {
  let used = 0;
  for (const [pid, seconds] of await postgresCpuByProcess()) used += seconds - (before.get(pid) ?? 0);
  return used;
}

/** Busy CPU seconds of the whole machine (all cores), from /proc/stat. */
function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + ticks[4];
  return (ticks.reduce((sum, n) => sum + n, 0) - idle) / 100;
}

/** Waits until the worker's relay listens on `kpi_pending`. */
async function waitForListener(dataSource: DataSource, worker: Worker): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const rows = await dataSource.query<unknown[]>(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'ledgerdesk-kpi_pending-relay'`,
    );
    if (rows.length > 0) return;
    if (worker.process.exitCode !== null) throw new Error('the worker exited before it started');
    if (Date.now() > deadline) throw new Error('the worker did not start within 60 s');
    await sleep(100);
  }
}

async function backlog(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM kpi_pending`,
  );
  return count;
}

/** A fingerprint of every KPI table, to compare what the worker built with a rebuild. */
async function kpiFingerprint(dataSource: DataSource): Promise<string> {
  const [row] = await dataSource.query<
    { facts: string; contributions: string; agent: string; desk: string }[]
  >(
    `SELECT
       (SELECT md5(string_agg(md5(row(ticket_id, account_id, channel, category, created_at, first_response_at,
                 first_response_seconds, first_response_agent_id, first_response_event_id, resolved_at,
                 resolution_seconds, resolution_agent_id, resolution_event_id, agent_contacts,
                 contacts_before_resolution, reopens, fcr, fcr_broken_by_ticket_id, handle_seconds, csat_rating,
                 csat_agent_id, csat_event_id, csat_surveys, last_event_id)::text), '' ORDER BY ticket_id))
          FROM kpi_ticket_facts) AS facts,
       (SELECT md5(string_agg(md5(c::text), '' ORDER BY ticket_id, kind, event_id)) FROM kpi_contributions c) AS contributions,
       (SELECT md5(string_agg(md5(a::text), '' ORDER BY agent_id, day, kind, dimension)) FROM kpi_agent_daily a) AS agent,
       (SELECT md5(string_agg(md5(d::text), '' ORDER BY day, kind, dimension)) FROM kpi_desk_daily d) AS desk`,
  );
  return `${row.facts}/${row.contributions}/${row.agent}/${row.desk}`;
}

interface EndToEnd {
  events: number;
  tickets: number;
  importSeconds: number;
  totalSeconds: number;
  peakBacklog: number;
}

async function endToEnd(app: INestApplicationContext, file: string, worker: Worker): Promise<EndToEnd> {
  const dataSource = app.get(DataSource);
  const { size } = await stat(file);
  let peakBacklog = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peakBacklog = Math.max(peakBacklog, await backlog(dataSource));
      await sleep(2000);
    }
  })();
  const started = process.hrtime.bigint();
  let nextReport = 0.1;
  const report = await app.get(ImportHistoryUseCase).execute(createReadStream(file), {
    onProgress: (progress) => {
      if (progress.bytesRead / size < nextReport) return;
      nextReport += 0.1;
      console.log(
        `  import ${Math.round((progress.bytesRead / size) * 100)}%: ${int(progress.imported)} events, ` +
          `${seconds(started).toFixed(1)} s, worker RSS ${mb(worker.memory().rssKb)}`,
      );
    },
  });
  const importSeconds = seconds(started);
  if (report.rejected > 0) {
    console.log(report.errors.slice(0, 5));
    throw new Error(`${report.rejected} line(s) rejected: the generator and the import disagree`);
  }
  console.log(
    `  imported ${int(report.imported)} events in ${importSeconds.toFixed(1)} s; ` +
      `${int(await backlog(dataSource))} ticket(s) still pending`,
  );
  let lastReport = Date.now();
  for (;;) {
    // Cheap enough to ask often without slowing down what it waits for.
    const [{ pending }] = await dataSource.query<{ pending: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM kpi_pending) AS pending`,
    );
    if (!pending) break;
    if (Date.now() - lastReport >= 10_000) {
      lastReport = Date.now();
      console.log(`  ${seconds(started).toFixed(1)} s: ${int(await backlog(dataSource))} ticket(s) pending`);
    }
    await sleep(100);
  }
  const totalSeconds = seconds(started);
  sampling = false;
  await sampler;
  const [{ tickets }] = await dataSource.query<{ tickets: number }[]>(
    `SELECT count(*)::int AS tickets FROM kpi_ticket_facts`,
  );
  return { events: report.imported, tickets, importSeconds, totalSeconds, peakBacklog };
}

interface Freshness {
  sent: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  lost: number;
  /** Set when the database could not take the rate: why sending stopped early. */
  overloaded?: string;
}

/** Seconds of unmeasured live traffic before the freshness phase measures. */
const WARM_UP_SECONDS = 3;

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/**
 * Live traffic: `rate` events a second, each committed in its own transaction on a recent
 * ticket; each one's freshness is commit → its ticket's facts include it.
 */
async function freshness(app: INestApplicationContext, rate: number, duration: number): Promise<Freshness> {
  const dataSource = app.get(DataSource);
  const tickets = (
    await dataSource.query<{ id: string }[]>(`SELECT id FROM tickets ORDER BY created_at DESC LIMIT 20000`)
  ).map((row) => row.id);
  const agents = (await dataSource.query<{ id: string }[]>(`SELECT id FROM agents`)).map((row) => row.id);
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)];

  /** Committed events not yet reflected, by ticket: event id and commit time. */
  const waiting = new Map<string, { id: bigint; committed: number }[]>();
  const latencies: number[] = [];
  let inFlight = 0;
  let failures = 0;

  const send = async (measured = true): Promise<void> => {
    const ticketId = pick(tickets);
    const agentId = pick(agents);
    const roll = rand();
    const event =
      roll < 0.4
        ? {
            type: 'message' as const,
            actor: { kind: 'customer' as const },
            payload: { author: 'customer', visibility: 'public' },
          }
        : roll < 0.8
          ? {
              type: 'message' as const,
              actor: { kind: 'agent' as const, id: agentId },
              payload: { author: 'agent', visibility: rand() < 0.2 ? 'internal' : 'public', agentId },
            }
          : roll < 0.92
            ? {
                type: 'call' as const,
                actor: { kind: 'agent' as const, id: agentId },
                payload: {
                  agentId,
                  direction: 'inbound',
                  endedAt: new Date(Date.now() + 300_000).toISOString(),
                  holdSeconds: 0,
                  wrapUpSeconds: 30,
                },
              }
            : {
                type: 'ticket.solved' as const,
                actor: { kind: 'agent' as const, id: agentId },
                payload: { agentId },
              };
    inFlight += 1;
    try {
      const appended = await dataSource.transaction((manager) =>
        appendTicketEvent(manager, { ticketId, ...event }),
      );
      if (measured) {
        const committed = performance.now();
        const list = waiting.get(ticketId) ?? [];
        list.push({ id: BigInt(appended.id), committed });
        waiting.set(ticketId, list);
      }
    } catch (error) {
      failures += 1;
      if (failures <= 3) console.error(`  live event failed: ${(error as Error).message}`);
    } finally {
      inFlight -= 1;
    }
  };

  // Warm-up, not measured: a process that has not run this path yet (code not yet optimised,
  // pool not yet open) falls a second behind in its first seconds at 500/s, which would stop
  // the phase before it measured anything. Half the rate for WARM_UP_SECONDS.
  const warmUpStarted = performance.now();
  const warmUps: Promise<void>[] = [];
  while (performance.now() - warmUpStarted < WARM_UP_SECONDS * 1000) {
    const due = Math.floor(((performance.now() - warmUpStarted) / 1000) * (rate / 2));
    while (warmUps.length < due) warmUps.push(send(false));
    await sleep(5);
  }
  await Promise.all(warmUps);

  let polling = true;
  const poller = (async () => {
    while (polling || waiting.size > 0) {
      const ids = [...waiting.keys()];
      if (ids.length > 0) {
        const rows = await dataSource.query<{ ticket_id: string; last_event_id: string }[]>(
          `SELECT ticket_id, last_event_id FROM kpi_ticket_facts WHERE ticket_id = ANY($1::uuid[])`,
          [ids],
        );
        const now = performance.now();
        for (const row of rows) {
          const list = waiting.get(row.ticket_id);
          if (!list) continue;
          const last = BigInt(row.last_event_id);
          const still = list.filter((event) => {
            if (event.id > last) return true;
            latencies.push(now - event.committed);
            return false;
          });
          if (still.length > 0) waiting.set(row.ticket_id, still);
          else waiting.delete(row.ticket_id);
        }
      }
      await sleep(20);
    }
  })();

  const started = performance.now();
  const total = Math.round(rate * duration);
  const sends: Promise<void>[] = [];
  let sent = 0;
  let overloaded: string | undefined;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due) {
      sends.push(send());
      sent += 1;
    }
    if (inFlight > rate) {
      // Commits fall behind: stop sending, and measure the freshness of what was committed.
      overloaded = `commits fell behind: ${inFlight} in flight after ${sent} sent in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      break;
    }
    await sleep(5);
  }
  await Promise.all(sends);
  const sendSeconds = (performance.now() - started) / 1000;
  polling = false;
  // Events still unreflected two minutes after the last commit count as lost.
  let giveUp: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    poller.then(() => true),
    new Promise<boolean>((resolve) => (giveUp = setTimeout(() => resolve(false), 120_000))),
  ]);
  clearTimeout(giveUp);
  const lost = [...waiting.values()].reduce((sum, list) => sum + list.length, 0);
  if (!drained) waiting.clear();
  await poller;
  latencies.sort((a, b) => a - b);
  return {
    sent: sent - failures,
    seconds: sendSeconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    lost,
    overloaded,
  };
}

/** A migrated database with the bench's agents and accounts (a reused one is only migrated). */
async function prepareDatabase(reused: boolean): Promise<void> {
  const dataSource = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    if (reused) return;
    const numbers = (count: number, name: (n: number) => string): string[] =>
      Array.from({ length: count }, (_, n) => name(n));
    await dataSource.query(
      `INSERT INTO agents (email, name, role, password_hash)
       SELECT email, 'Agent ' || n, 'agent', 'not-a-login' FROM unnest($1::text[]) WITH ORDINALITY AS a(email, n)`,
      [numbers(BENCH_AGENT_COUNT, benchAgentEmail)],
    );
    await dataSource.query(
      `INSERT INTO customer_accounts (number, name, currency)
       SELECT number, 'Customer ' || n, 'EUR' FROM unnest($1::text[]) WITH ORDINALITY AS a(number, n)`,
      [numbers(BENCH_ACCOUNT_COUNT, benchAccountNumber)],
    );
  } finally {
    await dataSource.destroy();
  }
}

async function rebuild(app: INestApplicationContext): Promise<{ seconds: number; consistent: boolean }> {
  const dataSource = app.get(DataSource);
  const incremental = await kpiFingerprint(dataSource);
  const benchBefore = processCpuSeconds(process.pid);
  const machineBefore = machineBusySeconds();
  const started = process.hrtime.bigint();
  let nextReport = 0.25;
  const result = await app.get(RebuildKpisUseCase).execute({}, ({ done, total }) => {
    if (done / total < nextReport) return;
    nextReport += 0.25;
    console.log(`  ${int(done)}/${int(total)} tickets, ${seconds(started).toFixed(1)} s`);
  });
  const took = seconds(started);
  console.log(
    `  CPU: rebuild process ${(processCpuSeconds(process.pid) - benchBefore).toFixed(1)} s, ` +
      `whole machine ${(machineBusySeconds() - machineBefore).toFixed(1)} s`,
  );
  const consistent = (await kpiFingerprint(dataSource)) === incremental;
  console.log(
    `  rebuilt ${int(result.done)} tickets in ${took.toFixed(1)} s; ` +
      `tables ${consistent ? 'identical to' : 'DIFFERENT FROM'} the worker's`,
  );
  return { seconds: took, consistent };
}

/** The tables phase 1 writes: the log, what it details, the tickets and the KPI tables. */
const WRITTEN_TABLES = [
  'ticket_events',
  'ticket_messages',
  'ticket_calls',
  'work_sessions',
  'tickets',
  'kpi_ticket_facts',
  'kpi_contributions',
  'kpi_agent_daily',
  'kpi_desk_daily',
];

interface Floor {
  /** PostgreSQL CPU seconds (every server process) per table, and in all. */
  byTable: { table: string; rows: number; cpuSeconds: number }[];
  cpuSeconds: number;
}

/**
 * What PostgreSQL alone spends to store the rows phase 1 left, each written once by the
 * cheapest path there is: one INSERT … SELECT per table from the table itself (no parsing, no
 * network, no reads, no updates, no KPI computation) into an empty copy with the same indexes
 * and, unless `foreignKeys` is false, the same foreign keys; rolled back, so nothing stays. A
 * lower bound on any ingestion design that stores these rows, to hold the end-to-end figure
 * against.
 */
async function postgresFloor(dataSource: DataSource, foreignKeys: boolean): Promise<Floor> {
  const byTable: Floor['byTable'] = [];
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    for (const table of WRITTEN_TABLES) {
      const copy = `bench_floor_${table}`;
      await runner.query(`CREATE TABLE ${copy} (LIKE ${table} INCLUDING ALL)`);
      if (foreignKeys) {
        const keys = (await runner.query(
          `SELECT conname AS name, pg_get_constraintdef(oid) AS definition
             FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f'`,
          [table],
        )) as { name: string; definition: string }[];
        for (const key of keys)
          await runner.query(`ALTER TABLE ${copy} ADD CONSTRAINT ${key.name} ${key.definition}`);
      }
      const [{ columns }] = (await runner.query(
        `SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) AS columns
           FROM information_schema.columns WHERE table_name = $1 AND is_generated = 'NEVER'`,
        [table],
      )) as { columns: string }[];
      const before = await postgresCpuByProcess();
      await runner.query(`INSERT INTO ${copy} (${columns}) SELECT ${columns} FROM ${table}`);
      const cpuSeconds = await postgresCpuSince(before);
      const [{ rows }] = (await runner.query(`SELECT count(*)::int AS rows FROM ${copy}`)) as {
        rows: number;
      }[];
      byTable.push({ table, rows, cpuSeconds });
    }
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
  return { byTable, cpuSeconds: byTable.reduce((sum, entry) => sum + entry.cpuSeconds, 0) };
}

function printSummary(rows: [string, string, string][]): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  console.log('\nsummary (see the header of test/bench/kpi.bench.ts for what is measured)');
  for (const [name, value, target] of rows) {
    console.log(`  ${name.padEnd(width)}  ${value.padEnd(valueWidth)}  ${target}`.trimEnd());
  }
}

async function main(): Promise<void> {
  const events = Number(argument('--events') ?? 1_000_000);
  const rate = Number(argument('--rate') ?? 500);
  const duration = Number(argument('--seconds') ?? 30);
  const id = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  // --database NAME reuses a database a --keep run left (no import: rebuild and freshness only).
  const reused = argument('--database');
  const loadAtStart = loadavg()[0];
  const database = reused ?? `ledgerdesk_kpibench_${id}`;
  const redisKeyPrefix = `ld-kpi-bench-${id}`;
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_KEY_PREFIX: redisKeyPrefix,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  Object.assign(process.env, env, { LOG_LEVEL: 'silent' });

  const work = await mkdtemp(join(tmpdir(), 'ledgerdesk-kpi-bench-'));
  const file = join(work, 'history.ndjson');
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  if (!reused) await admin.query(`CREATE DATABASE ${database}`);
  let worker: Worker | undefined;
  let app: INestApplicationContext | undefined;
  const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
  const rows: [string, string, string][] = [];
  try {
    let started = process.hrtime.bigint();
    await prepareDatabase(reused !== undefined);
    if (!reused) {
      console.log(
        `database ${database} migrated, ${BENCH_AGENT_COUNT} agents, ${int(BENCH_ACCOUNT_COUNT)} accounts`,
      );
      started = process.hrtime.bigint();
      await generateInChildProcess(file, events);
      const { size } = await stat(file);
      console.log(
        `history generated: ${(size / 1024 / 1024).toFixed(0)} MB in ${seconds(started).toFixed(1)} s`,
      );
    }

    started = process.hrtime.bigint();
    const main = await buildWorker(join(work, 'worker'));
    console.log(`worker built in ${seconds(started).toFixed(1)} s`);

    app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    const dataSource = app.get(DataSource);
    worker = startWorker(main, join(work, 'worker'), env);
    await waitForListener(dataSource, worker);
    const idleRssKb = worker.memory().rssKb;
    console.log(`worker started (pid ${worker.process.pid}, RSS ${mb(idleRssKb)})`);

    let afterImportPeakKb = idleRssKb;
    if (!reused) {
      console.log(`\n1. end to end: import ${int(events)} events with the worker running`);
      const cpuBefore = worker.cpuSeconds();
      const postgresBefore = await postgresCpuSeconds();
      const machineBefore = machineBusySeconds();
      const benchBefore = processCpuSeconds(process.pid);
      const e2e = await endToEnd(app, file, worker);
      const workerCpu = worker.cpuSeconds() - cpuBefore;
      const postgresCpu = (await postgresCpuSeconds()) - postgresBefore;
      const machineCpu = machineBusySeconds() - machineBefore;
      const importCpu = processCpuSeconds(process.pid) - benchBefore;
      const e2eRate = e2e.events / e2e.totalSeconds;
      console.log(
        `  KPI tables fresh after ${e2e.totalSeconds.toFixed(1)} s: ${int(e2eRate)} events/s end to end ` +
          `(${int(e2e.tickets)} tickets, peak backlog ${int(e2e.peakBacklog)} tickets)`,
      );
      afterImportPeakKb = worker.memory().peakKb;
      rows.push(
        ['events imported', `${int(e2e.events)} (${int(e2e.tickets)} tickets)`, ''],
        [
          'import only (the worker running alongside)',
          `${e2e.importSeconds.toFixed(1)} s = ${int(e2e.events / e2e.importSeconds)} events/s`,
          '',
        ],
        [
          'worker process CPU in phase 1',
          `${workerCpu.toFixed(1)} s (${Math.round((100 * workerCpu) / e2e.totalSeconds)}% of a core)`,
          '',
        ],
        [
          'CPU in phase 1: import / PostgreSQL / machine',
          `${importCpu.toFixed(1)} s / ${postgresCpu.toFixed(1)} s / ${machineCpu.toFixed(1)} s of ` +
            `${(availableParallelism() * e2e.totalSeconds).toFixed(1)} core-s`,
          '',
        ],
        [
          'end to end (import → KPI tables fresh)',
          `${e2e.totalSeconds.toFixed(1)} s = ${int(e2eRate)} events/s`,
          `≥ ${int(TARGETS.eventsPerSecond)}/s: ${check(e2eRate >= TARGETS.eventsPerSecond)}`,
        ],
      );
    }

    if (!flag('--skip-rebuild')) {
      const [{ count }] = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ticket_events`,
      );
      console.log(`\n2. rebuild: RebuildKpisUseCase.execute({}) over ${int(count)} events`);
      const rebuilt = await rebuild(app);
      rows.push([
        'kpi:rebuild',
        `${rebuilt.seconds.toFixed(1)} s (${rebuilt.consistent ? 'same tables as the worker' : 'DIFFERENT tables'})`,
        `≤ ${TARGETS.rebuildSeconds} s: ${check(rebuilt.seconds <= TARGETS.rebuildSeconds && rebuilt.consistent)}`,
      ]);
    }

    if (!flag('--skip-freshness')) {
      console.log(`\n3. freshness: ${rate} live events/s for ${duration} s`);
      const fresh = await freshness(app, rate, duration);
      console.log(
        `  ${int(fresh.sent)} events in ${fresh.seconds.toFixed(1)} s (${int(fresh.sent / fresh.seconds)}/s): ` +
          `p50 ${int(fresh.p50)} ms, p95 ${int(fresh.p95)} ms, p99 ${int(fresh.p99)} ms, max ${int(fresh.max)} ms` +
          (fresh.lost > 0 ? `; ${fresh.lost} NOT REFLECTED` : ''),
      );
      if (fresh.overloaded) console.log(`  NOT SUSTAINED at ${rate}/s: ${fresh.overloaded}`);
      rows.push(
        [
          `freshness at ${rate}/s p50 / p95 / max`,
          `${int(fresh.p50)} / ${int(fresh.p95)} / ${int(fresh.max)} ms`,
          `p95 ≤ ${TARGETS.freshnessP95Ms} ms: ${check(fresh.p95 <= TARGETS.freshnessP95Ms && fresh.lost === 0 && !fresh.overloaded)}`,
        ],
        ['live events not reflected', String(fresh.lost), ''],
      );
      if (fresh.overloaded) rows.push([`${rate} live commits/s`, 'not sustained', fresh.overloaded]);
    }

    // Read before phase 4, which runs alone: the worker's writes and the floor's foreign keys
    // (added inside its transaction) would lock each other.
    const workerPeakKb = worker.memory().peakKb;
    await worker.stop();
    if (!flag('--skip-floor')) {
      const [{ count }] = await dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM ticket_events`,
      );
      // What 20,000 events/s leaves for everything (import, PostgreSQL, worker) per event.
      const budgetUs = (availableParallelism() * 1e6) / TARGETS.eventsPerSecond;
      const perEvent = (cpuSeconds: number): string => `${((cpuSeconds / count) * 1e6).toFixed(1)} µs`;
      console.log(
        `\n4. floor: PostgreSQL's CPU to store the rows of ${int(count)} events, each written once ` +
          `(INSERT … SELECT into empty copies, rolled back)`,
      );
      const withKeys = await postgresFloor(dataSource, true);
      for (const { table, rows: written, cpuSeconds } of withKeys.byTable) {
        console.log(
          `  ${table.padEnd(18)} ${int(written).padStart(10)} rows  ${cpuSeconds.toFixed(2).padStart(6)} s  ` +
            `${perEvent(cpuSeconds)} per event`,
        );
      }
      const withoutKeys = await postgresFloor(dataSource, false);
      console.log(
        `  in all ${perEvent(withKeys.cpuSeconds)} per event with the foreign keys, ` +
          `${perEvent(withoutKeys.cpuSeconds)} without them; ${int(TARGETS.eventsPerSecond)} events/s on ` +
          `${availableParallelism()} cores leaves ${budgetUs.toFixed(0)} µs per event for everything`,
      );
      rows.push([
        'PostgreSQL floor (rows written once, no parsing)',
        `${perEvent(withKeys.cpuSeconds)} per event (${perEvent(withoutKeys.cpuSeconds)} without foreign keys)`,
        `of the ${budgetUs.toFixed(0)} µs that ${int(TARGETS.eventsPerSecond)}/s leaves`,
      ]);
    }

    rows.push([
      'load average before the bench (1 min)',
      `${loadAtStart.toFixed(1)} on ${availableParallelism()} cores (other work skews every figure)`,
      '',
    ]);
    rows.push([
      'worker RSS idle / peak in import / peak',
      `${mb(idleRssKb)} / ${mb(afterImportPeakKb)} / ${mb(workerPeakKb)}`,
      '',
    ]);
    printSummary(rows);
  } finally {
    await worker?.stop();
    await app?.close();
    await rm(work, { recursive: true, force: true });
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const keys = await redis.keys(`${redisKeyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    if (flag('--keep') || reused) {
      console.log(`kept database ${database}`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
