import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessTokenVerifier } from './access-token.verifier';
import { TokenRevocations } from './token-revocations';

/**
 * Sign-out: revokes the token it is called with (only that one; the agent's other sessions go on)
 * and tells every api instance to check the agent's live connections again (`live_agents`, the
 * channel of migration LiveAgentChanges), so a socket opened with the token is disconnected.
 */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly revocations: TokenRevocations,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute(token: string | undefined): Promise<void> {
    const { agent, claims } = await this.tokens.verifyWithClaims(token);
    await this.revocations.revoke(token as string, claims);
    await this.dataSource.query(`SELECT pg_notify('live_agents', $1)`, [agent.id]);
  }
}
