import { Command } from 'commander';
import { withCliContext } from '../cli-context';
import { DEMO_AGENTS, DEMO_PASSWORD } from '../demo/demo-data';
import { seedDemo } from '../demo/seed-demo';

export function registerSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description('Load demo agents and tickets (idempotent) and print the demo logins')
    .action(async () => {
      const summary = await withCliContext((app) => seedDemo(app));
      console.log(
        `demo data: ${summary.agentsCreated} agent(s), ${summary.accountsCreated} account(s), ${summary.ticketsCreated} ticket(s) and ${summary.historyEventsImported} history event(s) added`,
      );
      console.log(`demo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const agent of DEMO_AGENTS) {
        console.log(
          `  ${agent.role.padEnd(10)} ${agent.email.padEnd(24)} ${agent.name} — ${agent.teams.join(', ')}`,
        );
      }
    });
}
