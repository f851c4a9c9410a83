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
  /** The agent's token_version when issued; absent on tokens older than it (counts as 0). */
  ver?: number;
  /** The token's id, revoked on sign-out; absent on tokens older than it. */
  jti?: string;
  exp?: number;
}
