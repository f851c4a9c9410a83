import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { AgentPrincipalLoader } from './agent-principal.loader';
import { AccessTokenClaims, AuthenticatedAgent } from './authenticated-agent';

/**
 * Turns an access token into the agent it names, checked against the database each time so a
 * deactivation takes effect at once. Used by the HTTP guard and the socket.io gateway.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly principals: AgentPrincipalLoader,
  ) {}

  async verify(token: string | undefined): Promise<AuthenticatedAgent> {
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
    const { active: _active, ...principal } = agent;
    return principal;
  }
}
