import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgentEvent } from '../agent-event.entity';
import { Agent } from '../agent.entity';
import { PasswordHasher } from '../auth/password-hasher';
import { TeamResolver } from '../teams/team-resolver';
import { AgentView, CreateAgentDto } from './agent.dto';
import { assertHardToGuess } from './password-strength';

@Injectable()
export class CreateAgentUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly teams: TeamResolver,
  ) {}

  async execute(command: CreateAgentDto, actorId: string | null): Promise<AgentView> {
    assertHardToGuess(command.password, command);
    const passwordHash = await this.hasher.hash(command.password);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager
        .getRepository(Agent)
        .createQueryBuilder('agent')
        .where('lower(agent.email) = lower(:email)', { email: command.email })
        .getExists();
      if (taken) throw new ConflictException(`An agent with email ${command.email} already exists`);

      const agent = manager.getRepository(Agent).create({
        email: command.email.trim(),
        name: command.name.trim(),
        role: command.role,
        passwordHash,
        active: true,
        presence: 'offline',
        teams: await this.teams.resolve(manager, command.teams ?? []),
      });
      const saved = await manager.getRepository(Agent).save(agent);
      await manager.getRepository(AgentEvent).insert({
        agentId: saved.id,
        type: 'agent.created',
        actorId,
        payload: { email: saved.email, role: saved.role, teams: saved.teams.map((team) => team.name) },
      });
      const created = await manager.getRepository(Agent).findOneOrFail({
        where: { id: saved.id },
        relations: { teams: true },
      });
      return AgentView.of(created);
    });
  }
}
