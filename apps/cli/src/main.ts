import 'reflect-metadata';
import { Command } from 'commander';
import { registerCreateAgentCommand } from './commands/create-agent.command';
import { registerImportCommand } from './commands/import.command';
import { registerImportBillingCommand } from './commands/import-billing.command';
import { registerKpiRebuildCommand } from './commands/kpi-rebuild.command';
import { registerMailSinkCommand } from './commands/mail-sink.command';
import { registerMigrationCommands } from './commands/migration.command';
import { registerSeedDemoCommand } from './commands/seed-demo.command';

const program = new Command('ledgerdesk')
  .description('Ledgerdesk command line: migrations, agents, imports, demo data')
  .showHelpAfterError();

registerMigrationCommands(program);
registerCreateAgentCommand(program);
registerImportCommand(program);
registerImportBillingCommand(program);
registerSeedDemoCommand(program);
registerKpiRebuildCommand(program);
registerMailSinkCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const conflict = (error as { response?: { message?: string } })?.response?.message;
  console.error(`error: ${conflict ?? message}`);
  process.exit(1);
});
