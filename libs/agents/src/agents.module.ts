import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { AgentEvent } from './agent-event.entity';
import { Agent } from './agent.entity';
import { AccessTokenVerifier } from './auth/access-token.verifier';
import { AgentPrincipalLoader } from './auth/agent-principal.loader';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { PasswordHasher } from './auth/password-hasher';
import { RolesGuard } from './auth/roles.guard';
import { TokenRevocations } from './auth/token-revocations';
import { AgentsController } from './manage-agents/agents.controller';
import { AgentDeactivationSteps } from './manage-agents/agent-deactivation-steps';
import { CreateAgentUseCase } from './manage-agents/create-agent.usecase';
import { UpdateAgentUseCase } from './manage-agents/update-agent.usecase';
import { MeController } from './presence/me.controller';
import { SetPresenceUseCase } from './presence/set-presence.usecase';
import { Team } from './team.entity';
import { TeamResolver } from './teams/team-resolver';
import { TeamsController } from './teams/teams.controller';

@Module({
  imports: [
    TypeOrmModule.forFeature([Agent, Team, AgentEvent]),
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwtSecret,
        signOptions: { expiresIn: config.jwtTtlSeconds, issuer: 'ledgerdesk' },
        verifyOptions: { issuer: 'ledgerdesk' },
      }),
    }),
  ],
  controllers: [MeController, AgentsController, TeamsController],
  providers: [
    AccessTokenVerifier,
    AgentPrincipalLoader,
    JwtAuthGuard,
    RolesGuard,
    PasswordHasher,
    TokenRevocations,
    AgentDeactivationSteps,
    CreateAgentUseCase,
    UpdateAgentUseCase,
    SetPresenceUseCase,
    TeamResolver,
  ],
  exports: [
    JwtModule,
    AccessTokenVerifier,
    AgentPrincipalLoader,
    JwtAuthGuard,
    RolesGuard,
    CreateAgentUseCase,
    PasswordHasher,
    TokenRevocations,
    AgentDeactivationSteps,
    SetPresenceUseCase,
  ],
})
export class AgentsModule {}
