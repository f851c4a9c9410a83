/**
 * Imports a generated 1,000,000-line history file through the use case the CLI runs, on a
 * throwaway database it creates and drops, and prints throughput and peak memory.
 *
 *   npm run bench:import                    # 1,000,000 lines
 *   npm run bench:import -- --lines 200000 --rerun --keep
 *
 * --rerun imports the same file a second time (every line a duplicate); --keep keeps the
 * database. DATABASE_URL names the server (its database is not touched).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppConfig, buildTypeOrmOptions } from '@ledgerdesk/shared';
import { ImportHistoryUseCase, ImportReport } from '@ledgerdesk/tickets';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CliModule } from '../../apps/cli/src/cli.module';

const AGENTS = 40;
const ACCOUNTS = 20_000;
const TICKETS_PER_CHUNK = 500;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
const START = Date.UTC(2025, 0, 1);

const argument = (name: string): string | undefined => {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
};
const flag = (name: string): boolean => process.argv.includes(name);

/** A deterministic pseudo-random source, so every run imports the same file. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

const CATEGORIES = [
  'invoice_question',
  'incorrect_charge',
  'refund_request',
  'duplicate_charge',
  'plan_change',
];
const CHANNELS = ['email', 'chat', 'phone', 'web'];
const WORDS =
  'invoice charge refund card payment plan account balance credit statement period renewal discount tax'.split(
    ' ',
  );

type Line = Record<string, unknown> & { at: string };

/** One ticket's history, about LINES_PER_TICKET lines: the mix a billing desk produces. */
function ticketHistory(ticket: number, next: () => number): Line[] {
  const key = `OLD-${ticket}`;
  const agent = (): string => `agent${Math.floor(next() * AGENTS)}@bench.example`;
  const owner = agent();
  let clock = START + (ticket / 100_000) * YEAR_MS;
  const later = (maxMinutes: number): string => {
    clock += Math.ceil(next() * maxMinutes) * 60_000;
    return new Date(clock).toISOString();
  };
  const text = (words: number): string =>
    Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  let n = 0;
  const line = (type: string, fields: Record<string, unknown>): Line => ({
    id: `${key}-${++n}`,
    type,
    ticket: key,
    ...fields,
    at: (fields.at as string | undefined) ?? later(90),
  });
  const work = (): Line => {
    const at = later(30);
    return line('work', { agent: owner, at, endedAt: later(20) });
  };
  const call = (): Line => {
    const at = later(60);
    return line('call', {
      agent: owner,
      direction: next() < 0.5 ? 'inbound' : 'outbound',
      at,
      endedAt: later(15),
      holdSeconds: Math.floor(next() * 60),
      wrapUpSeconds: Math.floor(next() * 120),
    });
  };
  const customer = (): Line =>
    line('message', { author: 'customer', visibility: 'public', body: `Hello, about my ${text(30)}` });
  const reply = (): Line =>
    line('message', { author: 'agent', agent: owner, visibility: 'public', body: `Thanks. ${text(40)}` });

  const lines: Line[] = [
    line('ticket.created', {
      at: new Date(clock).toISOString(),
      channel: CHANNELS[ticket % CHANNELS.length],
      subject: `Question about ${text(4)}`,
      category: CATEGORIES[ticket % CATEGORIES.length],
      priority: next() < 0.1 ? 'high' : 'normal',
      requester: { email: `customer${ticket}@example.com`, name: `Customer ${ticket}` },
      account: `ACC-${ticket % ACCOUNTS}`,
    }),
    customer(),
    line('ticket.assigned', { agent: owner }),
    work(),
    reply(),
  ];
  if (next() < 0.3)
    lines.push(line('message', { author: 'agent', agent: agent(), visibility: 'internal', body: text(15) }));
  if (next() < 0.35) lines.push(call());
  lines.push(line('ticket.solved', { agent: owner }));
  if (next() < 0.1)
    lines.push(line('ticket.reopened', {}), customer(), reply(), line('ticket.solved', { agent: owner }));
  if (next() < 0.6) lines.push(line('csat', { rating: 1 + Math.floor(next() * 5), comment: text(6) }));
  if (next() < 0.5) lines.push(line('ticket.closed', {}));
  return lines;
}

