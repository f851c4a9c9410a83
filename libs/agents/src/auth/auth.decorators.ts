import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { AgentRole } from '../agent-role';
import { AuthenticatedAgent } from './authenticated-agent';

export { IS_PUBLIC_ROUTE, Public } from '@ledgerdesk/shared';
export const REQUIRED_ROLES = 'ledgerdesk:required-roles';

/** Only agents with one of these roles may call the route. */
export const Roles = (...roles: AgentRole[]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_ROLES, roles);

export interface RequestWithAgent {
  agent?: AuthenticatedAgent;
  headers: Record<string, string | string[] | undefined>;
}

export const CurrentAgent = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedAgent => {
    const agent = context.switchToHttp().getRequest<RequestWithAgent>().agent;
    if (!agent) throw new Error('CurrentAgent used on a public route');
    return agent;
  },
);
