import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { AgentPrincipalLoader } from './agent-principal.loader';
import { AccessTokenClaims, AuthenticatedAgent } from './authenticated-agent';
import { TokenRevocations } from './token-revocations';

/**
 * Turns an access token into the agent it names, checked against the database each time so a
 * deactivation takes effect at once, and refused once revoked: all of an agent's tokens by a
 * password change or deactivation (`token_version`), one token by sign-out (TokenRevocations).
 * Used by the HTTP guard and the socket.io gateway.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly principals: AgentPrincipalLoader,
    private readonly revocations: TokenRevocations,
  ) {}

  async verify(token: string | undefined): Promise<AuthenticatedAgent> {
    return (await this.verifyWithClaims(token)).agent;
  }

  /** The agent and the token's claims (for revoking it). */
  async verifyWithClaims(
    token: string | undefined,
  ): Promise<{ agent: AuthenticatedAgent; claims: AccessTokenClaims }> {
    if (!token)
      throw new UnauthorizedException('Missing bearer access token (Authorization: Bearer <token>)');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw new UnauthorizedException('Access token is invalid or expired; log in again');
    }
    const agent = isUUID(claims.sub) ? await this.principals.load(claims.sub) : undefined;
    if (!agent) throw new UnauthorizedException('Access token names an agent that does not exist');
    if (!agent.active) throw new UnauthorizedException('This agent account is deactivated');
    if ((claims.ver ?? 0) !== agent.tokenVersion || (await this.revocations.isRevoked(token, claims))) {
      throw new UnauthorizedException('Access token has been revoked; log in again');
    }
    const { active: _active, tokenVersion: _tokenVersion, ...principal } = agent;
    return { agent: principal, claims };
  }
}