/** Writes `total` lines, chunk by chunk in time order (as an export would), never all in memory. */
async function generateFile(path: string, total: number): Promise<void> {
  const out = createWriteStream(path);
  const next = random(42);
  let written = 0;
  let ticket = 0;
  while (written < total) {
    const chunk: Line[] = [];
    for (let i = 0; i < TICKETS_PER_CHUNK && written + chunk.length < total; i++) {
      chunk.push(...ticketHistory(ticket++, next));
    }
    chunk.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    const lines = chunk.slice(0, total - written);
    written += lines.length;
    if (!out.write(lines.map((line) => JSON.stringify(line)).join('\n') + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Generating in a child process keeps its memory out of the import's RSS figures. */
async function generateInChildProcess(file: string, total: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register',
      '-r',
      'tsconfig-paths/register',
      __filename,
      '--generate-to',
      file,
      '--lines',
      String(total),
    ],
    { stdio: 'inherit', env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' } },
  );
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`generating the file failed (exit ${code})`);
}

/** Peak resident set size and V8 heap in use, sampled every 50 ms. */
function sampleMemory(): { peak: () => { rss: number; heap: number }; stop: () => void } {
  const peak = { rss: 0, heap: 0 };
  const sample = (): void => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heap = Math.max(peak.heap, heapUsed);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    peak: () => {
      sample();
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function timedImport(
  label: string,
  useCase: ImportHistoryUseCase,
  file: string,
  size: number,
): Promise<ImportReport> {
  const memory = sampleMemory();
  const started = process.hrtime.bigint();
  let nextReport = 0.1;
  const report = await useCase.execute(createReadStream(file), {
    onProgress: (progress) => {
      if (progress.bytesRead / size < nextReport) return;
      nextReport += 0.1;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(
        `  ${label}: ${Math.round((progress.bytesRead / size) * 100)}% ${progress.read} lines, ` +
          `${seconds.toFixed(1)} s, rss ${mb(process.memoryUsage().rss)}`,
      );
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  memory.stop();
  const peak = memory.peak();
  console.log(
    `${label}: ${report.read} lines in ${seconds.toFixed(1)} s = ${Math.round(report.read / seconds)} lines/s; ` +
      `imported ${report.imported}, duplicates ${report.duplicates}, rejected ${report.rejected}; ` +
      `peak RSS ${mb(peak.rss)}, peak heap used ${mb(peak.heap)}`,
  );
  if (report.rejected > 0) console.log(report.errors.slice(0, 5));
  return report;
}

async function main(): Promise<void> {
  const total = Number(argument('--lines') ?? 1_000_000);
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = '/postgres';
  const database = `ledgerdesk_bench_${Date.now().toString(36)}`;
  const file = join(tmpdir(), `${database}.ndjson`);
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(server.toString());
  url.pathname = `/${database}`;
  process.env.DATABASE_URL = url.toString();
  process.env.LOG_LEVEL = 'silent';
  try {
    const dataSource = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO agents (email, name, role, password_hash)
       SELECT 'agent' || n || '@bench.example', 'Agent ' || n, 'agent', 'not-a-login' FROM generate_series(0, $1 - 1) n`,
      [AGENTS],
    );
    // ticket.created names an account; the import links it and refuses unknown numbers.
    await dataSource.query(
      `INSERT INTO customer_accounts (number, name, currency)
       SELECT 'ACC-' || n, 'Customer ' || n, 'EUR' FROM generate_series(0, $1 - 1) n`,
      [ACCOUNTS],
    );
    await dataSource.destroy();

    let started = Date.now();
    await generateInChildProcess(file, total);
    const { size } = await stat(file);
    console.log(
      `generated ${total} lines (${mb(size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}`,
    );

    const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
    try {
      const useCase = app.get(ImportHistoryUseCase);
      console.log(
        `before import: RSS ${mb(process.memoryUsage().rss)}, heap used ${mb(process.memoryUsage().heapUsed)}`,
      );
      await timedImport('import', useCase, file, size);
      if (flag('--rerun')) await timedImport('re-import', useCase, file, size);
      started = Date.now();
      const [counts] = await app.get(DataSource).query<Record<string, string>[]>(
        `SELECT (SELECT count(*) FROM tickets) AS tickets, (SELECT min(number) || '..' || max(number) FROM tickets) AS numbers, (SELECT count(*) FROM ticket_events) AS events,
                (SELECT count(*) FROM ticket_messages) AS messages, (SELECT count(*) FROM ticket_calls) AS calls,
                (SELECT count(*) FROM work_sessions) AS work_sessions,
                (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) n FROM tickets GROUP BY status) s) AS statuses`,
      );
      console.log('database:', counts);
    } finally {
      await app.close();
    }
  } finally {
    await rm(file, { force: true });
    if (flag('--keep')) {
      console.log(`kept database ${database}`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    }
    await admin.end();
  }
}

const generateTo = argument('--generate-to');
(generateTo ? generateFile(generateTo, Number(argument('--lines'))) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
