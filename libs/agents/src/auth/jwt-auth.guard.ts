import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { AgentPrincipalLoader } from './agent-principal.loader';
import { IS_PUBLIC_ROUTE, RequestWithAgent } from './auth.decorators';
import { AccessTokenClaims } from './authenticated-agent';

/** Every HTTP route needs a valid bearer token of an active agent unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly principals: AgentPrincipalLoader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;

    const request = context.switchToHttp().getRequest<RequestWithAgent>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
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
    request.agent = principal;
    return true;
  }
}
