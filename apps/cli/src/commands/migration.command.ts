import { AppConfig, buildTypeOrmOptions } from '@ledgerdesk/shared';
import { Command } from 'commander';
import { DataSource } from 'typeorm';

async function withDataSource(work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const dataSource = await new DataSource(buildTypeOrmOptions(AppConfig.fromEnvironment())).initialize();
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export function registerMigrationCommands(program: Command): void {
  program
    .command('migration:run')
    .description('Apply every pending migration')
    .action(() =>
      withDataSource(async (dataSource) => {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        console.log(
          applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'schema is up to date',
        );
      }),
    );

  program
    .command('migration:revert')
    .description('Undo the most recent migration')
    .action(() =>
      withDataSource(async (dataSource) => {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('reverted the last migration');
      }),
    );

  program
    .command('migration:show')
    .description('List migrations and whether they are applied')
    .action(() =>
      withDataSource(async (dataSource) => {
        const pending = await dataSource.showMigrations();
        console.log(pending ? 'there are pending migrations' : 'schema is up to date');
      }),
    );
}
