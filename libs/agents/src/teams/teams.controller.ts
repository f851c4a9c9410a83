import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
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
  async create(@Body() body: CreateTeamDto): Promise<Team> {
    const [team] = await this.teams.resolve(this.dataSource.manager, [body.name]);
    return team;
  }
}
