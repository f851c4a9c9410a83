import { Body, Controller, Get, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParseIdPipe } from '@ledgerdesk/shared';
import { DataSource } from 'typeorm';
import { Agent } from '../agent.entity';
import { CurrentAgent, Roles } from '../auth/auth.decorators';
import { AuthenticatedAgent } from '../auth/authenticated-agent';
import { AgentView, CreateAgentDto, UpdateAgentDto } from './agent.dto';
import { CreateAgentUseCase } from './create-agent.usecase';
import { UpdateAgentUseCase } from './update-agent.usecase';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly createAgent: CreateAgentUseCase,
    private readonly updateAgent: UpdateAgentUseCase,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AgentView] })
  async list(): Promise<AgentView[]> {
    const agents = await this.dataSource
      .getRepository(Agent)
      .find({ relations: { teams: true }, order: { name: 'ASC' } });
    return agents.map((agent) => AgentView.of(agent));
  }

  @Get(':id')
  @ApiOkResponse({ type: AgentView })
  async get(@Param('id', ParseIdPipe) id: string): Promise<AgentView> {
    const agent = await this.dataSource
      .getRepository(Agent)
      .findOne({ where: { id }, relations: { teams: true } });
    if (!agent) throw new NotFoundException(`No agent with id ${id}`);
    return AgentView.of(agent);
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: AgentView })
  create(@Body() body: CreateAgentDto, @CurrentAgent() actor: AuthenticatedAgent): Promise<AgentView> {
    return this.createAgent.execute(body, actor.id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOkResponse({ type: AgentView })
  update(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: UpdateAgentDto,
    @CurrentAgent() actor: AuthenticatedAgent,
  ): Promise<AgentView> {
    return this.updateAgent.execute(id, body, actor);
  }
}
