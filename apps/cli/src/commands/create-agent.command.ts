import { AGENT_ROLES, CreateAgentDto, CreateAgentUseCase } from '@ledgerdesk/agents';
import { flattenValidationErrors } from '@ledgerdesk/shared';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command, Option } from 'commander';
import { withCliContext } from '../cli-context';

interface CreateAgentOptions {
  email: string;
  name: string;
  role: string;
  password: string;
  teams?: string;
}

export function registerCreateAgentCommand(program: Command): void {
  program
    .command('create-agent')
    .description('Create an agent (for example the first admin)')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(AGENT_ROLES).makeOptionMandatory())
    .requiredOption('--password <password>', 'at least 10 characters')
    .option('--teams <names>', 'comma-separated team names')
    .action(async (options: CreateAgentOptions) => {
      const command = plainToInstance(CreateAgentDto, {
        email: options.email,
        name: options.name,
        role: options.role,
        password: options.password,
        teams: options.teams
          ?.split(',')
          .map((team) => team.trim())
          .filter(Boolean),
      });
      const problems = flattenValidationErrors(await validate(command));
      if (problems.length > 0) {
        throw new Error(
          problems.map((problem) => `${problem.field}: ${problem.problems.join(', ')}`).join('\n'),
        );
      }
      const agent = await withCliContext((app) => app.get(CreateAgentUseCase).execute(command, null));
      console.log(`created ${agent.role} ${agent.email} (${agent.id})`);
    });
}
