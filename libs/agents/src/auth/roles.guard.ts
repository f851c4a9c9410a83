import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AgentRole } from '../agent-role';
import { REQUIRED_ROLES, RequestWithAgent } from './auth.decorators';

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<AgentRole[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles || roles.length === 0) return true;
    const agent = context.switchToHttp().getRequest<RequestWithAgent>().agent;
    if (!agent || !roles.includes(agent.role)) {
      throw new ForbiddenException(`This action needs the role ${roles.join(' or ')}`);
    }
    return true;
  }
}
