import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { AppConfig } from '@ledgerdesk/shared';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Agent } from '../agent.entity';
import { AccessTokenClaims } from './authenticated-agent';
import { LoginAttempt } from './login-attempt.entity';
import { AccessTokenDto, LoginDto } from './login.dto';
import { PasswordHasher } from './password-hasher';

export interface LoginClient {
  ip?: string;
  userAgent?: string;
}

@Injectable()
export class LoginUseCase {
  constructor(
    @InjectRepository(Agent) private readonly agents: Repository<Agent>,
    @InjectRepository(LoginAttempt) private readonly attempts: Repository<LoginAttempt>,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async execute(credentials: LoginDto, client: LoginClient): Promise<AccessTokenDto> {
    const agent = await this.agents
      .createQueryBuilder('agent')
      .addSelect('agent.passwordHash')
      .where('lower(agent.email) = lower(:email)', { email: credentials.email })
      .getOne();
    const passwordMatches = await this.hasher.verify(agent?.passwordHash, credentials.password);

    if (!agent || !passwordMatches) {
      await this.record(
        credentials.email,
        agent?.id ?? null,
        false,
        agent ? 'wrong_password' : 'unknown_email',
        client,
      );
      throw new UnauthorizedException('Invalid email or password');
    }
    if (!agent.active) {
      await this.record(credentials.email, agent.id, false, 'deactivated', client);
      throw new ForbiddenException('This agent account is deactivated; ask an admin to reactivate it');
    }
    await this.record(credentials.email, agent.id, true, null, client);
    const claims: AccessTokenClaims = { sub: agent.id, role: agent.role, ver: agent.tokenVersion };
    return {
      accessToken: await this.jwt.signAsync(claims, { jwtid: randomUUID() }),
      expiresIn: this.config.jwtTtlSeconds,
    };
  }

  /** An attempt refused by the rate limit before its credentials were looked at. */
  recordThrottled(email: string, client: LoginClient): Promise<void> {
    return this.record(email, null, false, 'throttled', client);
  }

  private async record(
    email: string,
    agentId: string | null,
    succeeded: boolean,
    reason: string | null,
    client: LoginClient,
  ): Promise<void> {
    await this.attempts.insert({
      email: email.slice(0, 320),
      agentId,
      succeeded,
      reason,
      ip: client.ip ?? null,
      userAgent: client.userAgent?.slice(0, 500) ?? null,
    });
  }
}
