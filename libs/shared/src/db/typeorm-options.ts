import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DeferredNotificationsSubscriber } from './deferred-notifications.subscriber';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The project root: the repository when running from TypeScript sources (tests, ts-node),
 * `dist/apps/<app>` when running the built output. Both hold `libs/` and `migrations/`.
 */
const PROJECT_ROOT = path.resolve(__dirname, '../../../..');

/** The one TypeORM options object, used by the Nest apps, the CLI and the tests. */
export function buildTypeOrmOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.databaseUrl,
    entities: [path.join(PROJECT_ROOT, 'libs/*/src/**/*.entity.{ts,js}')],
    migrations: [path.join(PROJECT_ROOT, 'migrations/*.{ts,js}')],
    subscribers: [DeferredNotificationsSubscriber],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: config.databasePoolSize, application_name: 'ledgerdesk' },
  };
}
