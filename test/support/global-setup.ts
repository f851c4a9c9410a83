import { Client } from 'pg';
import { register as registerTypeScript } from 'ts-node';
import { register as registerPathAliases } from 'tsconfig-paths';
import { newTestRun, publishTestRun } from './test-environment';

/**
 * Creates this run's own database and applies the real migrations to it. Test workers inherit
 * the environment published here (DATABASE_URL, REDIS_KEY_PREFIX).
 */
export default async function globalSetup(): Promise<void> {
  // TypeORM requires the migration files itself; let it load TypeScript with path aliases.
  registerTypeScript({ transpileOnly: true, project: 'tsconfig.spec.json' });
  registerPathAliases({ baseUrl: '.', paths: { '@ledgerdesk/*': ['libs/*/src'] } });

  const run = newTestRun();
  const admin = new Client({ connectionString: run.serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${run.databaseName}`);
  await admin.end();
  publishTestRun(run);

  const { AppConfig, buildTypeOrmOptions } = await import('@ledgerdesk/shared');
  const { DataSource } = await import('typeorm');
  const dataSource = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
