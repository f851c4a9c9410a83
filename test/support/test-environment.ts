import { randomBytes } from 'node:crypto';

/** Where this test run keeps its state: its own database and Redis key prefix. */
export interface TestRun {
  serverUrl: string;
  databaseName: string;
  databaseUrl: string;
  redisKeyPrefix: string;
}

const RUN_FILE_VARIABLE = 'LEDGERDESK_TEST_RUN';

export function newTestRun(): TestRun {
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const id = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const databaseName = `ledgerdesk_test_${id}`;
  const serverUrl = new URL(base.toString());
  serverUrl.pathname = '/postgres';
  const databaseUrl = new URL(base.toString());
  databaseUrl.pathname = `/${databaseName}`;
  return {
    serverUrl: serverUrl.toString(),
    databaseName,
    databaseUrl: databaseUrl.toString(),
    redisKeyPrefix: `ld-test-${id}`,
  };
}

export function publishTestRun(run: TestRun): void {
  process.env[RUN_FILE_VARIABLE] = JSON.stringify(run);
  process.env.DATABASE_URL = run.databaseUrl;
  process.env.REDIS_KEY_PREFIX = run.redisKeyPrefix;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'silent';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:6379';
  // Every test logs its agents in from 127.0.0.1, many per second across the run; the per-address
  // login limit is tested with its own value (auth.e2e-spec.ts).
  process.env.LOGIN_RATE_LIMIT_PER_ADDRESS ??= '1000000';
  // Every worker a test boots runs the inbound SMTP listener: a free port each, never 2525.
  process.env.INBOUND_SMTP_PORT ??= '0';
  // Outbound mail of tests without a sink of their own (startMailRun) goes nowhere — the
  // discard port refuses it — never into the development sink `npm start` runs on 1025.
  process.env.SMTP_URL ??= 'smtp://127.0.0.1:9';
  // The sender checks of inbound mail ask no real DNS server (loopback's discard port refuses at
  // once): no test depends on the machine's network. They are tested against a DNS server of
  // their own (mail-sender-authentication.e2e-spec.ts).
  process.env.MAIL_DNS_SERVERS ??= '127.0.0.1:9';
  // Workers share the run's database: their boot sweep would close the solved tickets of other
  // files' worked examples (dated months ago) while those files look at them. Auto-close is
  // tested with its own setting (ticket-auto-close.e2e-spec.ts).
  process.env.AUTO_CLOSE_SOLVED_AFTER_DAYS ??= '0';
}

export function currentTestRun(): TestRun {
  const raw = process.env[RUN_FILE_VARIABLE];
  if (!raw) throw new Error('No test run: the e2e global setup did not run');
  return JSON.parse(raw) as TestRun;
}
