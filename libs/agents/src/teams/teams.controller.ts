import { Body, Controller, Get, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsString, Matches, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/auth.decorators';
import { Team } from '../team.entity';
import { TeamResolver } from './team-resolver';

export class CreateTeamDto {
  @ApiProperty({ example: 'Collections' })
  @IsString()
  @MaxLength(100)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly teams: TeamResolver,
  ) {}

  @Get()
  list(): Promise<Team[]> {
    return this.dataSource.getRepository(Team).find({ order: { name: 'ASC' } });
  }

  @Post()
  @Roles('admin')
  @ApiCreatedResponse({ type: Team, description: 'The new team' })
  @ApiOkResponse({
    type: Team,
    description: 'A team of that name (in any letter case) exists: it is returned, nothing is created',
  })
  async create(@Body() body: CreateTeamDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Team> {
    const { team, created } = await this.teams.findOrCreate(this.dataSource.manager, body.name);
    if (!created) reply.status(200);
    return team;
  }
}
