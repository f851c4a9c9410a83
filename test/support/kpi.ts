import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { HistoryLine, ndjson } from './history-import';
import { TestAgent, TestApp } from './test-app';

/** Boots the real worker (BullMQ relay and processors) on this run's database and Redis prefix. */
export async function startWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
  await worker.init();
  return worker;
}

/** Waits until the outbox holds none of these tickets (or none at all), i.e. the KPI tables are fresh. */
export async function waitForKpis(dataSource: DataSource, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ pending }] = await dataSource.query<{ pending: number }[]>(
      `SELECT count(*)::int AS pending FROM kpi_pending`,
    );
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`KPI outbox still holds ${pending} ticket(s)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function importHistory(testApp: TestApp, admin: TestAgent, lines: HistoryLine[]): Promise<void> {
  const response = await testApp
    .http()
    .post('/api/import')
    .set('authorization', admin.auth)
    .set('content-type', 'application/x-ndjson')
    .send(ndjson(lines));
  if (response.status !== 200) throw new Error(`import: ${response.status} ${JSON.stringify(response.body)}`);
}

/**
 * Gives the current test file a database of its own (freshly migrated), for tests that rebuild
 * or count desk-wide figures and must not see other files' data. Call before TestApp.start().
 * It gets a Redis key prefix of its own too (under the run's, so the run's teardown removes it):
 * sharing the run's BullMQ queues, a worker on this database took jobs queued for the run's
 * database, found none of their tickets here and completed them, leaving those tickets claimed
 * and stale for two minutes (a flaky `waitForKpis` in kpi-targets and kpi-definitions).
 */
export async function useOwnDatabase(label: string): Promise<() => Promise<void>> {
  const original = process.env.DATABASE_URL ?? '';
  const originalPrefix = process.env.REDIS_KEY_PREFIX;
  process.env.REDIS_KEY_PREFIX = `${originalPrefix ?? 'ledgerdesk'}:${label}`;
  const url = new URL(original);
  const name = `${url.pathname.slice(1)}_${label}`;
  const admin = new Client({ connectionString: original });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const { AppConfig, buildTypeOrmOptions } = await import('@ledgerdesk/shared');
  const migrations = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
  await migrations.runMigrations({ transaction: 'each' });
  await migrations.destroy();
  return async () => {
    process.env.DATABASE_URL = original;
    if (originalPrefix === undefined) delete process.env.REDIS_KEY_PREFIX;
    else process.env.REDIS_KEY_PREFIX = originalPrefix;
    const cleanup = new Client({ connectionString: original });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
}

/** A deterministic snapshot of every KPI table, for comparing incremental results with a rebuild. */
export async function kpiTables(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const [facts, contributions, agentDaily, deskDaily] = await Promise.all([
    dataSource.query(
      `SELECT ticket_id, account_id, channel, category, created_at, first_response_at, first_response_seconds,
              first_response_business_seconds, first_response_agent_id, first_response_event_id, resolved_at,
              resolution_seconds, resolution_business_seconds, resolution_agent_id, resolution_event_id, agent_contacts, contacts_before_resolution, reopens, fcr, fcr_broken_by_ticket_id,
              handle_seconds, csat_rating, csat_agent_id, csat_event_id, csat_surveys, last_event_id
         FROM kpi_ticket_facts ORDER BY ticket_id`,
    ),
    dataSource.query(`SELECT * FROM kpi_contributions ORDER BY ticket_id, kind, event_id`),
    dataSource.query(`SELECT * FROM kpi_agent_daily ORDER BY agent_id, day, kind, dimension`),
    dataSource.query(`SELECT * FROM kpi_desk_daily ORDER BY day, kind, dimension`),
  ]);
  return { facts, contributions, agentDaily, deskDaily };
}
