import { AgentRole } from '../agent-role';

/** Who is calling: loaded fresh on every request, so deactivation and role changes apply at once. */
export interface AuthenticatedAgent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  teamIds: string[];
}

export interface AccessTokenClaims {
  sub: string;
  role: AgentRole;
}
