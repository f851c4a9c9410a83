import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgentEvent } from '../agent-event.entity';
import { Agent } from '../agent.entity';
import { AuthenticatedAgent } from '../auth/authenticated-agent';
import { PasswordHasher } from '../auth/password-hasher';
import { assertHardToGuess } from './password-strength';
import { SetPresenceUseCase } from '../presence/set-presence.usecase';
import { TeamResolver } from '../teams/team-resolver';
import { AgentDeactivationSteps } from './agent-deactivation-steps';
import { AgentView, UpdateAgentDto } from './agent.dto';

@Injectable()
export class UpdateAgentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly teams: TeamResolver,
    private readonly presence: SetPresenceUseCase,
    private readonly deactivationSteps: AgentDeactivationSteps,
  ) {}

  async execute(agentId: string, command: UpdateAgentDto, actor: AuthenticatedAgent): Promise<AgentView> {
    if (agentId === actor.id && (command.active === false || (command.role && command.role !== 'admin'))) {
      throw new ConflictException('Admins cannot deactivate or demote themselves; ask another admin');
    }
    const passwordHash = command.password ? await this.hasher.hash(command.password) : undefined;

    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Agent);
      const agent = await repository.findOne({
        where: { id: agentId },
        relations: { teams: true },
        lock: { mode: 'pessimistic_write', tables: ['agents'] },
      });
      if (!agent) throw new NotFoundException(`No agent with id ${agentId}`);
      if (command.password) {
        assertHardToGuess(command.password, { email: agent.email, name: command.name ?? agent.name });
      }

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const change = <K extends 'name' | 'role' | 'active'>(field: K, value: Agent[K] | undefined): void => {
        if (value === undefined || value === agent[field]) return;
        changes[field] = { from: agent[field], to: value };
        agent[field] = value;
      };
      change('name', command.name?.trim());
      change('role', command.role);
      change('active', command.active);
      if (command.teams) {
        const teams = await this.teams.resolve(manager, command.teams);
        const before = agent.teams.map((team) => team.name).sort();
        const after = teams.map((team) => team.name).sort();
        if (before.join('\n') !== after.join('\n')) changes.teams = { from: before, to: after };
        agent.teams = teams;
      }
      if (passwordHash) {
        agent.passwordHash = passwordHash;
        changes.password = { from: '(hidden)', to: '(changed)' };
      }
      // Every token issued until now stops working (live connections too: they are checked
      // again when the agent.updated event commits).
      if (changes.password || changes.active?.to === false) agent.tokenVersion += 1;
      if (Object.keys(changes).length > 0) {
        await repository.save(agent);
        await manager.getRepository(AgentEvent).insert({
          agentId,
          type: 'agent.updated',
          actorId: actor.id,
          payload: { changes },
        });
      }
      // Nothing stays with a deactivated agent: offline, work sessions ended, open tickets back
      // in the queue (after the save, which would otherwise write the presence it loaded back).
      if (changes.active?.to === false) {
        await this.presence.within(manager, agentId, 'offline', 'deactivated', actor.id);
        await this.deactivationSteps.run(manager, { agentId, actorId: actor.id });
      }
      return AgentView.of(
        await repository.findOneOrFail({ where: { id: agentId }, relations: { teams: true } }),
      );
    });
  }
}
