import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { AGENT_ROLES, AgentRole, Presence, PRESENCES } from '../agent-role';
import { Agent } from '../agent.entity';

const PASSWORD_RULE = { min: 10, max: 200 };

export class CreateAgentDto {
  @ApiProperty({ example: 'grace@billing.example' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'Grace Hopper' })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: AGENT_ROLES })
  @IsIn(AGENT_ROLES, { message: `role must be one of ${AGENT_ROLES.join(', ')}` })
  role!: AgentRole;

  @ApiProperty({ minLength: PASSWORD_RULE.min })
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `password must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  password!: string;

  @ApiPropertyOptional({ type: [String], description: 'Team names; missing teams are created' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(/\S/, { each: true, message: 'team names must not be blank' })
  teams?: string[];
}

export class UpdateAgentDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ enum: AGENT_ROLES })
  @IsOptional()
  @IsIn(AGENT_ROLES, { message: `role must be one of ${AGENT_ROLES.join(', ')}` })
  role?: AgentRole;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: PASSWORD_RULE.min })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_RULE.min, { message: `password must be at least ${PASSWORD_RULE.min} characters` })
  @MaxLength(PASSWORD_RULE.max)
  password?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(/\S/, { each: true, message: 'team names must not be blank' })
  teams?: string[];
}

export class SetPresenceDto {
  @ApiProperty({ enum: PRESENCES })
  @IsIn(PRESENCES, { message: `presence must be one of ${PRESENCES.join(', ')}` })
  presence!: Presence;
}

export class TeamView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class AgentView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: AGENT_ROLES }) role!: AgentRole;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: PRESENCES }) presence!: Presence;
  @ApiProperty() presenceChangedAt!: Date;
  @ApiProperty({ type: [TeamView] }) teams!: TeamView[];
  @ApiProperty() createdAt!: Date;

  static of(agent: Agent): AgentView {
    return {
      id: agent.id,
      email: agent.email,
      name: agent.name,
      role: agent.role,
      active: agent.active,
      presence: agent.presence,
      presenceChangedAt: agent.presenceChangedAt,
      teams: (agent.teams ?? []).map((team) => ({ id: team.id, name: team.name })),
      createdAt: agent.createdAt,
    };
  }
}
