import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Agent } from '../agent.entity';
import { CurrentAgent } from '../auth/auth.decorators';
import { AuthenticatedAgent } from '../auth/authenticated-agent';
import { AgentView, SetPresenceDto } from '../manage-agents/agent.dto';
import { SetPresenceUseCase } from './set-presence.usecase';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly setPresence: SetPresenceUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: AgentView })
  async me(@CurrentAgent() current: AuthenticatedAgent): Promise<AgentView> {
    const agent = await this.dataSource
      .getRepository(Agent)
      .findOneOrFail({ where: { id: current.id }, relations: { teams: true } });
    return AgentView.of(agent);
  }

  @Put('presence')
  @ApiOkResponse({ type: AgentView })
  async presence(
    @CurrentAgent() current: AuthenticatedAgent,
    @Body() body: SetPresenceDto,
  ): Promise<AgentView> {
    await this.setPresence.execute(current.id, body.presence);
    return this.me(current);
  }
}
